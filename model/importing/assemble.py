"""A read source document → the report: format and year detected, tables mapped, texts split."""

from __future__ import annotations

import datetime

from model import terms
from model.draft_io import YEAR_RANGE
from model.errors import ImportFailed
from model.formats import available_formats, format_for_year, load_format
from model.importing.limits import Budget
from model.importing.result import DOUBTFUL, UNREAD, Doubt, ImportResult
from model.importing.source import SourceDoc, SourceTable
from model.importing.tables import TableMapper, TableOutcome, is_table_furniture
from model.importing.texts import SECTION_IDS, TextOutcome, TextSplitter
from model.report import Report

KIND_ZH = {"docx": "Word 文件", "html": "网页", "pdf": "PDF 文件", "xlsx": "Excel 表格", "gknb": "草稿"}


def split_texts(doc: SourceDoc) -> tuple[TextOutcome, list[tuple[str, object]]]:
    """Paragraphs to the text splitter, captions and tables to the table stream (in order)."""
    splitter = TextSplitter()
    stream: list[tuple[str, object]] = []
    for block in doc.blocks:
        if isinstance(block, SourceTable):
            stream.append(("table", block))
            splitter.table()
        elif is_table_furniture(block.text):
            stream.append(("caption", block.text))
        else:
            splitter.para(block.text, block.role)
    return splitter.finish(doc.title_hints), stream


def map_tables(format_id: str, stream, budget: Budget) -> TableOutcome:
    mapper = TableMapper(format_id)
    for kind, item in stream:
        budget.check()
        if kind == "table":
            mapper.feed_table(item)
        else:
            mapper.feed_caption(item)
    score_rows = mapper.out.rows_read
    out = mapper.finish()
    out.rows_read = score_rows
    return out


def choose_format(outcomes: dict[str, TableOutcome], year: int | None, hint: str | None) -> str:
    """The format whose tables the source reads as: more rows read wins (the 2019 layout's
    columns only read as 2019); the same rows (表三 and 表四 are alike) → the year's format."""
    if hint in outcomes:
        return hint
    best = max(o.rows_read for o in outcomes.values())
    leaders = [fid for fid, o in outcomes.items() if o.rows_read == best]
    if len(leaders) == 1:
        return leaders[0]
    if year is not None:
        fid = format_for_year(year)
        if fid in leaders:
            return fid
    return sorted(leaders, key=lambda f: (len(outcomes[f].doubts), -int(f)))[0]


def assemble(doc: SourceDoc, budget: Budget) -> ImportResult:
    text, stream = split_texts(doc)
    known = doc.known
    year = known.get("year") or text.year
    if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        messages_year = f"来源中的年度 {year} 不在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间，未采用。"
        year = None
    else:
        messages_year = ""
    outcomes = {fid: map_tables(fid, stream, budget) for fid in available_formats()}
    fid = choose_format(outcomes, year, known.get("format"))
    tables = outcomes[fid]
    fmt = load_format(fid)

    texts = dict(known.get("texts") or text.texts)
    if not tables.rows_read and not text.headings and not known.get("texts"):
        raise ImportFailed(f"“{doc.name}”中没有找到政府信息公开工作年度报告的统计表或各部分标题，"
                           "不像一份年度报告，未导入。")

    messages = list(doc.messages)
    if messages_year:
        messages.append(messages_year)
    doubts: list[Doubt] = []
    year_how = terms.INFO_SHEET if known.get("year") else text.year_how
    date = known.get("date", text.date)
    if year is None:
        if date and YEAR_RANGE[0] < int(date[:4]) <= YEAR_RANGE[1] + 1:
            year = int(date[:4]) - 1
            doubts.append(Doubt("year", "", f"来源中没有找到{terms.YEAR}，按落款日期推定为 {year} 年，请核对",
                                DOUBTFUL))
        else:
            year = datetime.date.today().year - 1
            doubts.append(Doubt("year", "", f"来源中没有找到{terms.YEAR}，暂定为 {year} 年，请在“{terms.INFO_PAGE}”中改正",
                                DOUBTFUL))
    report = Report(format_id=fid, year=year, agency=known.get("agency", text.agency), date=date,
                    texts={k: v for k, v in texts.items() if k in fmt.text_keys() and v.strip()},
                    cells=dict(tables.cells), units=dict(tables.units))
    messages.insert(0, _detected(doc, fmt, report, year_how, tables, outcomes))
    if not fmt.applies_to(year):
        messages.append(f"来源的统计表是{fmt.name}，而 {year} 年度的报告应使用{load_format(format_for_year(year)).name}；"
                        "已按来源的格式导入。")
    if not known.get("texts"):
        messages.extend(text.messages)
    messages.extend(tables.messages)
    if not report.agency:
        messages.append(f"来源中没有找到{terms.AGENCY}，请在“{terms.INFO_PAGE}”中填写。")
    if text.dropped or doc.dropped:
        messages.append(f"已去掉页眉、页脚、页码和网页导航等 {text.dropped + doc.dropped} 行。")

    doubts.extend(tables.doubts)
    if not known.get("texts"):
        doubts.extend(_text_doubts(fmt, text))
    unused = tables.unused if known.get("texts") else text.unused + tables.unused
    return ImportResult(report=report, kind=doc.kind, doubtful=_ordered(fmt, doubts),
                        unused_lines=unused, messages=messages, source=doc.name)


def _detected(doc: SourceDoc, fmt, report: Report, year_how: str, tables: TableOutcome, outcomes) -> str:
    kind = KIND_ZH.get(doc.kind, doc.kind)
    read = sum(1 for c in report.cells if c in fmt.cells)
    how = f"（依据{year_how}）" if year_how else ""
    return (f"从{' ' if kind[:1].isascii() else ''}{kind}“{doc.name}”读取：{fmt.name}，{report.year} 年度{how}，"
            f"统计表读到 {tables.rows_read} 行、{read} 个数值。")


def _text_doubts(fmt, text: TextOutcome) -> list[Doubt]:
    out = []
    found = set(text.headings)
    for sec in fmt.sections:
        if sec.id in found:
            continue
        if sec.kind == "text":
            where = "正文未单独读取（可能并入了前一部分）" if found else "正文未读取"
            out.append(Doubt(sec.id, "", f"来源中没有找到“{sec.heading}”的标题，{where}", UNREAD))
    if "s1" not in found and text.texts.get("preamble"):
        out.append(Doubt("preamble", text.texts["preamble"][:40], "没有找到“一、总体情况”，前言中可能混有第一部分的内容",
                         DOUBTFUL))
    return out


def _ordered(fmt, doubts: list[Doubt]) -> list[Doubt]:
    """Details first, then texts in report order, then cells in format order."""
    order = {k: i for i, k in enumerate(["year", "agency", "date", "preamble", *SECTION_IDS, "closing"])}
    cells = {cid: i for i, cid in enumerate(fmt.cells)}
    return sorted(doubts, key=lambda d: (0, order[d.key]) if d.key in order else (1, cells.get(d.key, 10 ** 6)))


"""Fuzzing the import door, as the draft reader is fuzzed: whatever a file holds, importing it either
gives a report the app can use (valid values, savable as a draft and read back unchanged) or raises
ImportFailed with a Chinese message — never another exception.  And this app's own exports of any
report come back with every number as it was.

NIANBAO_FUZZ_EXAMPLES=500 python -m pytest tests/test_fuzz_import.py  runs a larger count.
"""

from __future__ import annotations

import io
import random
import zipfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from model.draft_io import dumps, loads
from model.errors import ImportFailed
from model.formats import load_format
from model.importing import import_report
from model.importing.assemble import assemble
from model.importing.isolated import import_isolated
from model.importing.limits import Budget
from model.importing.source import SCell, SourceDoc, SourceTable
from model.report import Report
from tests import import_sources as S
from tests.test_fuzz_draft import assert_chinese_message, assert_valid_report, fuzz

F21, F19 = load_format("2021"), load_format("2019")
TEXT_KEYS = set(F21.text_keys()) | {"year", "agency", "date"}

# What real tables and pages are made of: the formats' own labels, captions, headings, numbers in
# every printed form, marks for none, and junk.
LABELS = sorted({r.label for f in (F21, F19) for t in f.tables.values() for r in t.rows if r.label}
                | {c.label for f in (F21, F19) for cell in f.cells.values() for c in [cell.column]}
                | {"申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "信息内容",
                   "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}
                | {t.caption for f in (F21, F19) for t in f.tables.values() if t.caption})
HEADINGS = [s.heading for s in F21.sections] + ["五、政府信息公开工作存在的主要问题及改进情况", "第一部分 总体情况"]
VALUES = ["0", "1", "12", "１５", "1,208", "2,345件", "—", "/", "无", "", "75394432.52元", "96171.6万元", "-3",
          "3.5", "12a", "1e9", "999999999999999", "NaN", "（空）", "0.0000001"]
cell_text = st.one_of(st.sampled_from(LABELS), st.sampled_from(VALUES), st.sampled_from(HEADINGS),
                      st.text(max_size=12))


@st.composite
def source_tables(draw):
    n_rows = draw(st.integers(1, 30))
    n_cols = draw(st.integers(1, 16))
    cells = []
    taken: set[tuple[int, int]] = set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in taken:
                continue
            rs = draw(st.sampled_from([1, 1, 1, 2, 3, 25]))
            cs = draw(st.sampled_from([1, 1, 1, 2, 3, 7, 15]))
            rs, cs = min(rs, n_rows - r), min(cs, n_cols - c)
            area = {(i, k) for i in range(r, r + rs) for k in range(c, c + cs)}
            if area & taken:
                rs = cs = 1
                area = {(r, c)}
            taken |= area
            cells.append(SCell(draw(cell_text), r, c, rs, cs))
    return SourceTable(cells, n_rows, n_cols, draw(st.sampled_from(["", "第 2 页"])),
                       frozenset(draw(st.sets(st.integers(0, n_rows - 1), max_size=2))))


blocks = st.lists(st.one_of(
    st.builds(lambda t: ("p", t), st.one_of(st.sampled_from(HEADINGS), st.sampled_from(LABELS), st.text(max_size=40),
                                            st.sampled_from(["平潭综合实验区2024年度政府信息公开工作年度报告",
                                                             "二〇二五年一月二十日", "某某局", "（文字描述）"]))),
    source_tables().map(lambda t: ("t", t))), max_size=14)


def check_result(result) -> None:
    r = result.report
    assert_valid_report(r)
    assert result.kind in ("docx", "html", "pdf", "xlsx", "gknb")
    fmt = r.fmt
    for d in result.doubtful:
        assert d.key in fmt.cells or d.key in TEXT_KEYS, d.key
        assert isinstance(d.source, str) and d.reason
    assert all(isinstance(x, str) for x in result.unused_lines + result.messages)
    # Savable as a draft and read back unchanged (what the window and the CLI do with it).
    back = loads(dumps(r))
    assert back.cells == r.cells and back.texts == r.texts and back.units == r.units
    assert (back.year, back.agency, back.date, back.format_id) == (r.year, r.agency, r.date, r.format_id)


def import_or_refuse(path: Path) -> None:
    try:
        result = import_report(path)
    except ImportFailed as exc:
        assert_chinese_message(exc)
        return
    check_result(result)


@fuzz(80)
@given(blocks)
def test_any_paragraphs_and_tables_map_or_refuse(items):
    doc = SourceDoc("docx", "fuzz.docx")
    for kind, item in items:
        if kind == "p":
            doc.add_para(item)
        else:
            doc.add_table(item)
    try:
        result = assemble(doc, Budget())
    except ImportFailed as exc:
        assert_chinese_message(exc)
        return
    check_result(result)


def _mutate(data: bytes, rnd: random.Random, edits: int) -> bytes:
    b = bytearray(data)
    for _ in range(edits):
        how = rnd.random()
        at = rnd.randrange(len(b)) if b else 0
        if how < 0.5 and b:
            b[at] = rnd.randrange(256)
        elif how < 0.7:
            b[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
        elif how < 0.9 and b:
            del b[at:at + rnd.randint(1, 64)]
        else:
            del b[rnd.randrange(len(b) // 2, len(b)) if len(b) > 2 else 0:]
    return bytes(b)


SOURCES = {"docx": S.build_a_docx(), "html": S.build_b_page(), "xlsx": S.build_a_official_xlsx(),
           "htm": S.PINGTAN.read_bytes()}


@fuzz(40)
@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 2 ** 32), st.integers(1, 40))
def test_corrupted_files_import_or_refuse(tmp_path_factory, kind, seed, edits):
    path = tmp_path_factory.mktemp("fz") / f"report.{kind}"
    path.write_bytes(_mutate(SOURCES[kind], random.Random(seed), edits))
    import_or_refuse(path)


def _docx_with(xml_edit) -> bytes:
    source = SOURCES["docx"]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = xml_edit(data)
            zout.writestr(info.filename, data)
    return out.getvalue()


@fuzz(30)
@given(st.lists(st.tuples(st.integers(0, 400), cell_text), max_size=25),
       st.lists(st.tuples(st.integers(0, 200), st.sampled_from(["0", "-1", "2", "999999", "x", "", "3.5"])), max_size=6),
       st.lists(st.tuples(st.integers(0, 200), st.sampled_from(["continue", "restart", "bogus"])), max_size=6))
def test_word_files_with_any_cell_texts_and_spans(tmp_path_factory, texts, spans, merges):
    import re
    from xml.sax.saxutils import escape

    def edit(xml: bytes) -> bytes:
        s = xml.decode("utf-8")
        runs = list(re.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", s))
        for i, text in texts:
            if runs:
                m = runs[i % len(runs)]
                s = s[:m.start(1)] + escape(text) + s[m.end(1):]
                runs = list(re.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", s))
        cells = [m.start() for m in re.finditer(r"<w:tcPr>", s)]
        for i, value in spans:
            if cells:
                at = cells[i % len(cells)] + len("<w:tcPr>")
                s = s[:at] + f'<w:gridSpan w:val="{value}"/>' + s[at:]
                cells = [m.start() for m in re.finditer(r"<w:tcPr>", s)]
        for i, value in merges:
            if cells:
                at = cells[i % len(cells)] + len("<w:tcPr>")
                s = s[:at] + f'<w:vMerge w:val="{value}"/>' + s[at:]
                cells = [m.start() for m in re.finditer(r"<w:tcPr>", s)]
        return s.encode("utf-8")

    path = tmp_path_factory.mktemp("fz") / "report.docx"
    path.write_bytes(_docx_with(edit))
    import_or_refuse(path)


@fuzz(30)
@given(st.lists(st.lists(st.tuples(cell_text, st.sampled_from(["", "0", "1", "2", "3", "-4", "x", "99999", "2.5"]),
                                   st.sampled_from(["", "0", "1", "2", "7", "15", "99999", "abc"])),
                         min_size=1, max_size=12), min_size=1, max_size=20))
def test_pages_with_any_tables(tmp_path_factory, rows):
    from html import escape

    html = []
    for row in rows:
        cells = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs else "") + (f' colspan="{cs}"' if cs else "")
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        html.append("<tr>" + "".join(cells) + "</tr>")
    page = S.build_b_page("utf-8", "utf-8").decode("utf-8")
    page = page.replace("<p>五、", "<table>" + "".join(html) + "</table><p>五、", 1)
    path = tmp_path_factory.mktemp("fz") / "page.html"
    path.write_text(page, encoding="utf-8")
    import_or_refuse(path)


PDF_SOURCES = [S.DATA / "a-template-libreoffice.pdf", S.DATA / "c-2019-libreoffice.pdf"]


@fuzz(6)
@given(st.sampled_from(PDF_SOURCES), st.integers(0, 2 ** 32), st.integers(1, 30))
def test_corrupted_pdfs_import_or_refuse_in_the_child(tmp_path_factory, source, seed, edits):
    """Through the child process, as the window runs it: a corrupted PDF may make pdfminer slow."""
    path = tmp_path_factory.mktemp("fz") / "report.pdf"
    path.write_bytes(_mutate(source.read_bytes(), random.Random(seed), edits))
    try:
        result = import_isolated(path, timeout=60)
    except ImportFailed as exc:
        assert_chinese_message(exc)
        return
    check_result(result)


# -- this app's own exports come back unchanged -----------------------------------------------------
def _value(cell, draw):
    col = cell.column
    if col.type == "decimal":
        return draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal("99999999"), places=min(col.decimals, 4),
                                                     allow_nan=False, allow_infinity=False)))
    if col.type == "signed_integer":
        return draw(st.one_of(st.none(), st.integers(-999, 999)))
    return draw(st.one_of(st.none(), st.integers(0, 99999)))


@st.composite
def reports(draw, format_id=None):
    fid = format_id or draw(st.sampled_from(["2021", "2019"]))
    fmt = load_format(fid)
    year = draw(st.integers(2019, 2030)) if fid == "2021" else draw(st.integers(2019, 2020))
    r = Report(format_id=fid, year=max(year, fmt.first_year), agency=draw(st.sampled_from(["某某局", "测试县人民政府办公室"])),
               date=draw(st.sampled_from(["", "2025-01-20"])))
    for cid in fmt.input_ids:
        v = _value(fmt.cells[cid], draw)
        if v is not None:
            r.cells[cid] = Decimal(v).normalize() if isinstance(v, Decimal) else v
            if isinstance(v, Decimal):
                d = r.cells[cid]
                r.cells[cid] = d.quantize(Decimal(1)) if d == d.to_integral_value() else d
            if fmt.cells[cid].column.unit_choices:
                r.units[cid] = draw(st.sampled_from(["元", "万元"]))
    r.texts = {k: draw(st.sampled_from(["本年度工作平稳。", "一是……\n二是……", "（一）主动公开\n全年公开120条。"]))
               for k in ("preamble", "s1", "s5", "s6")}
    return r


def _assert_same_numbers(report: Report, back: Report) -> None:
    values = report.values()
    got = {cid: back.cells.get(cid) for cid in report.fmt.cells}
    want = {cid: values.get(cid) for cid in report.fmt.cells}
    assert got == want
    assert back.units == {k: v for k, v in report.units.items() if k in report.cells}


@fuzz(15)
@given(reports())
def test_own_xlsx_of_any_report_comes_back(tmp_path_factory, report):
    from export.xlsx_report import write_xlsx

    path = tmp_path_factory.mktemp("fz") / "own.xlsx"
    write_xlsx(report, path)
    back = import_report(path).report
    assert back.format_id == report.format_id and back.year == report.year
    _assert_same_numbers(report, back)
    assert back.texts == report.texts


@fuzz(4)
@given(reports())
def test_own_pdf_of_any_report_comes_back(tmp_path_factory, report):
    from export.pdf_report import write_pdf

    path = tmp_path_factory.mktemp("fz") / "own.pdf"
    write_pdf(report, path)
    result = import_report(path)
    back = result.report
    assert back.format_id == report.format_id and back.year == report.year
    _assert_same_numbers(report, back)
    assert back.texts == report.texts

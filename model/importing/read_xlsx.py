"""A workbook (.xlsx) → the report: this app's own export, or the official tables laid out in Excel.

This app's export has a first sheet 「报告信息」 (details, then each text one paragraph per row, a
long paragraph continued in rows marked 「（接上行）」 — see export/xlsx_info_sheet.py) and one sheet
per table section.  Any other workbook is read sheet by sheet: a row with one text (a heading, a
caption) is a line; runs of other rows are tables, with merged ranges as spans.  Cached values are
read (data_only): formulas are never evaluated.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from model import terms
from model.errors import ImportFailed
from model.formats import available_formats, load_format
from model.importing.limits import MAX_TABLE_CELLS, MAX_TABLE_COLS, MAX_TABLE_ROWS, Budget, open_office_zip
from model.importing.source import SCell, SourceDoc, SourceTable
from model.importing.tables import caption_numeral
from model.importing.texts import SECTION_IDS, heading_match, parse_date

WHAT = "Excel 文件"
# The app's own export (export/xlsx_info_sheet.py) writes these same words (model/terms.py).
INFO_SHEET = terms.INFO_SHEET
CONTINUED = terms.CONTINUED
DETAIL_LABELS = {terms.AGENCY: "agency", terms.YEAR: "year", terms.FORMAT: "format", terms.DATE: "date"}
# The texts' names as the export writes them (model/terms.py), and as exports before 0.2 wrote them.
TEXT_LABELS = {**{name: key for key, name in terms.EXTRA_TEXT_NAMES.items()},
               "前言": "preamble", "结束语": "closing"}
END_LABELS = (terms.REMARKS_HEADING,)


def read_xlsx(name: str, data: bytes, budget: Budget) -> SourceDoc:
    open_office_zip(data, name, WHAT, "xl/workbook.xml", "工作簿", budget)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False,
                                    keep_vba=False, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        raise ImportFailed(f"“{name}”无法作为 Excel 工作簿打开（{type(exc).__name__}），文件可能已损坏。") from None
    doc = SourceDoc("xlsx", name)
    for ws in wb.worksheets:
        budget.check()
        if ws.title == INFO_SHEET:
            _info_sheet(ws, doc)
        else:
            _sheet(ws, doc, budget)
    return doc


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        d = Decimal(repr(value))
        return str(int(d)) if d == d.to_integral_value() and abs(d) < 10 ** 15 else format(d.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def shown_text(cell) -> str:
    """A cell's text as the sheet shows it: a number with a unit in its number format
    (0.00"万元", as this app writes the 2019 采购总金额) carries that unit."""
    value = cell.value
    text = cell_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        fmt = cell.number_format or ""
        for unit in ("万元", "元", "件"):
            if f'"{unit}"' in fmt:
                return text + unit
    return text


def _extent(ws) -> tuple[int, int]:
    """Rows and columns that hold a value (styles alone do not count: a sheet formatted down to
    row 1,048,576 holds a few dozen rows)."""
    max_r = max_c = 0
    for (r, c), cell in ws._cells.items():  # openpyxl's cell store: only cells that exist
        if cell.value is not None and str(cell.value).strip():
            max_r, max_c = max(max_r, r), max(max_c, c)
    if max_r > MAX_TABLE_ROWS or max_c > MAX_TABLE_COLS or max_r * max_c > 4 * MAX_TABLE_CELLS:
        raise ImportFailed(f"工作表“{ws.title}”有 {max_r} 行 × {max_c} 列数据，远大于年度报告的统计表，"
                           "不像一份年度报告，未导入。")
    return max_r, max_c


def _info_sheet(ws, doc: SourceDoc) -> None:
    """The app's own 「报告信息」 sheet: details and texts as they were written."""
    known = doc.known
    texts: dict[str, list[str]] = {}
    key = None
    fmt_names = {load_format(f).name: f for f in available_formats()}
    max_r, _ = _extent(ws)
    for r in range(1, max_r + 1):
        label = cell_text(ws.cell(r, 1).value).strip()
        value = ws.cell(r, 2).value
        text = cell_text(value)
        first_line = label.split("\n")[0].strip()
        if first_line in END_LABELS:
            break
        if first_line in DETAIL_LABELS:
            what = DETAIL_LABELS[first_line]
            key = None
            if what == "year":
                try:
                    known["year"] = int(Decimal(text))
                except (ArithmeticError, ValueError):
                    pass
            elif what == "format":
                if text.strip() in fmt_names:
                    known["format"] = fmt_names[text.strip()]
            elif what == "date":
                iso = text[:10] if len(text) >= 10 and text[4:5] == "-" else parse_date(text)
                known["date"] = iso if _valid_iso(iso) else ""
            else:
                known["agency"] = text.strip()
            continue
        new_key = TEXT_LABELS.get(first_line) or next(
            (sid for sid in SECTION_IDS if heading_match(first_line, sid)[0]), None)
        if new_key:
            key = new_key
            texts[key] = [text]
            continue
        if key is None:
            continue
        if label == CONTINUED:
            texts[key][-1] += text
        elif not label:
            texts[key].append(text)
        else:
            key = None
    # Every text the sheet lists, an empty one too: the sheet says what each text is, so none is
    # then looked for by its heading (a report without texts yet is not "heading not found").
    known["texts"] = {k: "\n".join(v).strip("\n") if "".join(v).strip() else "" for k, v in texts.items()}
    doc.known = known


def _valid_iso(iso: str) -> bool:
    try:
        datetime.date.fromisoformat(iso)
        return True
    except (TypeError, ValueError):
        return False


def _sheet(ws, doc: SourceDoc, budget: Budget) -> None:
    max_r, max_c = _extent(ws)
    if not max_r:
        return
    anchors: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) → (rowspan, colspan)
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row, rng.min_col
        if r0 > max_r or c0 > max_c:
            continue
        r1, c1 = min(rng.max_row, max_r), min(rng.max_col, max_c)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_TABLE_CELLS:
            raise ImportFailed(f"工作表“{ws.title}”中有异常大的合并单元格，未导入。")
        anchors[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    store = ws._cells
    run: list[int] = []

    def flush():
        if run:
            doc.add_table(_table(run, max_c, anchors, covered, store, ws.title))
            run.clear()

    for r in range(1, max_r + 1):
        if r % 200 == 0:
            budget.check()
        filled = [(c, cell_text(store[(r, c)].value)) for c in range(1, max_c + 1)
                  if (r, c) in store and cell_text(store[(r, c)].value).strip()]
        present = [c for c in range(1, max_c + 1) if (r, c) in store or (r, c) in covered]
        if not filled:
            if run and present:
                run.append(r)  # an empty row of the table (a blank 表四 row)
            else:
                flush()
            continue
        if len(filled) == 1:
            c, text = filled[0]
            span = anchors.get((r, c), (1, 1))[1]
            lone = span >= 2 or len(present) <= 1
            if lone or caption_numeral(text) or any(heading_match(text, s)[0] for s in SECTION_IDS):
                if caption_numeral(text):
                    run.append(r)  # 表二's block captions belong with its rows
                    continue
                flush()
                doc.add_para(text)
                continue
        run.append(r)
    flush()


def _table(rows: list[int], max_c: int, anchors, covered, store, title: str) -> SourceTable:
    index = {r: i for i, r in enumerate(rows)}
    cells: list[SCell] = []
    for r in rows:
        for c in range(1, max_c + 1):
            if (r, c) in covered:
                continue
            rs, cs = anchors.get((r, c), (1, 1))
            # A merged range reaching past this run (or over skipped rows) ends where the run does.
            span_rows = [x for x in range(r, r + rs) if x in index]
            rs = len(span_rows) if span_rows and span_rows[-1] - r + 1 == len(span_rows) else 1
            text = shown_text(store[(r, c)]) if (r, c) in store else ""
            cells.append(SCell(text, index[r], c - 1, rs, cs))
    return SourceTable(cells, len(rows), max_c, f"工作表“{title}”")

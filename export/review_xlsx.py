"""「审核情况表.xlsx」: the review of every unit, for sending reports back to the units.

Sheet 「审核情况」 has one row per unit (status, counts, the main problem); 「问题明细」 every finding
of every unit with where to fix it, filterable by unit in Excel or WPS; 「未读取的文件」 what in
the folder was not a report.  User text (unit names, file names, messages quoting a cell) is
stored literally: never a formula, never markup.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export.xlsx_cells import set_text
from export.xlsx_text import line_count, row_height_pt
from model import terms
from model.atomic_file import write_atomic
from model.checks import ERROR
from model.errors import DraftWriteError
from model.review_table import (DUPLICATE, HAS_ERRORS, MISSING, OK, SKIPPED, UNREADABLE, WRONG_YEAR,
                                Review, ReviewRow)

SONG = "宋体"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
STATUS_FILL = {
    OK: PatternFill("solid", fgColor="E2EFDA"),
    HAS_ERRORS: PatternFill("solid", fgColor="F8CBAD"),
    UNREADABLE: PatternFill("solid", fgColor="F8CBAD"),
    MISSING: PatternFill("solid", fgColor="FFE699"),
    DUPLICATE: PatternFill("solid", fgColor="FFE699"),
    WRONG_YEAR: PatternFill("solid", fgColor="FFE699"),
}
SUMMARY_COLUMNS = (("序号", 6), ("单位", 26), ("名单中的名称", 20), ("状态", 10), ("错误", 7), ("提示", 7),
                   ("年度", 8), ("格式", 14), ("文件", 24), ("类型", 7), ("主要问题或说明", 64))
DETAIL_COLUMNS = (("序号", 6), ("单位", 30), ("文件", 30), ("类别", 8), ("位置", 26), ("问题", 90))
SKIPPED_COLUMNS = (("文件", 50), ("原因", 60))


def title_of(review: Review) -> str:
    year = f"{review.year}年度" if review.year else ""
    return f"{year}政府信息公开工作年度报告审核情况表"


def build_review_workbook(review: Review, now: datetime | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "审核情况"
    _summary_sheet(ws, review, now or datetime.now())
    _detail_sheet(wb.create_sheet("问题明细"), review)
    if review.skipped:
        _skipped_sheet(wb.create_sheet("未读取的文件"), review)
    wb.properties.title = title_of(review)
    wb.properties.creator = "年报助手"
    return wb


def _header(ws: Worksheet, row: int, columns) -> None:
    for c, (label, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=c)
        set_text(cell, label)
        cell.font = Font(name=SONG, size=11, bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[row].height = 22
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.auto_filter.ref = f"A{row}:{get_column_letter(len(columns))}{row}"


def _put(ws: Worksheet, row: int, col: int, value, wrap: bool = False, fill=None, center=False) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        set_text(cell, str(value))
    cell.font = Font(name=SONG, size=10.5)
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center" if center else "left", vertical="center", wrap_text=wrap)
    if fill is not None:
        cell.fill = fill


BODY_PT = 10.5
MAX_ROW_PT = 409  # Excel's tallest row


def _fit_row(ws: Worksheet, row: int, columns, values, wrapped) -> None:
    """Wrapped text does not grow a row by itself in Excel or LibreOffice: set the height."""
    lines = max((line_count(str(v), columns[c - 1][1], BODY_PT) for c, v in enumerate(values, start=1)
                 if c in wrapped and v), default=1)
    ws.row_dimensions[row].height = min(row_height_pt(lines, BODY_PT), MAX_ROW_PT)


def _page(ws: Worksheet, title_rows: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{title_rows}:{title_rows}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _summary_sheet(ws: Worksheet, review: Review, now: datetime) -> None:
    n = len(SUMMARY_COLUMNS)
    set_text(ws.cell(row=1, column=1), title_of(review))
    ws.cell(row=1, column=1).font = Font(name=SONG, size=16, bold=True)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.row_dimensions[1].height = 30
    line = f"{review.count_text()}。"
    if review.unit_list is not None:
        line += f"名单：{review.unit_list.source}（{len(review.unit_list.names)} 个单位）。"
    if review.last_source:
        line += f"上年报告：{review.last_source}。"
    line += f"生成时间：{now:%Y-%m-%d %H:%M}。"
    set_text(ws.cell(row=2, column=1), line)
    ws.cell(row=2, column=1).font = Font(name=SONG, size=10.5)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    _header(ws, 3, SUMMARY_COLUMNS)
    for i, row in enumerate(review.rows, start=1):
        r = 3 + i
        values = (i, row.unit, row.listed, row.status, row.errors if row.report else None,
                  row.warnings if row.report else None, row.year, row.format_name, row.file, row.kind,
                  _main_problem(row))
        for c, v in enumerate(values, start=1):
            _put(ws, r, c, v, wrap=c in (2, 3, 8, 9, 11), center=c in (1, 4, 5, 6, 7, 10),
                 fill=STATUS_FILL.get(row.status) if c == 4 else None)
        _fit_row(ws, r, SUMMARY_COLUMNS, values, (2, 3, 8, 9, 11))
    _page(ws, 3)


def _main_problem(row: ReviewRow) -> str:
    lines = []
    first = row.problem_text()
    if first:
        lines.append(first)
    for note in row.all_notes:
        if note not in lines:
            lines.append(note)
    return "\n".join(lines)


def _detail_sheet(ws: Worksheet, review: Review) -> None:
    _header(ws, 1, DETAIL_COLUMNS)
    r, n = 1, 0
    for row in review.rows:
        lines = _detail_lines(row)
        for kind, where, text in lines:
            r += 1
            n += 1
            values = (n, row.unit, row.file, kind, where, text)
            for c, v in enumerate(values, start=1):
                _put(ws, r, c, v, wrap=c in (2, 3, 5, 6), center=c in (1, 4),
                     fill=STATUS_FILL[HAS_ERRORS] if c == 4 and kind == "错误" else None)
            _fit_row(ws, r, DETAIL_COLUMNS, values, (2, 3, 5, 6))
    _page(ws, 1)


def _detail_lines(row: ReviewRow) -> list[tuple[str, str, str]]:
    out = []
    if row.status == UNREADABLE:
        out.append(("无法读取", "", row.read.error if row.read else ""))
    elif row.status == MISSING:
        out.append(("未报送", "", "名单中的单位，没有找到其报告文件。"))
    for note in row.all_notes:
        if row.status == MISSING and note.startswith("名单中的单位"):
            continue
        out.append((SKIPPED if row.status == SKIPPED else "说明", "", note))
    if row.report is not None:
        headings = {s.id: s.heading for s in row.report.fmt.sections}
        headings["info"] = terms.INFO_PAGE
        for f in row.findings:
            out.append(("错误" if f.severity == ERROR else "提示", headings.get(f.section, ""), f.message))
    return out


def _skipped_sheet(ws: Worksheet, review: Review) -> None:
    _header(ws, 1, SKIPPED_COLUMNS)
    for i, s in enumerate(review.skipped, start=2):
        _put(ws, i, 1, s.name, wrap=True)
        _put(ws, i, 2, s.reason, wrap=True)
        _fit_row(ws, i, SKIPPED_COLUMNS, (s.name, s.reason), (1, 2))
    _page(ws, 1)


def build_review_xlsx(review: Review, now: datetime | None = None) -> bytes:
    buf = io.BytesIO()
    build_review_workbook(review, now).save(buf)
    return buf.getvalue()


def write_review_xlsx(review: Review, path: Path) -> None:
    """Write atomically; a file open in Excel or WPS gets the usual advice."""
    path = Path(path)
    data = build_review_xlsx(review)
    try:
        write_atomic(path, data, keep_backup=False)
    except DraftWriteError as exc:
        try:
            exists = path.exists()
        except (OSError, ValueError):
            exists = False
        if exists:
            raise DraftWriteError(f"{exc} 如果该文件正在 Excel 或 WPS 中打开，请先关闭它再导出。") from exc
        raise

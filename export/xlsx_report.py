"""The XLSX for the supervising office: report details and texts, then one sheet per table.

Each table sheet draws the section's Grid from model.grid.layout_section — the same Grid the
window and the PDF draw — so the workbook always has the official layout.  Values are stored as
values (totals included; no formulas), user text as literal text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook

from export.output_file import write_output
from export.xlsx_grid_sheet import write_grid_sheet
from export.xlsx_info_sheet import SHEET_NAME as INFO_SHEET, InfoSheetWriter, page_setup
from export.xlsx_styles import StylePalette
from export.xlsx_text import xml_safe
from model.grid import layout_section
from model.report import Report
from model.terms import APP_NAME

# Short sheet names for the official tables (tab labels must be short to be readable).
SHORT_NAMES = {"t2": "主动公开", "t3": "依申请公开", "t4": "复议诉讼"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
HEADER_MAX = 120  # of Excel's 255 header characters; "&&" escapes may double some


def sheet_name_for(no: str, heading: str, grid_id: str, taken: set[str]) -> str:
    short = SHORT_NAMES.get(grid_id)
    name = f"{no}、{short}" if short else heading
    name = _SHEET_FORBIDDEN.sub("", name).strip("'")[:SHEET_NAME_MAX] or grid_id
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def build_workbook(report: Report) -> Workbook:
    fmt = report.fmt
    values = report.values()
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    palette = StylePalette(info)

    taken = {INFO_SHEET}
    table_sheets: dict[str, str] = {}
    removed_in_tables: dict[str, int] = {}
    for sec in fmt.sections:
        if sec.kind != "tables":
            continue
        grid = layout_section(fmt, sec.id)
        name = sheet_name_for(sec.no, sec.heading, grid.id, taken)
        ws = wb.create_sheet(name)
        result = write_grid_sheet(ws, fmt, grid, sec.heading, values, _allowed_units(report), palette)
        table_sheets[sec.id] = name
        if result.removed_chars:
            removed_in_tables[f"工作表「{name}」"] = result.removed_chars
        ws.oddHeader.center.text = _header_text(report.title)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    InfoSheetWriter(info, palette).write(report, table_sheets, removed_in_tables)
    page_setup(info)
    info.oddFooter.center.text = "第 &P 页，共 &N 页"

    wb.properties.title = xml_safe(report.title)[0]
    wb.properties.creator = APP_NAME
    wb.properties.lastModifiedBy = APP_NAME
    wb.properties.subject = fmt.format_title
    return wb


def _header_text(title: str) -> str:
    # "&" starts a header code in Excel (a literal one is "&&"); Excel refuses a header over
    # 255 characters, so a very long agency name is shortened there (the sheet has it whole).
    text = xml_safe(title)[0]
    if len(text) > HEADER_MAX:
        text = text[:HEADER_MAX - 1] + "…"
    return text.replace("&", "&&")


def _allowed_units(report: Report) -> dict[str, str]:
    """Only a unit the cell allows goes into a number format: a unit from a file is text, and
    `元\x01` or `";[Red]@;"` in a number format makes a workbook Excel and LibreOffice refuse."""
    return {c: u for c in report.units if (u := report.unit_of(c)) is not None}


def build_xlsx(report: Report) -> bytes:
    buf = io.BytesIO()
    build_workbook(report).save(buf)
    return buf.getvalue()


def write_xlsx(report: Report, path: Path) -> None:
    """Write the XLSX atomically: a failed export never leaves half a file behind."""
    write_output(Path(path), build_xlsx(report), "Excel 或 WPS")

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

from export.gc_hold import full_passes_held
from export.output_file import OPENED_IN, write_output
from export.progress import NO_METER, Meter
from export.xlsx_grid_sheet import write_grid_sheet
from export.xlsx_info_sheet import SHEET_NAME as INFO_SHEET, InfoSheetWriter, page_setup, text_order
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


def build_workbook(report: Report, meter: Meter = NO_METER) -> Workbook:
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
        meter.add(_Work.TABLE)

    tick = (lambda n: meter.add(_Work.TEXT_PER_CHAR * n)) if meter is not NO_METER else None
    InfoSheetWriter(info, palette, tick).write(report, table_sheets, removed_in_tables)
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


def build_xlsx(report: Report, progress=None) -> bytes:
    meter = Meter(progress, _Work.estimate(report)) if progress else NO_METER
    data = _build(report, meter)
    meter.finish()
    return data


def write_xlsx(report: Report, path: Path, progress=None) -> None:
    """Write the XLSX atomically: a failed export never leaves half a file behind.
    `progress(fraction)` is told how far it is (export.progress)."""
    meter = Meter(progress, _Work.estimate(report, written=True)) if progress else NO_METER
    write_output(Path(path), _build(report, meter), OPENED_IN["xlsx"])
    meter.finish()


def _build(report: Report, meter: Meter) -> bytes:
    buf = io.BytesIO()
    with full_passes_held():  # no collector pause of a huge report's cells (see gc_hold)
        build_workbook(report, meter).save(buf)
    meter.add(_Work.SAVE + _Work.SAVE_PER_CHAR * _Work.chars_of(report))
    return buf.getvalue()


class _Work:
    """The work in units of about a microsecond on the 2-core test machine (a 1,000,000-character
    paragraph: read and split into rows 0.6 s, rows written 0.25 s, saved 0.18 s; the three
    table sheets about 7 ms each)."""

    TABLE = 7_000
    TEXT_PER_CHAR = 0.42  # told twice per character: as read, then as written into its row
    SAVE = 15_000
    SAVE_PER_CHAR = 0.18
    WRITE_PER_CHAR = 0.02

    @classmethod
    def estimate(cls, report: Report, written: bool = False) -> float:
        tables = sum(sec.kind == "tables" for sec in report.fmt.sections)
        per_char = 2 * cls.TEXT_PER_CHAR + cls.SAVE_PER_CHAR + (cls.WRITE_PER_CHAR if written else 0)
        return tables * cls.TABLE + cls.SAVE + per_char * cls.chars_of(report)

    @staticmethod
    def chars_of(report: Report) -> int:
        return sum(len(report.text(k)) for k in text_order(report.fmt))

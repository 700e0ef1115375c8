"""The look of the XLSX: fonts, borders, shading and alignment of each kind of cell.

Shading follows the official blank template (format/official-template): only 表二's
「第二十条第（X）项」 caption rows are tinted light blue; every table cell has a thin black border.

Merged ranges: openpyxl's merge_cells rebuilds Border objects for every edge cell and looks each
one up linearly in the workbook's border list (most of the export time for 表三).  merge_range
instead gives every covered cell the anchor's style array, so all edge cells carry the full thin
border (interior edges of a merged range are never drawn).

Assigning Font/Border/Alignment objects to each cell makes openpyxl look every one up in the
workbook's style tables again; a style is therefore built once on a detached prototype cell and
its style array copied onto the cells that use it (same result, several times faster).
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

# Windows names: Excel and WPS on the clerk's PC have them; elsewhere the viewer substitutes.
SONG = "宋体"
HEI = "黑体"

TABLE_PT = 10.5  # 五号, the usual size of tables in published reports
TEXT_PT = 11.0
HEADING_PT = 14.0
TITLE_PT = 16.0

CAPTION_FILL = PatternFill("solid", fgColor="C6D9F1")  # the template's caption blue
_THIN = Side(style="thin", color="000000")
GRID_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LIGHT = Side(style="thin", color="BFBFBF")
INFO_BORDER = Border(left=_LIGHT, right=_LIGHT, top=_LIGHT, bottom=_LIGHT)



def _table_cell(horizontal: str, wrap: bool = True, bold: bool = False, **extra) -> dict:
    """A cell of an official table: 宋体 at table size, thin full grid, vertically centred."""
    return dict(font=Font(name=SONG, size=TABLE_PT, bold=bold), border=GRID_BORDER,
                alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap), **extra)


STYLES: dict[str, dict] = {
    # Table cells (grid kinds)
    "caption": _table_cell("left", fill=CAPTION_FILL),
    "header": _table_cell("center"),
    "note": _table_cell("left"),
    "label": _table_cell("left"),
    "label_centred": _table_cell("center"),
    "group": _table_cell("left"),
    "number": _table_cell("center", wrap=False, number_format="0"),
    # Computed totals in bold, as the PDF sets them in 黑体: the sums stand out from the entries.
    "total": _table_cell("center", wrap=False, bold=True, number_format="0"),
    "raw_text": _table_cell("center"),
    # Around the tables
    "heading": dict(font=Font(name=HEI, size=HEADING_PT, bold=True),
                    alignment=Alignment(horizontal="left", vertical="center")),
    "table_note": dict(font=Font(name=SONG, size=TABLE_PT),
                       alignment=Alignment(horizontal="left", vertical="top", wrap_text=True)),
    # 报告信息 sheet
    "title": dict(font=Font(name=HEI, size=TITLE_PT, bold=True),
                  alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "info_label": dict(font=Font(name=HEI, size=TEXT_PT), border=INFO_BORDER,
                       alignment=Alignment(horizontal="left", vertical="top", wrap_text=True)),
    "info_value": dict(font=Font(name=SONG, size=TEXT_PT), border=INFO_BORDER,
                       alignment=Alignment(horizontal="left", vertical="top", wrap_text=True)),
    "info_date": dict(font=Font(name=SONG, size=TEXT_PT), border=INFO_BORDER,
                      number_format='yyyy"年"m"月"d"日"',
                      alignment=Alignment(horizontal="left", vertical="top")),
    "info_year": dict(font=Font(name=SONG, size=TEXT_PT), border=INFO_BORDER, number_format="0",
                      alignment=Alignment(horizontal="left", vertical="top")),
    "info_more": dict(font=Font(name=SONG, size=9, italic=True, color="808080"), border=INFO_BORDER,
                      alignment=Alignment(horizontal="left", vertical="top", wrap_text=True)),
    "info_section": dict(font=Font(name=HEI, size=TEXT_PT, bold=True),
                         alignment=Alignment(horizontal="left", vertical="bottom")),
    "info_remark": dict(font=Font(name=SONG, size=9, color="595959"),
                        alignment=Alignment(horizontal="left", vertical="top", wrap_text=True)),
}


class StylePalette:
    """Copies prebuilt style arrays onto cells; one palette per workbook."""

    def __init__(self, ws: Worksheet):
        self._ws = ws
        self._protos: dict[tuple[str, str | None], Cell] = {}

    def apply(self, cell, name: str, number_format: str | None = None) -> None:
        key = (name, number_format)
        proto = self._protos.get(key)
        if proto is None:
            proto = Cell(self._ws)  # detached: never saved, only its style is used
            for attr, value in STYLES[name].items():
                setattr(proto, attr, value)
            if number_format is not None:
                proto.number_format = number_format
            self._protos[key] = proto
        cell._style = copy(proto._style)


def merge_range(ws: Worksheet, min_row: int, min_col: int, max_row: int, max_col: int) -> None:
    """Merge a range whose anchor is already written and styled (see the module note)."""
    anchor = ws.cell(min_row, min_col)
    # The far corner must not exist yet: MergedCellRange would then rebuild the anchor's border.
    far = f"{get_column_letter(max_col)}{max_row}"
    mcr = MergedCellRange(ws, f"{anchor.coordinate}:{far}")
    ws.merged_cells.add(mcr)
    for row in range(min_row, max_row + 1):
        for col in range(min_col, max_col + 1):
            if (row, col) == (min_row, min_col):
                continue
            mc = MergedCell(ws, row, col)
            mc._style = copy(anchor._style)
            ws._cells[row, col] = mc  # what Worksheet.merge_cells does, minus the slow format()

"""One statistics table on its own sheet, drawn from the section's Grid (model.grid).

The sheet is written top-down in one pass: the section heading in row 1, the Grid from row 2
(Grid spans become merged ranges), then any unit note below.  Nothing is ever inserted into a
built sheet (openpyxl's insert_rows does not move merged ranges).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export.xlsx_cells import cell_payload, number_format_for, set_text
from export.xlsx_styles import TABLE_PT, StylePalette, merge_range
from export.xlsx_text import line_count, row_height_pt
from model.formats import FormatDef
from model.grid import CAPTION, COMPUTED, LABEL, VALUE, Grid, GridCell

# Total table width in column units (≈ 7 px each).  A portrait A4 page prints about 90 units at
# 100 %; fitToWidth scales the rest.  Tables with many columns (表四: 15) go landscape so that
# 「结果维持」 still reads on one line.
PORTRAIT_WIDTH = 96.0
LANDSCAPE_WIDTH = 140.0
LANDSCAPE_ABOVE_COLS = 12

HEADING_ROW = 1
TABLE_TOP = 2  # the Grid's row 0 lands here
MIN_ROW_PT = 20.0
HEADING_ROW_PT = 30.0


@dataclass
class GridSheetResult:
    removed_chars: int  # XML-unsafe characters dropped from cell text
    first_data_row: int  # first sheet row below the header rows


def write_grid_sheet(ws: Worksheet, fmt: FormatDef, grid: Grid, heading: str, values: dict,
                     units: dict[str, str], palette: StylePalette) -> GridSheetResult:
    landscape = grid.n_cols > LANDSCAPE_ABOVE_COLS
    widths = _column_widths(grid, LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w, 2)

    removed = 0
    # Row 1: the section heading (一、… as in the report), across the table's width.
    head = ws.cell(HEADING_ROW, 1)
    removed += set_text(head, heading)
    palette.apply(head, "heading")
    if grid.n_cols > 1:
        merge_range(ws, HEADING_ROW, 1, HEADING_ROW, grid.n_cols)
    ws.row_dimensions[HEADING_ROW].height = HEADING_ROW_PT

    centred_labels = any(c.kind == CAPTION for c in grid.cells)  # 表二 centres 规章 etc.
    for gc in grid.cells:
        removed += _write_cell(ws, fmt, gc, values, units, palette, centred_labels)
    for gc in grid.spans():
        merge_range(ws, TABLE_TOP + gc.row, gc.col + 1,
                    TABLE_TOP + gc.row + gc.rowspan - 1, gc.col + gc.colspan)

    for r, h in enumerate(_row_heights(grid, widths, values)):
        ws.row_dimensions[TABLE_TOP + r].height = h

    note_row = TABLE_TOP + grid.n_rows + 1
    for text in _unit_notes(fmt, grid, values, units):
        c = ws.cell(note_row, 1)
        removed += set_text(c, text)
        palette.apply(c, "table_note")
        merge_range(ws, note_row, 1, note_row, grid.n_cols)
        ws.row_dimensions[note_row].height = row_height_pt(line_count(text, sum(widths), TABLE_PT), TABLE_PT)
        note_row += 1

    first_data_row = TABLE_TOP + grid.header_rows
    _page_setup(ws, grid, landscape, first_data_row)
    return GridSheetResult(removed, first_data_row)


def _column_widths(grid: Grid, total: float) -> list[float]:
    scale = total / sum(grid.col_weights)
    return [w * scale for w in grid.col_weights]


def _write_cell(ws: Worksheet, fmt: FormatDef, gc: GridCell, values: dict, units: dict,
                palette: StylePalette, centred_labels: bool) -> int:
    cell = ws.cell(TABLE_TOP + gc.row, gc.col + 1)
    if gc.kind in (VALUE, COMPUTED):
        payload, what = cell_payload(values.get(gc.cell_id))
        if what == "number":
            unit = units.get(gc.cell_id) if fmt.cells[gc.cell_id].column.unit_choices else None
            cell.value = payload
            palette.apply(cell, "total" if gc.kind == COMPUTED else "number",
                          number_format_for(values.get(gc.cell_id), unit))
            return 0
        palette.apply(cell, "raw_text" if what == "text" else "number")
        return set_text(cell, payload) if what == "text" else 0
    style = "label_centred" if gc.kind == LABEL and centred_labels else gc.kind
    palette.apply(cell, style)
    return set_text(cell, gc.text) if gc.text else 0


def _cell_text(gc: GridCell, values: dict) -> str:
    """Only labels and raw text can wrap; numbers always fit one line."""
    if gc.is_value:
        v = values.get(gc.cell_id)
        return v if isinstance(v, str) else ""
    return gc.text


def _row_heights(grid: Grid, widths: list[float], values: dict) -> list[float]:
    """Heights that show every wrapped label whole; a spanning cell shares out what it needs."""
    heights = [MIN_ROW_PT] * grid.n_rows
    need = []
    for gc in grid.cells:
        text = _cell_text(gc, values)
        if not text:
            continue
        width = sum(widths[gc.col:gc.col + gc.colspan])
        h = row_height_pt(line_count(text, width, TABLE_PT), TABLE_PT)
        if gc.rowspan == 1:
            heights[gc.row] = max(heights[gc.row], h)
        else:
            need.append((gc, h))
    for gc, h in need:
        rows = range(gc.row, gc.row + gc.rowspan)
        have = sum(heights[r] for r in rows)
        if have < h:
            extra = (h - have) / gc.rowspan
            for r in rows:
                heights[r] = round(heights[r] + extra, 1)
    return heights


def _unit_notes(fmt: FormatDef, grid: Grid, values: dict, units: dict) -> list[str]:
    """A note under the table for each cell whose unit the clerk chose (2019 采购总金额)."""
    notes = []
    for gc in grid.value_cells():
        cdef = fmt.cells[gc.cell_id]
        if not cdef.column.unit_choices:
            continue
        unit = units.get(gc.cell_id)
        where = cdef.describe()
        if unit in cdef.column.unit_choices:
            notes.append(f"注：{where}的单位为{unit}。")
        elif values.get(gc.cell_id) is not None:
            notes.append(f"注：{where}未注明单位（应为{'或'.join(cdef.column.unit_choices)}）。")
    return notes


def _page_setup(ws: Worksheet, grid: Grid, landscape: bool, first_data_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # without it fitTo* are ignored
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.sheet_view.showGridLines = False  # the table has its own borders
    if grid.header_rows:
        ws.print_title_rows = f"{TABLE_TOP}:{TABLE_TOP + grid.header_rows - 1}"
        ws.freeze_panes = ws.cell(first_data_row, 1).coordinate

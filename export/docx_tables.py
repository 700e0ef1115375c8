"""A section's table in the Word file, drawn from the one Grid (model.grid.layout_section).

Rows, columns, spans, header rows and relative widths all come from the Grid; this module only
decides how each kind of cell looks.  Spans become Word's own merged cells (python-docx
`_Cell.merge`: gridSpan across, vMerge down), so the reviewer's Word shows, splits and re-merges
them like any table; the header rows repeat on every page and no row breaks across a page.
The columns fill the 156 mm text block in the Grid's proportions.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from export.docx_styles import (BLOCK_W_TWIPS, DENSE_TABLE_PT, NOTE_PT, TABLE_STYLE, TABLE_TEXT)
from export.report_content import cell_text
from model.grid import CAPTION, COMPUTED, HEADER, LABEL, NOTE, Grid
from model.report import Report

DENSE_COLUMNS = 8  # from this many columns on, the table is set in 小五
CELL_MARGIN_TWIPS = 57  # 1 mm left and right: 表四's 15 columns keep two characters a line
CELL_MARGIN_V_TWIPS = 34  # 0.6 mm above and below: rows breathe as in the annex
CAPTION_FILL = "DCE6F2"  # the light blue of the annex's 第二十条 caption rows
HEADER_FILL = "F2F2F2"

_CENTRE, _LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


def column_widths(grid: Grid, total: int = BLOCK_W_TWIPS) -> list[int]:
    """Whole twips in the Grid's proportions, adding up to exactly `total`."""
    s = sum(grid.col_weights)
    widths = [int(total * w / s) for w in grid.col_weights]
    widths[-1] += total - sum(widths)
    return widths


def add_grid_table(doc, grid: Grid, report: Report, values: dict, caption: str = ""):
    """The Grid as a Word table at the end of `doc`.  `caption` is the table's title for screen
    readers (Word's 「可选文字」), not printed."""
    widths = column_widths(grid)
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table, caption)
    for col, w in zip(table.columns, widths):
        col.width = Twips(w)

    rows = list(table.rows)
    cells = [list(row.cells) for row in rows]
    dense = grid.n_cols >= DENSE_COLUMNS
    centred_labels = any(c.kind == CAPTION for c in grid.cells)  # 表二 centres 规章 etc., as the annex
    keep_together = grid.header_rows == 0  # 表二 is short: one page, never split from its heading

    for r, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(cells[r]):
            cell.width = Twips(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.style = TABLE_TEXT
            if keep_together and r < grid.n_rows - 1:
                p.paragraph_format.keep_with_next = True

    for gc in grid.cells:
        fill = CAPTION_FILL if gc.kind == CAPTION else HEADER_FILL if gc.kind in (HEADER, NOTE) else None
        if fill:
            for r in range(gc.row, gc.row + gc.rowspan):
                for c in range(gc.col, gc.col + gc.colspan):
                    _shade(cells[r][c], fill)
        p = cells[gc.row][gc.col].paragraphs[0]
        # Captions, the note and row labels read from the left; headers, group labels and
        # numbers are centred.
        if gc.kind in (CAPTION, NOTE) or gc.kind == LABEL and not centred_labels:
            p.alignment = _LEFT
        else:
            p.alignment = _CENTRE
        text = cell_text(gc, report, values)
        if text:
            run = p.add_run(text)
            if gc.kind == COMPUTED:
                run.bold = True  # totals stand out, as in the PDF and the XLSX
            if gc.kind == NOTE:
                run.font.size = Pt(NOTE_PT)
            elif dense:
                run.font.size = Pt(DENSE_TABLE_PT)

    for gc in grid.spans():
        cells[gc.row][gc.col].merge(cells[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
    return table


def _table_properties(table, caption: str) -> None:
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(width, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                     "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    width.set(qn("w:w"), str(BLOCK_W_TWIPS))
    width.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):  # the schema's order
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(CELL_MARGIN_TWIPS if side in ("left", "right") else CELL_MARGIN_V_TWIPS))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                 "w:tblPrChange")
    if caption:
        title = OxmlElement("w:tblCaption")
        title.set(qn("w:val"), caption)
        tbl_pr.insert_element_before(title, "w:tblDescription", "w:tblPrChange")


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")

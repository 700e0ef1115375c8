"""A section's table in the Word file, drawn from the one Grid (model.grid.layout_section).

Rows, columns, spans, header rows and relative widths all come from the Grid; this module only
decides how each kind of cell looks.  Spans become Word's own merged cells (python-docx
`_Cell.merge`: gridSpan across, vMerge down), so the reviewer's Word shows, splits and re-merges
them like any table; the header rows repeat on every page and no row breaks across a page.
A table breaks across pages where the PDF's may (export/pdf_flow.py), said through 「与下段同页」
(keepNext) on the rows that must stay with the next: 表二 only before a 第二十条 caption; 表三
between rows but never inside an inner group (（三）不予公开's eight reasons stay together) and
never leaving fewer than two rows under the header or carried over.
The columns fill the 156 mm text block in the Grid's proportions, a column widened where its
widest number would otherwise break over two lines (export/table_widths.py, as the PDF).  The
first column's group label (「三、本年度办理结果」) stands at the top of its rows, not centred: when
the table breaks, Word and LibreOffice show a merged cell's text once, and centred it would fall
across the break (「三、本年度办」 on one page, 「理结果」 on the next); its first rows stay together.
"""

from __future__ import annotations

import math
import unicodedata
from copy import deepcopy

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from export.docx_styles import (BLOCK_W_TWIPS, DENSE_TABLE_PT, NOTE_PT, TABLE_PT, TABLE_STYLE,
                                TABLE_TEXT, TABLE_TEXT_DENSE)
from export.report_content import cell_text
from export.table_widths import widths_at_least
from model.grid import CAPTION, COMPUTED, HEADER, LABEL, NOTE, Grid, GridCell
from model.report import Report
from model.values import is_number

MIN_BODY_ROWS = 2  # never fewer rows under the header on a page, nor carried over (as the PDF)
DENSE_COLUMNS = 8  # from this many columns on, the table is set in 小五 (表格文字（小五）)
CELL_MARGIN_TWIPS = 57  # 1 mm left and right: 表四's 15 columns keep two characters a line
CELL_MARGIN_V_TWIPS = 34  # 0.6 mm above and below: rows breathe as in the annex
# Digits and Latin letters are reckoned at 0.55 em: Times New Roman's and Liberation Serif's are
# 0.5 em, the CJK faces an editor may fall back on draw them up to 0.55 em (WenQuanYi Micro Hei).
HALF_WIDTH_EM = 0.55
CAPTION_FILL = "DCE6F2"  # the light blue of the annex's 第二十条 caption rows
HEADER_FILL = "F2F2F2"


def column_widths(grid: Grid, total: int = BLOCK_W_TWIPS, least: list[float] | None = None) -> list[int]:
    """Whole twips in the Grid's proportions, each column at least `least[i]` where that fits
    (else in proportion to the minimums), adding up to exactly `total`."""
    weights = list(grid.col_weights)
    exact = widths_at_least(weights, total, least) if least is not None else None
    if exact is None:
        basis = least if least is not None and sum(least) > total else weights
        exact = [total * w / sum(basis) for w in basis]
    widths = [int(w) for w in exact]
    widths[-1] += total - sum(widths)
    return widths


def least_widths(grid: Grid, texts: dict[tuple[int, int], str], size_pt: float) -> list[float]:
    """Twips each column needs: one character, and every number in it on one line."""
    pad = 2 * CELL_MARGIN_TWIPS
    least = [size_pt * 20 + pad] * grid.n_cols
    for cell in grid.cells:
        text = texts.get((cell.row, cell.col), "")
        if cell.is_value and cell.colspan == 1 and text:
            ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else HALF_WIDTH_EM for ch in text)
            least[cell.col] = max(least[cell.col], ems * size_pt * 20 + pad + 20)  # +1 pt to spare
    return least


def outer_labels(grid: Grid) -> list[GridCell]:
    """Group labels in the first column over several body rows: 表三's 「三、本年度办理结果」."""
    return [c for c in grid.cells
            if c.col == 0 and c.rowspan > 1 and c.row >= grid.header_rows and not c.is_value]


def label_lines(cell: GridCell, width_twips: int, size_pt: float) -> int:
    """Lines a label takes in its column (full-width characters one em, others half)."""
    per_line = max(1, int((width_twips - 2 * CELL_MARGIN_TWIPS) // (size_pt * 20)))
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in cell.text)
    return max(1, math.ceil(ems / per_line))


def add_grid_table(doc, grid: Grid, report: Report, values: dict, caption: str = ""):
    """The Grid as a Word table at the end of `doc`.  `caption` is the table's title for screen
    readers (Word's 「可选文字」), not printed."""
    dense = grid.n_cols >= DENSE_COLUMNS
    size = DENSE_TABLE_PT if dense else TABLE_PT
    anchors = {(gc.row, gc.col): gc for gc in grid.cells}
    texts = {pos: cell_text(gc, report, values) for pos, gc in anchors.items()}
    numbers = {pos: t for pos, t in texts.items()
               if anchors[pos].is_value and is_number(values.get(anchors[pos].cell_id))}
    widths = column_widths(grid, least=least_widths(grid, numbers, size))
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table, caption)
    for col, w in zip(table.columns, widths):
        col.width = Twips(w)

    text_style = doc.styles[TABLE_TEXT_DENSE if dense else TABLE_TEXT].style_id
    centred_labels = any(c.kind == CAPTION for c in grid.cells)  # 表二 centres 规章 etc., as the annex
    outer = {(c.row, c.col): c for c in outer_labels(grid)}
    kept = rows_kept_with_next(grid, {c: label_lines(c, widths[0], size) for c in outer.values()})
    rows = list(table.rows)
    cells = [list(row.cells) for row in rows]
    fills = {}
    for gc in grid.cells:
        fill = CAPTION_FILL if gc.kind == CAPTION else HEADER_FILL if gc.kind in (HEADER, NOTE) else None
        for r in range(gc.row, gc.row + gc.rowspan):
            for c in range(gc.col, gc.col + gc.colspan):
                fills[(r, c)] = fill
    props = _Props(text_style)

    for r, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(cells[r]):
            gc = anchors.get((r, c))
            props.set_cell(cell._tc, widths[c], fills[(r, c)], top=(r, c) in outer)
            # Captions, the note and row labels read from the left; headers, group labels and
            # numbers are centred (the table text style's own alignment).
            left = gc is not None and (gc.kind in (CAPTION, NOTE) or gc.kind == LABEL and not centred_labels)
            p = cell.paragraphs[0]
            props.set_paragraph(p._p, left, r in kept)
            text = texts.get((r, c), "")
            if text:
                run = p.add_run(text)
                if gc.kind == COMPUTED:
                    run.bold = True  # totals stand out, as in the PDF and the XLSX
                elif gc.kind == NOTE:
                    run.font.size = Pt(NOTE_PT)

    for gc in grid.spans():
        cells[gc.row][gc.col].merge(cells[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
    return table


def rows_kept_with_next(grid: Grid, outer_lines: dict[GridCell, int] | None = None) -> set[int]:
    """The rows that stay on the page of the row after them: the table may break only after the
    others.  The first column's group label (表三's 「三、本年度办理结果」, 22 rows) may be cut:
    it is taller than some pages' room, and the PDF cuts it too; but its first rows, as many as
    the label has lines (`outer_lines`), stay together so that the label is never cut."""
    last = grid.n_rows - 1
    captions = {c.row for c in grid.cells if c.kind == CAPTION}
    if captions:  # 表二: whole 第二十条 blocks
        return {r for r in range(last) if r + 1 not in captions}
    kept = set(range(min(grid.header_rows + MIN_BODY_ROWS - 1, last)))
    kept |= set(range(max(0, last - MIN_BODY_ROWS + 1), last))
    for cell in grid.cells:
        if cell.rowspan > 1 and cell.col > 0 and cell.row >= grid.header_rows:
            kept |= set(range(cell.row, cell.row + cell.rowspan - 1))
    for cell, lines in (outer_lines or {}).items():
        kept |= set(range(cell.row, cell.row + min(lines, cell.rowspan) - 1))
    return kept


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


class _Props:
    """Cell and paragraph properties, each kind built once and copied into every cell.

    A table has hundreds of cells; setting width, shading, vertical alignment and paragraph
    style one by one through python-docx's setters costs about 0.1 ms each (every setter
    searches the element for its place).  The same w:tcPr / w:pPr elements, built once with
    python-docx's OxmlElement in the schema's order and copied, give the same XML in a fraction
    of the time; python-docx's merge then adds gridSpan/vMerge in their places.
    """

    def __init__(self, text_style_id: str):
        self.style = text_style_id
        self._cells: dict[tuple, object] = {}
        self._paras: dict[tuple, object] = {}

    def set_cell(self, tc, width: int, fill: str | None, top: bool = False) -> None:
        key = (width, fill, top)
        if key not in self._cells:
            tc_pr = OxmlElement("w:tcPr")
            tc_pr.append(_el("w:tcW", w=str(width), type="dxa"))
            if fill:
                tc_pr.append(_el("w:shd", val="clear", color="auto", fill=fill))
            tc_pr.append(_el("w:vAlign", val="top" if top else "center"))
            self._cells[key] = tc_pr
        _replace_properties(tc, tc.tcPr, self._cells[key])

    def set_paragraph(self, p, left: bool, keep_with_next: bool) -> None:
        key = (left, keep_with_next)
        if key not in self._paras:
            p_pr = OxmlElement("w:pPr")
            p_pr.append(_el("w:pStyle", val=self.style))
            if keep_with_next:
                p_pr.append(OxmlElement("w:keepNext"))
            if left:
                p_pr.append(_el("w:jc", val="left"))
            self._paras[key] = p_pr
        _replace_properties(p, p.pPr, self._paras[key])


def _replace_properties(element, old, made) -> None:
    """A copy of `made` as the element's properties (w:tcPr, w:pPr: the first child) instead of `old`."""
    if old is not None:
        element.remove(old)
    element.insert(0, deepcopy(made))


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el

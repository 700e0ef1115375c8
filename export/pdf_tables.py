"""A section's table in the PDF, drawn from the one Grid (model.grid.layout_section).

Rows, columns, spans, header rows and relative column widths all come from the Grid; this module
decides how each kind of cell looks and how wide each column must be for the numbers actually
in it: a number is never split across lines.  A column whose widest number needs more than its
share of the width gets it from the others; when the table cannot fit so, its type steps down
half a point at a time.  The whole table is set in one face, as the official annex is (the
window and the XLSX may still mark totals in bold).
reportlab's SPAN takes (column, row) pairs — the reverse of the Grid's (row, col).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from export import pdf_text, report_content
from export.pdf_flow import GridTable
from export.pdf_fonts import Face, FontSet
from export.table_widths import widths_at_least
from model.grid import CAPTION, COMPUTED, GROUP, HEADER, LABEL, NOTE, VALUE, Grid, GridCell
from model.report import Report
from model.values import is_number

# 五号 (10.5 pt) for the sparse 表二; 小五 (9 pt) for the dense 表三 and 表四, whose narrow
# columns (7 or 15 numbers across 156 mm) would otherwise break most labels mid-word.
TABLE_SIZE = 10.5
DENSE_SIZE = 9
DENSE_COLUMNS = 8
LEADING_RATIO = 1.3
NOTE_SIZE = 9  # the long 勾稽 note in the corner cell
MIN_SIZE = 6.5  # 小六: the smallest type a table steps down to for wide numbers
SIZE_STEP = 0.5
PAD_X = 2.5
PAD_Y = 2.5
RULE = 0.5  # thin full grid, as in the official annex
CAPTION_FILL = colors.HexColor("#DCE6F2")  # the light blue of the annex's 第二十条 caption rows
HEADER_FILL = colors.HexColor("#F2F2F2")
# A value that is not a number (raw text kept from a damaged file) is shown, but shortened: it is
# already reported as an error, and a page-tall cell would break the layout.
MAX_RAW_CHARS = 24


@lru_cache(maxsize=16)
def cell_styles(fonts: FontSet, size: float) -> dict[str, ParagraphStyle]:
    """How each kind of cell is set (cached: the styles are only read).  One face for every
    cell, totals included, as in the official annex."""
    base = ParagraphStyle("cell", fontName=fonts.table.name, fontSize=size,
                          leading=size * LEADING_RATIO, wordWrap="CJK", alignment=TA_CENTER)
    note = min(size, NOTE_SIZE)
    left = ParagraphStyle("left", parent=base, alignment=TA_LEFT)
    return {
        CAPTION: left,
        HEADER: base,
        NOTE: ParagraphStyle("note", parent=left, fontSize=note, leading=note * LEADING_RATIO),
        LABEL: left,
        GROUP: base,
        VALUE: base,
        COMPUTED: base,
    }


def table_font_size(grid: Grid) -> float:
    return DENSE_SIZE if grid.n_cols >= DENSE_COLUMNS else TABLE_SIZE


def column_widths(grid: Grid, total: float, least: list[float] | None = None) -> list[float] | None:
    """Widths in proportion to the Grid's weights, each column at least `least[i]` wide (the
    others give up the difference in proportion); None when the minimums do not fit `total`."""
    weights = list(grid.col_weights)
    if least is None:
        s = sum(weights)
        return [total * w / s for w in weights]
    return widths_at_least(weights, total, least)


def table_layout(grid: Grid, report: Report, values: dict, fonts: FontSet,
                 total: float) -> tuple[float, list[float]]:
    """(type size, column widths): the Grid's size, stepped down until every number fits on one
    line in its column."""
    size = table_font_size(grid)
    numbers = [(c, cell_text(c, report, values)) for c in grid.cells
               if c.is_value and c.colspan == 1 and is_number(values.get(c.cell_id))]
    while True:
        pad = _pad_x(size)
        least = [size + 2 * pad] * grid.n_cols  # any column holds at least one character
        for cell, text in numbers:
            need = stringWidth(text, fonts.table.name, size) + 2 * pad + 0.5
            least[cell.col] = max(least[cell.col], need)
        widths = column_widths(grid, total, least)
        if widths is not None:
            return size, widths
        if size - SIZE_STEP < MIN_SIZE - 1e-9:
            # Even 小六 cannot hold them: columns in proportion to their needs (never reached by
            # counts below a hundred million in 表四's fifteen columns).
            s = sum(least)
            return size, [total * w / s for w in least]
        size -= SIZE_STEP


def _pad_x(size: float) -> float:
    return min(PAD_X, size * 0.28)


def cell_text(cell: GridCell, report: Report, values: dict) -> str:
    """What a cell prints: as every export shows it, raw text cut to what a cell can hold."""
    return report_content.cell_text(cell, report, values, MAX_RAW_CHARS)


def section_table(grid: Grid, report: Report, fonts: FontSet, width: float, height: float,
                  values: dict | None = None) -> GridTable:
    """The section's table for a text block of width × height, as a flowable that breaks well.

    A table may break across pages between rows (see export.pdf_flow), never inside an inner row
    span; 表三's inner group labels span up to 8 rows.  When unusual content (long numbers or
    raw text kept from a damaged file) makes such a block taller than a page, the group labels
    are set in their first row without spanning, so the table can break and still print in full.
    """
    values = report.values() if values is None else values
    size, widths = table_layout(grid, report, values, fonts, width)

    def flowable(spans: bool) -> GridTable:
        def build(body: range) -> Table:
            return _build(grid, report, fonts, size, widths, values, spans, body)

        return GridTable(grid, build, height, table=build(None), spans_cut=spans)

    spanned = flowable(True)
    return spanned if _breakable(spanned.row_heights(width), grid, height) else flowable(False)


def _breakable(rows: list[float], grid: Grid, height: float) -> bool:
    """True when every block of rows tied together by an inner row span fits on a page under the
    header (the first column's label may be cut and repeated)."""
    head = sum(rows[:grid.header_rows])
    for cell in grid.cells:
        if cell.rowspan > 1 and cell.row >= grid.header_rows and cell.col > 0:
            if head + sum(rows[cell.row:cell.row + cell.rowspan]) > height:
                return False
    return True


def _build(grid: Grid, report: Report, fonts: FontSet, size: float, widths: list[float],
           values: dict, span_groups: bool, body: range | None = None) -> Table:
    """The table for the header rows plus the body rows `body` (all rows when None).

    A row span cut by the range keeps its label in the part it covers: a group label that runs
    over a page break prints on both pages.
    """
    styles = cell_styles(fonts, size)
    pad_x = _pad_x(size)
    # 表二 (the tables with 第二十条 captions) centres its row labels, as the template does.
    centred_labels = any(c.kind == CAPTION for c in grid.cells)
    rows = list(range(grid.n_rows)) if body is None else \
        list(range(grid.header_rows)) + [r for r in body if r >= grid.header_rows]
    local = {r: i for i, r in enumerate(rows)}
    data: list[list] = [["" for _ in range(grid.n_cols)] for _ in rows]
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), RULE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        # Plain-string cells use this font (without it, an unembedded Helvetica).
        ("FONT", (0, 0), (-1, -1), fonts.table.name, size, size * LEADING_RATIO),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    for grid_cell in grid.cells:
        covered = [local[r] for r in range(grid_cell.row, grid_cell.row + grid_cell.rowspan)
                   if r in local]
        if not covered:
            continue
        cell = grid_cell if len(covered) == grid_cell.rowspan and covered[0] == grid_cell.row \
            else replace(grid_cell, row=covered[0], rowspan=len(covered))
        style = styles[HEADER if cell.kind == LABEL and centred_labels else cell.kind]
        first = (cell.col, cell.row)
        last = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
        inner = sum(widths[cell.col:cell.col + cell.colspan]) - 2 * pad_x
        text = cell_text(cell, report, values)
        plain = _fits_plain(text, inner, style, fonts)
        if cell.kind == GROUP and span_groups:
            data[cell.row][cell.col] = Paragraph(_group_markup(text, inner, style, fonts), style)
        elif cell.kind == GROUP:
            data[cell.row][cell.col] = Paragraph(pdf_text.markup(text, fonts.table, fonts),
                                                 _wrapping(style))
        elif cell.kind == HEADER and not plain:
            # Centred headers break evenly: 「商业/企业」, not 「商业企/业」.
            lines = _balanced(text, inner, style)
            data[cell.row][cell.col] = Paragraph(pdf_text.markup_lines(lines, fonts.table, fonts),
                                                 style)
        elif plain:
            # Most cells are one short line in the table font: a plain string is drawn the same
            # and costs a fraction of a Paragraph (the whole export stays well under 0.1 s).
            data[cell.row][cell.col] = text
            if style.alignment == TA_LEFT:
                cmds.append(("ALIGN", first, last, "LEFT"))
            if style.fontSize != size or style.fontName != fonts.table.name:
                cmds.append(("FONT", first, last, style.fontName, style.fontSize, style.leading))
        else:
            data[cell.row][cell.col] = Paragraph(pdf_text.markup(text, fonts.table, fonts),
                                                 _wrapping(style))
        if not span_groups and cell.kind == GROUP:
            last = first = (cell.col, cell.row)
            cmds.append(("VALIGN", first, last, "TOP"))
        if cell.rowspan > 1 or cell.colspan > 1:
            cmds.append(("SPAN", first, last))
        if cell.kind == CAPTION:
            cmds.append(("BACKGROUND", first, last, CAPTION_FILL))
        elif cell.kind in (HEADER, NOTE):
            cmds.append(("BACKGROUND", first, last, HEADER_FILL))
    return Table(data, colWidths=widths, repeatRows=grid.header_rows, style=TableStyle(cmds),
                 hAlign="CENTER")


def _wrapping(style: ParagraphStyle) -> ParagraphStyle:
    """The style for text that wraps freely inside a cell.

    reportlab lets a closing mark that may not start a line (，、。) hang one character past the
    line end; in the body that is classic hanging punctuation, in a cell it would cross the rule.
    One character of indent, split by alignment, keeps the hanging mark inside the cell.
    """
    em = style.fontSize
    if style.alignment == TA_LEFT:
        return ParagraphStyle(style.name + "-wrap", parent=style, rightIndent=em)
    return ParagraphStyle(style.name + "-wrap", parent=style, leftIndent=em / 2, rightIndent=em / 2)


def _fits_plain(text: str, inner: float, style: ParagraphStyle, fonts: FontSet) -> bool:
    """True when the text prints as one line in the table font with nothing to escape or replace."""
    return _fits_plain_in(text, inner, style.fontName, style.fontSize, fonts.table)


@lru_cache(maxsize=4096)
def _fits_plain_in(text: str, inner: float, font_name: str, size: float, face: Face) -> bool:
    # Cached: the same labels and small numbers come back in every table of every export.
    # Registered font names are unique per loaded file (export.pdf_fonts), so the key is safe.
    if not text:
        return True
    if pdf_text.clean(text) != text or not all(face.has(ch) for ch in text):
        return False
    return stringWidth(text, font_name, size) <= inner


def _group_markup(text: str, inner: float, style: ParagraphStyle, fonts: FontSet) -> str:
    """A group label down the side of its rows, e.g. 「三、本年度办理结果」 or 「（三）不予公开」.

    In a column too narrow for three characters the label reads top to bottom, one character a
    line (as in the annex); otherwise it breaks into balanced lines, the number on its own line.
    """
    per_line = int(inner // style.fontSize)
    if per_line < 3:
        return pdf_text.markup_lines(list(text), fonts.table, fonts)

    number = pdf_text.leading_number(text)
    return pdf_text.markup_lines(_balanced(text, inner, style, len(number) or None), fonts.table,
                                 fonts)


def _balanced(text: str, inner: float, style: ParagraphStyle,
              prefer_break: int | None = None) -> list[str]:
    def width_of(s: str) -> float:
        return stringWidth(s, style.fontName, style.fontSize)

    return pdf_text.balance_lines(text, width_of, inner, pdf_text.cannot_start(), prefer_break)

"""A section's table in the PDF, drawn from the one Grid (model.grid.layout_section).

Nothing about the layout is re-derived here: rows, columns, spans, header rows and relative column
widths all come from the Grid; this module only decides how each kind of cell looks.
reportlab's SPAN takes (column, row) pairs — the reverse of the Grid's (row, col).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from export import pdf_text
from export.pdf_fonts import FontSet
from model.grid import CAPTION, COMPUTED, GROUP, HEADER, LABEL, NOTE, VALUE, Grid, GridCell
from model.report import Report
from model.values import display, is_number

# 五号 (10.5 pt) for the sparse 表二; 小五 (9 pt) for the dense 表三 and 表四, whose narrow
# columns (7 or 15 numbers across 156 mm) would otherwise break most labels mid-word.
TABLE_SIZE = 10.5
DENSE_SIZE = 9
DENSE_COLUMNS = 8
LEADING_RATIO = 1.3
NOTE_SIZE = 9  # the long 勾稽 note in the corner cell
PAD_X = 2.5
PAD_Y = 2.5
RULE = 0.5  # thin full grid, as in the official annex
CAPTION_FILL = colors.HexColor("#DCE6F2")  # the light blue of the annex's 第二十条 caption rows
HEADER_FILL = colors.HexColor("#F2F2F2")
# A value that is not a number (raw text kept from a damaged file) is shown, but shortened: it is
# already reported as an error, and a page-tall cell would break the layout.
MAX_RAW_CHARS = 24


def cell_styles(fonts: FontSet, size: float) -> dict[str, ParagraphStyle]:
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


def column_widths(grid: Grid, total: float) -> list[float]:
    s = sum(grid.col_weights)
    return [total * w / s for w in grid.col_weights]


def cell_text(cell: GridCell, report: Report, values: dict) -> str:
    """What a cell prints: its label, or its value (with the chosen unit where the format asks)."""
    if not cell.is_value:
        return cell.text
    v = values.get(cell.cell_id)
    if v is None:
        return ""
    if not is_number(v):
        s = str(v)
        return s if len(s) <= MAX_RAW_CHARS else s[:MAX_RAW_CHARS] + "…"
    text = display(v)
    column = report.fmt.cells[cell.cell_id].column
    if column.unit_choices:
        text += report.units.get(cell.cell_id, "")
    return text


def section_table(grid: Grid, report: Report, fonts: FontSet, width: float,
                  values: dict | None = None) -> Table:
    values = report.values() if values is None else values
    size = table_font_size(grid)
    styles = cell_styles(fonts, size)
    widths = column_widths(grid, width)
    data: list[list] = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), RULE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        # Plain-string cells use this font (without it, an unembedded Helvetica).
        ("FONT", (0, 0), (-1, -1), fonts.table.name, size, size * LEADING_RATIO),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    for cell in grid.cells:
        style = styles[cell.kind]
        first = (cell.col, cell.row)
        last = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
        inner = sum(widths[cell.col:cell.col + cell.colspan]) - 2 * PAD_X
        text = cell_text(cell, report, values)
        if cell.kind == GROUP:
            data[cell.row][cell.col] = Paragraph(_group_markup(text, inner, style, fonts), style)
        elif _fits_plain(text, inner, style, fonts):
            # Most cells are one short line in the table font: a plain string is drawn the same
            # and costs a fraction of a Paragraph (the whole export stays well under 0.1 s).
            data[cell.row][cell.col] = text
            if style.alignment == TA_LEFT:
                cmds.append(("ALIGN", first, last, "LEFT"))
            if style.fontSize != size:
                cmds.append(("FONT", first, last, style.fontName, style.fontSize, style.leading))
        else:
            data[cell.row][cell.col] = Paragraph(pdf_text.markup(text, fonts.table, fonts), style)
        if cell.rowspan > 1 or cell.colspan > 1:
            cmds.append(("SPAN", first, last))
        if cell.kind == CAPTION:
            cmds.append(("BACKGROUND", first, last, CAPTION_FILL))
        elif cell.kind in (HEADER, NOTE):
            cmds.append(("BACKGROUND", first, last, HEADER_FILL))
    return Table(data, colWidths=widths, repeatRows=grid.header_rows, style=TableStyle(cmds),
                 hAlign="CENTER")


def _fits_plain(text: str, inner: float, style: ParagraphStyle, fonts: FontSet) -> bool:
    """True when the text prints as one line in the table font with nothing to escape or replace."""
    if not text:
        return True
    if pdf_text.clean(text) != text or not all(fonts.table.has(ch) for ch in text):
        return False
    return stringWidth(text, style.fontName, style.fontSize) <= inner


def _group_markup(text: str, inner: float, style: ParagraphStyle, fonts: FontSet) -> str:
    """A group label down the side of its rows, e.g. 「三、本年度办理结果」 or 「（三）不予公开」.

    In a column too narrow for three characters the label reads top to bottom, one character a
    line (as in the annex); otherwise it breaks into balanced lines, the number on its own line.
    """
    per_line = int(inner // style.fontSize)
    if per_line < 3:
        return pdf_text.markup_lines(list(text), fonts.table, fonts)

    def width_of(s: str) -> float:
        return stringWidth(s, style.fontName, style.fontSize)

    number = pdf_text.leading_number(text)
    lines = pdf_text.balance_lines(text, width_of, inner, pdf_text.cannot_start(),
                                   prefer_break=len(number) or None)
    return pdf_text.markup_lines(lines, fonts.table, fonts)

"""Colours and spacing of the section grids, in one place so the three tables look alike.

The shading follows the official annex (light blue caption rows in 表二, plain header cells) and
adds what a spreadsheet needs on screen: labels and totals visibly not for typing, a tint on
cells with findings, and a quiet cream on blank cells that the official table wants filled.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QPen

from model.grid import CAPTION, COMPUTED, GROUP, HEADER, LABEL, NOTE, VALUE

CAPTION_BG = QColor("#C9DAF0")  # 第二十条第（X）项 rows: the annex's light blue
HEADER_BG = QColor("#EDF2F8")
LABEL_BG = QColor("#F6F8FA")
VALUE_BG = QColor("#FFFFFF")
COMPUTED_BG = QColor("#E9ECF0")  # totals: grey, read-only
# Blank, warning and error cells differ by a mark as well as by colour (for a clerk who does not
# tell pale yellows apart, or a grey printout of a screenshot): a blank cell has a dotted frame
# inside it, a cell with a finding a corner triangle; every mark stands out at least 3:1 from its
# background (WCAG 1.4.11), tests/test_gui_cell_marks.py measures it.
BLANK_BG = QColor("#FFFDF3")  # an input cell still blank: the official table wants a number
ERROR_BG = QColor("#FBE1E0")
WARNING_BG = QColor("#FFE9A8")
SELECTED_BG = QColor("#CFE2FB")
SELECTED_COMPUTED_BG = QColor("#BFD0E6")

TEXT = QColor("#1B1F24")
COMPUTED_TEXT = QColor("#33465C")
NOTE_TEXT = QColor("#3B4350")
INVALID_TEXT = QColor("#B3261E")  # text from a file that is not a number

ERROR_MARK = QColor("#C5221F")
WARNING_MARK = QColor("#A15C00")
BLANK_MARK = QColor("#8A7A4A")  # the dotted frame of a blank cell
CURRENT_BORDER = QColor("#1A66C9")
GRID_LINE = "#AEB8C4"
GRID_PEN = QPen(QColor(GRID_LINE), 0)  # cosmetic: one device pixel at any scale
FRAME = "#8E9AA8"

BACKGROUNDS = {
    CAPTION: CAPTION_BG,
    HEADER: HEADER_BG,
    NOTE: HEADER_BG,
    LABEL: LABEL_BG,
    GROUP: LABEL_BG,
    VALUE: VALUE_BG,
    COMPUTED: COMPUTED_BG,
}

# Inner padding of a cell's text, in pixels.
PAD_X = 6
PAD_Y = 4
def pads(zoom: float = 1.0) -> tuple[int, int]:
    """The padding at a zoom: a table shown small keeps its proportions."""
    return max(2, round(PAD_X * zoom)), max(1, round(PAD_Y * zoom))


# Extra room so a row of numbers is comfortable to click and type into.
MIN_ROW_EXTRA = 12
# Size of the corner triangle that marks a cell with findings.
MARK_SIZE = 7


def apply_table_palette(view) -> None:
    """Frame and background colours through the palette, not a style sheet: a style sheet makes
    Qt repaint the whole table on every focus change, i.e. twice per typed cell."""
    pal = view.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(FRAME))  # a plain QFrame's line colour
    pal.setColor(QPalette.ColorRole.Base, VALUE_BG)
    view.setPalette(pal)

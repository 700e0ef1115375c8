"""Small looks shared by the pages, set through palettes and painting rather than style sheets.

A style sheet anywhere makes Qt build its style-sheet engine and re-polish every widget it
touches; on the start-up path that cost more than the rest of the 基本信息 page.  A palette colour
or a painted frame shows the same thing for nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel


def quiet_text(widget) -> None:
    """Grey secondary text (hints, counts, notes), in the platform's placeholder colour."""
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(pal)


def text_colour(widget, colour: str | None, bold: bool = False) -> None:
    """A warning colour (or the normal one back, colour=None) and weight for a label or button."""
    pal = widget.palette()
    normal = QGuiApplication.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(role, QColor(colour) if colour else normal.color(role))
    widget.setPalette(pal)
    font = widget.font()
    font.setBold(bold)
    widget.setFont(font)


class SelectableLabel(QLabel):
    """A label whose text the clerk can select with the mouse (and copy).

    Selection is switched on when the mouse first comes over the label: a selectable label lays
    its text out through a whole QTextDocument, which on the start-up path cost more than all the
    other labels of 基本信息 together (bench/bench_startup.py).  Only the mouse selects, and it
    always enters first, so nothing changes for the clerk; the layout is the same either way.
    """

    _selectable = False

    def enterEvent(self, event) -> None:
        if not self._selectable:
            self._selectable = True
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)

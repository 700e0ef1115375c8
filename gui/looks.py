"""Small looks shared by the pages, set through palettes and painting rather than style sheets.

A style sheet anywhere makes Qt build its style-sheet engine and re-polish every widget it
touches; on the start-up path that cost more than the rest of the 基本信息 page.  A palette colour
or a painted frame shows the same thing for nothing.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QToolButton


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


def close_button(what: str, slot) -> QToolButton:
    """The flat ✕ that closes a bar or a note; `what` names it for the tooltip and screen readers
    (「关闭查找」)."""
    close = QToolButton()
    close.setText("✕")
    close.setAutoRaise(True)
    close.setToolTip(what)
    close.setAccessibleName(what)
    close.clicked.connect(slot)
    return close

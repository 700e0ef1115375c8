"""Small looks shared by the pages, set through palettes and painting rather than style sheets.

A style sheet anywhere makes Qt build its style-sheet engine and re-polish every widget it
touches; on the start-up path that cost more than the rest of the 基本信息 page.  A palette colour
or a painted frame shows the same thing for nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QToolButton


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


class WrappedLabel(QLabel):
    """A label of word-wrapped text whose height for a width is worked out once per text and font.

    Layouts ask a wrapped label its height for the same few widths again and again (every pass
    of the nested layouts of a page, the scroll bar coming and going, the side panel sized at
    first show), and QLabel lays the whole text out anew for each question: on the start-up
    path that was most of what the first-start banner cost.  Margins, indent and word wrap are
    set before the text and not changed afterwards; a new text or font (changeEvent) starts over.
    """

    _KEEP = 64  # widths remembered (a window dragged wider asks many)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str], int] = {}

    def heightForWidth(self, width: int) -> int:
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self._KEEP:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event) -> None:
        self._heights.clear()
        super().changeEvent(event)


class SelectableLabel(WrappedLabel):
    """Wrapped text the clerk can select with the mouse (and copy).

    Selection is switched on when the mouse first comes over the label: a selectable label lays
    its text out through a whole QTextDocument, which on the start-up path cost more than all the
    other labels of 基本信息 together (bench/bench_startup.py).  Only the mouse selects, and it
    always enters first, so nothing changes for the clerk; the layout is the same either way.
    """

    _selectable = False

    def enterEvent(self, event) -> None:
        if not self._selectable:
            self._selectable = True
            self._heights.clear()
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)


class ElidedLabel(QLabel):
    """One line of plain text that ends in 「…」 where the room runs out, never cut through a
    character; the whole text stays in `text()` (and whatever tooltip is set).  It asks for no
    width of its own, so it never widens a window that must fit a 1024-pixel screen."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        from PySide6.QtWidgets import QSizePolicy

        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, event) -> None:
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())


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

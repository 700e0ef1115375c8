"""Windows and dialogs never larger than the screen they open on.

A 1366×768 laptop set to 125 % or 150 % gives Qt a screen of 1093×614 or 911×512 logical pixels:
a dialog sized for 100 % (the review of an import, 汇总与审核, the print preview) would put its
buttons below the bottom of the screen, where no clerk can reach them.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for what the system draws around a window: the title bar and the frame.
FRAME_WIDTH = 16
FRAME_HEIGHT = 48


def _free(widget: QWidget):
    """The room a window may take on the screen it opens on (None: no screen at all)."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    free = screen.availableGeometry()
    return free.width() - FRAME_WIDTH, free.height() - FRAME_HEIGHT


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or to what the screen it will open on leaves free."""
    free = _free(widget)
    if free is None:
        widget.resize(width, height)
        return
    widget.resize(max(1, min(width, free[0])), max(1, min(height, free[1])))


def fit_to_content(widget: QWidget) -> None:
    """Its natural width (as far as the screen allows) and the height its word-wrapped labels need
    at that width.  Qt's own first size caps a dialog at ⅔ of the screen's width but measures the
    wrapped labels wider: at 150 % they got more lines than room, and were cut off."""
    hint = widget.sizeHint()
    free = _free(widget)
    width = hint.width() if free is None else min(hint.width(), free[0])
    height = max(hint.height(), widget.heightForWidth(width) if widget.hasHeightForWidth() else 0)
    fit_to_screen(widget, width, height)


def may_shrink(widget: QWidget, lines: int = 12) -> None:
    """Let `widget` (a tab widget holding tables) be shorter than its pages ask for: 表三 with its
    header rows and four data rows wants ~450 pixels, more than a 150 % screen leaves under a
    dialog's summary and buttons.  The tables scroll in what they get."""
    widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * lines)

"""A tab's page that scrolls when the window is smaller than the page would like.

On a 1366×768 laptop at 125 % the window has some 580 logical pixels of height: no page may
force the window to be taller than the screen (the status bar would fall off it).  Each page
lays its widgets out on `body`; when the window is too small for the body's minimum size, the
page scrolls instead of growing the window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class _Body(QWidget):
    def heightForWidth(self, width: int) -> int:
        # QScrollArea sizes a body whose layout has height-for-width (a word-wrapped label) by
        # this answer, taking it for the least height: give it the least height, not the
        # preferred one (which counts a whole table and would make the page scroll for nothing).
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else -1


class ScrollPage(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = _Body()
        self.body.setObjectName("page_body")
        self.setWidget(self.body)

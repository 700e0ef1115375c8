"""Frozen panes of a section grid: the header rows and the label columns stay in view.

Each pane is a QTableView over the same model, laid over the sheet's viewport (as Excel's 冻结窗格):
the header rows follow the sheet's sideways scrolling, the label columns its vertical scrolling,
and the corner where they meet stays put.  Panes take no focus and no clicks of their own; the
wheel scrolls the sheet beneath.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from gui import grid_style as style

ROWS, COLUMNS, CORNER = "rows", "columns", "corner"


class FrozenPane(QTableView):
    def __init__(self, sheet: QTableView, delegate, kind: str):
        super().__init__(sheet)
        self.kind = kind
        self.sheet = sheet
        self.header_rows = 0
        self.tall_labels = []
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setItemDelegate(delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setShowGrid(False)
        style.apply_table_palette(self)
        if kind == ROWS:
            sheet.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        elif kind == COLUMNS:
            sheet.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def follow(self) -> None:
        """Take the sheet's scroll position along the axis this pane follows."""
        if self.kind == ROWS:
            self.horizontalScrollBar().setValue(self.sheet.horizontalScrollBar().value())
        elif self.kind == COLUMNS:
            self.verticalScrollBar().setValue(self.sheet.verticalScrollBar().value())

    def open_area(self) -> QRect:
        """Where the label columns' rows are seen (below the frozen header rows)."""
        vp = self.viewport().rect()
        top = sum(self.rowHeight(r) for r in range(self.header_rows))
        return vp.adjusted(0, min(top, vp.height()), 0, 0)

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        if dy and self.kind == COLUMNS:
            repaint_tall_labels(self)

    def wheelEvent(self, event):
        self.sheet.wheelEvent(event)  # scroll (or zoom) the sheet under the pane


def repaint_tall_labels(view) -> None:
    """Labels spanning several rows are drawn in their visible part (GridDelegate.paint): a
    scroll moves that part, so repaint them whole rather than only the exposed strip."""
    area = view.open_area()
    for index in view.tall_labels:
        rect = view.visualRect(index)
        if rect.intersects(area):
            view.viewport().update(rect)

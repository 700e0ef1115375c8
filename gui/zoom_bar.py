"""The zoom controls above a table: 缩小, the percentage (click for 100 %), 放大, 适合窗口."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

FIT_TEXT = "适合窗口"


class ZoomBar(QWidget):
    zoomIn = Signal()
    zoomOut = Signal()
    reset = Signal()
    fit = Signal()

    def __init__(self, name: str, with_fit: bool = True, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)

        def button(text: str, tip: str, signal, object_name: str) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.setObjectName(f"{name}_{object_name}")
            b.setAutoRaise(True)
            # Mouse only, as toolbar buttons: the keys are Ctrl+= / Ctrl+- / Ctrl+0, and a tab
            # switch must land in the table or the text, never on these.
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(signal)
            lay.addWidget(b)
            return b

        self.out_button = button("－", "缩小（Ctrl+减号，或按住 Ctrl 滚动滚轮）", self.zoomOut, "zoom_out")
        self.percent = button("100%", "恢复为 100%（Ctrl+0）", self.reset, "zoom_reset")
        self.percent.setMinimumWidth(self.percent.fontMetrics().horizontalAdvance("200%") + 12)
        self.in_button = button("＋", "放大（Ctrl+等号，或按住 Ctrl 滚动滚轮）", self.zoomIn, "zoom_in")
        self.fit_button = None
        if with_fit:
            self.fit_button = button(FIT_TEXT, "缩放到整张表格都能显示在窗口中", self.fit, "zoom_fit")
            self.fit_button.setCheckable(True)
            self.fit_button.clicked.disconnect()
            self.fit_button.clicked.connect(lambda _checked: self.fit.emit())

    def show_zoom(self, zoom: float, fitting: bool = False) -> None:
        self.percent.setText(f"{round(zoom * 100)}%")
        if self.fit_button is not None:
            self.fit_button.setChecked(fitting)

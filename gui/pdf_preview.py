"""打印预览 without a printer: the report's pages on screen, and a button to save them as a PDF.

Offices often have no printer on the clerk's own PC: the preview still shows exactly what would
be printed (the exported PDF, see gui/printing.py), and 保存为PDF puts it on a USB stick for a PC
that can print.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton, QVBoxLayout

from gui import message_box
from gui.screen_fit import fit_to_screen
from model.atomic_file import write_atomic
from model.errors import ReportError

NO_PRINTER_TEXT = ("本机没有找到可用的打印机。下面是打印出来的样子；可以“保存为PDF”，"
                   "拿到能打印的电脑上打印。（添加打印机：系统设置中的“打印机和扫描仪”。）")


class PdfPreviewDialog(QDialog):
    def __init__(self, parent, pages, pdf: bytes, suggested: Path):
        """`pages`: a gui.printing.PdfPages (it keeps the document's buffer alive)."""
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle("打印预览")
        self.pages, self.pdf, self.suggested = pages, pdf, suggested
        self.saved: Path | None = None
        lay = QVBoxLayout(self)
        self.message = QLabel(NO_PRINTER_TEXT)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.message)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_preview_view")
        self.view.setAccessibleName("打印预览")
        self.view.setDocument(pages.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        lay.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("保存为PDF(&S)…")
        self.save_button.setObjectName("pdf_preview_save")
        self.save_button.clicked.connect(self.save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 820, 900)

    def save(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, "保存为PDF", str(self.suggested), "PDF 文件 (*.pdf)")
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomic(path, self.pdf, keep_backup=False)
        except ReportError as exc:
            message_box.warning(self, "保存为PDF", str(exc))
            return False
        self.saved = path
        self.message.setText(f"已保存：{path}")
        return True

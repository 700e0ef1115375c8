"""Print a report: exactly the pages of the exported PDF, through a preview and the system dialog
(or, with no printer on this PC, a preview that saves the PDF: gui/pdf_preview.py).

The PDF (export.pdf_report.build_pdf) is the one layout of the printed report.  Printing renders
each of its pages with QtPdf and paints the image over the whole sheet of paper, at the PDF's
own page size and with no margins of Qt's own, so paper, PDF and screen show the same pages at
the same scale.  Page ranges and copies chosen in the print dialog are honoured here when the
printer cannot do copies itself (PDF output, some drivers).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from gui.screen_fit import fit_to_screen
from model.checks import check_report, errors  # noqa: F401  (errors: tests ask what the question is about)
from model.errors import ReportError
from model.release_check import release_question
from model.report import Report

TITLE = "打印"
POINTS_PER_INCH = 72
# Pages are rendered as images for the printer.  300 dpi is laser-printer quality for text and
# rules; more only costs memory (an A4 page at 300 dpi is a 35 MB image).  The on-screen preview
# needs less: 150 dpi stays sharp up to 150 % zoom and opens twice as fast.
PRINT_DPI = 300
PREVIEW_DPI = 150


class PdfLoadError(Exception):
    """The PDF bytes could not be opened by QtPdf (never expected for our own export)."""


def report_pdf(report: Report) -> bytes:
    """The exported PDF of the report, in the faces the clerk chose (「PDF 字体」): the single
    source of what is printed."""
    from export.font_lookup import saved_choice
    from export.pdf_report import build_pdf  # imported late: reportlab loads only when needed

    return build_pdf(report, saved_choice())


class PdfPages:
    """A PDF held in memory and opened with QtPdf; its pages rendered on request.

    Owns the QBuffer that QPdfDocument reads from, which must outlive the document.
    """

    def __init__(self, pdf: bytes):
        self._data = QByteArray(pdf)
        self._buffer = QBuffer()
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)  # synchronous for a buffer that holds the whole file
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            raise PdfLoadError(f"无法打开生成的 PDF（{self.document.error().name}）。")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_points(self, index: int) -> QSizeF:
        """Size of page `index` (0-based) in PDF points (1/72 inch)."""
        return self.document.pagePointSize(index)

    def render(self, index: int, dpi: float) -> QImage:
        pts = self.page_points(index)
        size = QSize(round(pts.width() * dpi / POINTS_PER_INCH),
                     round(pts.height() * dpi / POINTS_PER_INCH))
        return on_white(self.document.render(index, size))


def on_white(image: QImage) -> QImage:
    """QtPdf leaves the paper transparent; printers and screens want white paper, and an opaque
    image also keeps print engines from emitting a soft mask for every page."""
    sheet = QImage(image.size(), QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    painter.drawImage(0, 0, image)
    painter.end()
    return sheet


def render_pages(report: Report, dpi: int = 150) -> list[QImage]:
    """The exported PDF's pages as images, one per page, `dpi` pixels per inch of paper."""
    pages = PdfPages(report_pdf(report))
    return [pages.render(i, dpi) for i in range(pages.page_count)]


def page_layout_for(points: QSizeF) -> QPageLayout:
    """A margin-free layout of exactly this paper size (A4 when it is A4, by fuzzy match)."""
    w, h = points.width(), points.height()
    portrait = QSizeF(min(w, h), max(w, h))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if w > h
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def prepare_printer(printer: QPrinter, pages: PdfPages, doc_name: str) -> None:
    """Paper size of the PDF's first page, full-page painting, no margins of Qt's own."""
    printer.setDocName(doc_name)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(pages.page_points(0)))


@dataclass(frozen=True)
class PrintPlan:
    """Which PDF pages go to the printer, in order (0-based, copies already expanded)."""
    pages: tuple[int, ...]


def plan_pages(page_count: int, printer: QPrinter) -> PrintPlan:
    """The chosen page range, repeated for copies the printer does not make itself.

    Collated copies print the whole selection again (1 2 3, 1 2 3); uncollated ones repeat each
    page (1 1, 2 2, 3 3), as the print dialog's picture shows.
    """
    ranges = printer.pageRanges()
    chosen = [i for i in range(page_count)
              if ranges.isEmpty() or ranges.contains(i + 1)]
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies == 1:
        return PrintPlan(tuple(chosen))
    if printer.collateCopies():
        return PrintPlan(tuple(chosen) * copies)
    return PrintPlan(tuple(i for i in chosen for _ in range(copies)))


def paint_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Paint the planned PDF pages on the printer, each over the whole sheet.  Returns the count.

    Connected to QPrintPreviewDialog.paintRequested, so it serves the preview and the real print.
    """
    plan = plan_pages(pages.page_count, printer)
    if not plan.pages:
        return 0
    # QPrintPreviewWidget records the pages through a picture engine; real printing does not.
    previewing = printer.paintEngine().type() == QPaintEngine.Type.Picture
    dpi = min(PREVIEW_DPI if previewing else PRINT_DPI, printer.resolution())
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(pages.page_points(plan.pages[0])))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印：打印机未就绪。")
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)  # scaled preview stays legible
    try:
        for n, index in enumerate(plan.pages):
            if n:
                layout = page_layout_for(pages.page_points(index))
                if not layout.isEquivalentTo(printer.pageLayout()):
                    printer.setPageLayout(layout)  # a landscape page in a portrait report
                printer.newPage()
            # The sheet in device pixels; with full-page painting its origin is the paper corner.
            sheet = printer.pageLayout().fullRectPixels(printer.resolution())
            image = pages.render(index, dpi)
            painter.drawImage(QRectF(0, 0, sheet.width(), sheet.height()), image)
    finally:
        painter.end()
    return len(plan.pages)


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinters())


def confirm_despite_errors(parent: QWidget | None, report: Report) -> bool:
    """Ask before printing a report that still fails its checks or carries last year's
    leftovers (model/release_check.py names them).  True = go on."""
    question = release_question(report, check_report(report), "打印")
    if not question:
        return True
    from gui import message_box  # plain text: the question quotes the report's texts

    return message_box.question(parent, TITLE, question) == message_box.Btn.Yes


def make_preview_dialog(parent: QWidget | None, pages: PdfPages,
                        printer: QPrinter) -> QPrintPreviewDialog:
    """The preview window; its print button opens the system print dialog (printer, pages,
    copies) and then prints through paint_pages."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")

    def paint(target: QPrinter) -> None:
        try:
            paint_pages(pages, target)
        except OSError as exc:  # raised inside a Qt slot: tell the clerk here, not in a log
            from gui import message_box  # plain text: the message names files

            message_box.critical(dialog, TITLE, str(exc))

    dialog.paintRequested.connect(paint)
    fit_to_screen(dialog, 900, 1000)
    return dialog


def preview_without_printer(parent: QWidget | None, pages: PdfPages, pdf: bytes, report: Report) -> None:
    """No printer here: show the pages anyway and offer to save them as a PDF."""
    from gui.file_controller import safe_file_stem
    from gui.pdf_preview import PdfPreviewDialog
    from model.user_dirs import drafts_dir

    dialog = PdfPreviewDialog(parent, pages, pdf, drafts_dir() / f"{safe_file_stem(report.title)}.pdf")
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def print_report(parent: QWidget | None, report: Report) -> None:
    """Ctrl+P: check, build the PDF, preview it, and print through the system dialog."""
    if not confirm_despite_errors(parent, report):
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the first PDF loads its fonts
    try:
        pdf = report_pdf(report)
        pages = PdfPages(pdf)
    except (ReportError, PdfLoadError) as exc:
        QApplication.restoreOverrideCursor()
        from gui import message_box  # plain text: the message names files

        message_box.critical(parent, TITLE, f"无法生成打印内容：{exc}")
        return
    QApplication.restoreOverrideCursor()
    if not has_printer():
        preview_without_printer(parent, pages, pdf, report)
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, pages, report.title)
    dialog = make_preview_dialog(parent, pages, printer)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()

"""Printing paints exactly the exported PDF's pages: same count, same paper, same picture.

The printer here is Qt's PDF printer (no CUPS needed), driven without exec'ing any dialog.
While export.pdf_report is not there yet, a small reportlab PDF of known pages stands in for it.
"""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage, QPageRanges, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from gui import printing
from model.draft_io import load_draft
from model.report import Report
from model.samples import seed_path

SAMPLE = seed_path()
A4_POINTS = (595.28, 841.89)


def stand_in_pdf(pages: int = 3, landscape_at: int | None = None) -> bytes:
    """A4 pages each with a big page number and a frame, so a shift or a scale shows."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for i in range(pages):
        size = landscape(A4) if i == landscape_at else A4
        c.setPageSize(size)
        w, h = size
        c.setLineWidth(4)
        c.rect(72, 72, w - 144, h - 144)
        c.setFont("Helvetica-Bold", 120)
        c.drawString(100 + 60 * i, h / 2, str(i + 1))
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture
def report() -> Report:
    return load_draft(SAMPLE)


@pytest.fixture
def exported_pdf(report) -> bytes:
    """The PDF that printing must reproduce: the real export."""
    return printing.report_pdf(report)


def pdf_printer(path, fast: bool = False) -> QPrinter:
    """Qt's PDF printer; `fast` = screen resolution, for tests about which pages print, not how."""
    mode = QPrinter.PrinterMode.ScreenResolution if fast else QPrinter.PrinterMode.HighResolution
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def open_pdf(path) -> QPdfDocument:
    doc = QPdfDocument()
    doc.load(str(path))
    assert doc.status() == QPdfDocument.Status.Ready
    return doc


def page_sizes(doc: QPdfDocument) -> list[tuple[float, float]]:
    return [(round(doc.pagePointSize(i).width(), 1), round(doc.pagePointSize(i).height(), 1))
            for i in range(doc.pageCount())]


def gray_bytes(img: QImage) -> bytes:
    """The pixels of a Grayscale8 image, row padding left out."""
    raw, w, stride = bytes(img.constBits()), img.width(), img.bytesPerLine()
    return b"".join(raw[y * stride:y * stride + w] for y in range(img.height()))


def ink_mismatch(a: QImage, b: QImage) -> float:
    """Share of inked pixels (dark in either image) that are plain paper in the other.

    Hairlines come out a little lighter from the printed raster than from the PDF's vectors, so
    only clear ink against clear paper counts.  The same page scores near 0; another page, or
    the page shifted by 2 mm, scores far above 0.05.
    """
    assert a.size() == b.size()
    a = printing.on_white(a).convertToFormat(QImage.Format.Format_Grayscale8)
    b = printing.on_white(b).convertToFormat(QImage.Format.Format_Grayscale8)
    inked = bad = 0
    for va, vb in zip(gray_bytes(a), gray_bytes(b)):
        if va < 128 or vb < 128:
            inked += 1
            bad += max(va, vb) > 235
    assert inked, "blank page: nothing to compare"
    return bad / inked


def print_to_pdf(pdf: bytes, path, configure=None, fast: bool = False) -> QPdfDocument:
    pages = printing.PdfPages(pdf)
    printer = pdf_printer(path, fast)
    printing.prepare_printer(printer, pages, "测试")
    if configure:
        configure(printer)
    printing.paint_pages(pages, printer)
    return open_pdf(path)


def test_printed_pages_match_the_exported_pdf(qapp, tmp_path, exported_pdf):
    source = printing.PdfPages(exported_pdf)
    printed = print_to_pdf(exported_pdf, tmp_path / "printed.pdf")
    assert printed.pageCount() == source.page_count
    # Qt's PDF writer stores A4 as 595 × 842 pt (whole points); reportlab as 595.28 × 841.89.
    for got, want in zip(page_sizes(printed), page_sizes(source.document)):
        assert got == pytest.approx(want, abs=0.5)
    for w, h in page_sizes(printed):
        assert (w, h) == pytest.approx(A4_POINTS, abs=0.5)


def test_printed_page_looks_like_the_pdf_page_not_shifted_or_scaled(qapp, tmp_path, exported_pdf):
    source = printing.PdfPages(exported_pdf)
    printed = print_to_pdf(exported_pdf, tmp_path / "printed.pdf")
    for i in range(source.page_count):
        want = source.render(i, 40)
        got = printed.render(i, want.size())
        assert ink_mismatch(want, got) < 0.05, f"page {i + 1} differs from the PDF"
    # The comparison can fail: another page, or the page shifted by 2 mm, is far off.
    first = source.render(0, 40)
    if source.page_count > 1:
        assert ink_mismatch(first, printed.render(1, first.size())) > 0.05
    shifted = QImage(first.size(), first.format())
    shifted.fill(0xFFFFFFFF)
    painter = QPainter(shifted)
    painter.drawImage(3, 3, first)  # 3 px at 40 dpi ≈ 2 mm
    painter.end()
    assert ink_mismatch(first, shifted) > 0.05


def test_page_range_and_copies_are_honoured(qapp, tmp_path):
    pdf = stand_in_pdf(pages=4)
    source = printing.PdfPages(pdf)

    def pages_2_to_3_twice_collated(printer):
        ranges = QPageRanges()
        ranges.addRange(2, 3)
        printer.setPageRanges(ranges)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)

    printed = print_to_pdf(pdf, tmp_path / "range.pdf", pages_2_to_3_twice_collated, fast=True)
    assert printed.pageCount() == 4
    order = []
    for i in range(printed.pageCount()):
        got = printed.render(i, source.render(0, 30).size())
        diffs = [ink_mismatch(source.render(k, 30), got) for k in range(4)]
        order.append(diffs.index(min(diffs)) + 1)
    assert order == [2, 3, 2, 3]


def test_uncollated_copies_repeat_each_page(qapp):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # makes no copies itself
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    assert printing.plan_pages(3, printer).pages == (0, 0, 1, 1, 2, 2)
    printer.setCollateCopies(True)
    assert printing.plan_pages(3, printer).pages == (0, 1, 2, 0, 1, 2)


def test_a_landscape_page_prints_landscape(qapp, tmp_path):
    pdf = stand_in_pdf(pages=3, landscape_at=1)
    printed = print_to_pdf(pdf, tmp_path / "mixed.pdf", fast=True)
    sizes = page_sizes(printed)
    assert sizes[0] == pytest.approx(A4_POINTS, abs=0.5)
    assert sizes[1] == pytest.approx(A4_POINTS[::-1], abs=0.5)
    assert sizes[2] == pytest.approx(A4_POINTS, abs=0.5)


def test_render_pages_gives_one_image_per_page_at_the_right_size(qapp, report, exported_pdf):
    source = printing.PdfPages(exported_pdf)
    images = printing.render_pages(report, dpi=100)
    assert len(images) == source.page_count
    for i, img in enumerate(images):
        pts = source.page_points(i)
        assert img.width() == round(pts.width() * 100 / 72)
        assert img.height() == round(pts.height() * 100 / 72)
        assert not img.isNull()
    # A4 at 100 dpi is 827 × 1169 pixels.
    assert (images[0].width(), images[0].height()) == (827, 1169)


def test_page_layout_is_a4_without_margins(qapp):
    layout = printing.page_layout_for(QSizeF(*A4_POINTS))
    assert layout.pageSize().id() == layout.pageSize().PageSizeId.A4
    assert layout.margins().isNull()


def test_unreadable_pdf_is_refused(qapp):
    with pytest.raises(printing.PdfLoadError):
        printing.PdfPages(b"%PDF-1.4 not really")


# --- print_report: the questions it asks, without exec'ing dialogs -----------------------------

class Calls:
    def __init__(self):
        self.questions, self.warnings, self.previews = [], [], []


@pytest.fixture
def calls(monkeypatch, exported_pdf):
    c = Calls()

    def exec_(box):  # every box is a plain-text QMessageBox shown with exec() (gui/message_box.py)
        if box.button(QMessageBox.StandardButton.Yes) is not None:
            c.questions.append(box.text())
            return c.answer
        c.warnings.append(box.text())
        return QMessageBox.StandardButton.Ok

    c.answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(printing.QPrintPreviewDialog, "exec",
                        lambda self: c.previews.append(self) or 0)
    return c


def test_report_with_errors_asks_first_and_no_stops(qapp, calls, report, monkeypatch):
    report.cells["t2_1.regulations.new_made"] = "abc"  # an invalid cell is an error
    monkeypatch.setattr(printing, "has_printer", lambda: True)
    assert printing.errors(printing.check_report(report))
    printing.print_report(None, report)
    assert len(calls.questions) == 1 and "错误" in calls.questions[0]
    assert calls.previews == []


def test_report_with_errors_prints_when_confirmed(qapp, calls, report, monkeypatch):
    report.cells["t2_1.regulations.new_made"] = "abc"
    monkeypatch.setattr(printing, "has_printer", lambda: True)
    calls.answer = QMessageBox.StandardButton.Yes
    printing.print_report(None, report)
    assert len(calls.previews) == 1


def test_clean_report_goes_straight_to_the_preview(qapp, calls, report, monkeypatch):
    monkeypatch.setattr(printing, "has_printer", lambda: True)
    monkeypatch.setattr(printing, "check_report", lambda r: [])
    printing.print_report(None, report)
    assert calls.questions == []
    assert len(calls.previews) == 1
    assert calls.previews[0].windowTitle() == "打印预览"


def test_no_printer_still_previews_and_saves_the_pdf(qapp, calls, report, monkeypatch, tmp_path,
                                                     exported_pdf):
    from gui import pdf_preview

    shown = []
    monkeypatch.setattr(printing, "check_report", lambda r: [])
    monkeypatch.setattr(printing, "has_printer", lambda: False)
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    printing.print_report(None, report)
    assert calls.previews == [] and calls.warnings == []  # no print dialog, no dead end
    dialog = shown[0]
    assert "打印机" in dialog.message.text() and dialog.windowTitle() == "打印预览"
    assert dialog.view.document().pageCount() == printing.PdfPages(exported_pdf).page_count
    target = tmp_path / "给能打印的电脑"  # no suffix typed: .pdf is added
    monkeypatch.setattr(pdf_preview.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save()
    saved = target.with_name(target.name + ".pdf")
    assert saved.read_bytes().startswith(b"%PDF") and dialog.saved == saved
    assert open_pdf(saved).pageCount() == dialog.view.document().pageCount()


def test_preview_paints_every_pdf_page(qapp, tmp_path, exported_pdf):
    """The preview's paintRequested goes through paint_pages: printing from it makes the PDF."""
    pages = printing.PdfPages(exported_pdf)
    printer = pdf_printer(tmp_path / "from-preview.pdf", fast=True)
    printing.prepare_printer(printer, pages, "测试")
    dialog = printing.make_preview_dialog(None, pages, printer)
    dialog.paintRequested.emit(printer)
    dialog.deleteLater()
    assert open_pdf(tmp_path / "from-preview.pdf").pageCount() == pages.page_count

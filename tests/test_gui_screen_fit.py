"""Every big window and dialog fits the screen it opens on, buttons included.

A 1366×768 laptop at 125 % / 150 % leaves Qt 1093×614 / 911×512 logical pixels; the offscreen
screen of the tests is 800×800, smaller in width than the sizes these windows asked for (1180,
1200, 1280) and in height than the print previews' (900, 1000)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton

from gui_helpers import record_dialogs
from model.draft_io import load_draft
from model.samples import sample_path

import pytest


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def assert_fits(qtbot, widget, buttons=()):
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    free = QGuiApplication.primaryScreen().availableGeometry()
    size = widget.frameGeometry()
    assert size.width() <= free.width() and size.height() <= free.height(), (size, free)
    for b in buttons:  # the buttons lie inside the window, so on the screen
        corner = b.mapTo(widget, QPoint(b.width(), b.height()))
        assert widget.rect().contains(corner), (b.text(), corner, widget.rect())


def test_the_import_review_fits(qtbot, dialogs):
    from gui.import_review import ImportReviewDialog
    from model.importing import import_report

    dialog = ImportReviewDialog(import_report(sample_path()))
    assert_fits(qtbot, dialog, [dialog.ok_button])


def test_the_print_previews_fit(qtbot, dialogs):
    from gui.pdf_preview import PdfPreviewDialog
    from gui.printing import PdfPages, make_preview_dialog, report_pdf

    pdf = report_pdf(load_draft(sample_path()))
    pages = PdfPages(pdf)
    dialog = PdfPreviewDialog(None, pages, pdf, sample_path().with_suffix(".pdf"))
    assert_fits(qtbot, dialog, [dialog.save_button])
    printer = QPrinter()  # outlives the dialog that prints on it
    preview = make_preview_dialog(None, pages, printer)
    assert_fits(qtbot, preview)
    preview.close()


def test_the_summary_window_and_a_units_report_fit(qtbot, dialogs, tmp_path):
    from gui.summary_window import SummaryWindow
    from gui.unit_report_view import UnitReportWindow
    from model.review_table import ReviewRow
    from model.settings import Settings

    win = SummaryWindow(settings=Settings(tmp_path / "settings.json"))
    assert_fits(qtbot, win, [b for b in win.findChildren(QAbstractButton) if b.isVisible() and b.text()])
    report = load_draft(sample_path())
    assert_fits(qtbot, UnitReportWindow(ReviewRow(report.agency, "无错误", report=report)))


# The smallest screen a clerk has: 1366×768 at 150 % is 911×512 logical pixels, and logical sizes do
# not change with the scaling.  What a window cannot shrink below must fit there, frame included.
SMALLEST = (911 - 16, 512 - 48)


def assert_shrinks(widget):
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    assert need.width() <= SMALLEST[0] and need.height() <= SMALLEST[1], need


def test_the_review_and_a_units_report_shrink_to_the_smallest_screen(qtbot, dialogs):
    from gui.import_review import ImportReviewDialog
    from gui.unit_report_view import UnitReportWindow
    from model.importing import import_report
    from model.review_table import ReviewRow

    dialog = ImportReviewDialog(import_report(sample_path()))
    qtbot.addWidget(dialog)
    assert_shrinks(dialog)
    report = load_draft(sample_path())
    unit = UnitReportWindow(ReviewRow(report.agency, "无错误", report=report))
    qtbot.addWidget(unit)
    assert_shrinks(unit)

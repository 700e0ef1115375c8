"""The window on a clerk's 1366×768 laptop: it fits, every page scrolls, the findings sit at the
side and are a click or F8 away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui_helpers import open_window, record_dialogs
from model.report import Report

import pytest


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def test_the_window_may_be_smaller_than_a_1024x600_screen(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    w.build_pages()
    for i in range(w.tabs.count()):  # every page, shown once: none may demand more room
        w.tabs.setCurrentIndex(i)
        qtbot.wait(1)
        hint = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert hint.width() <= 1024 and hint.height() <= 600, (w.tabs.tabText(i), hint)


def test_a_small_window_scrolls_the_page_instead_of_growing(qtbot, dialogs):
    w = open_window(qtbot, size=(760, 500))
    qtbot.waitUntil(lambda: w.height() <= 500)
    page = w.info
    # 基本信息 (a form and two editors) is taller than what is left: the page scrolls.
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0)
    assert w.statusBar().geometry().bottom() <= w.height()
    page.ensureWidgetVisible(w.info.closing.edit)
    qtbot.waitUntil(lambda: page.verticalScrollBar().value() > 0)


def test_findings_are_a_side_panel_that_closes_and_comes_back_from_the_status_bar(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    assert w.dockWidgetArea(w.findings) == Qt.DockWidgetArea.RightDockWidgetArea
    assert w.findings.width() < 420 and w.tabs.width() > 900  # the tables keep the width
    w.findings.close()
    qtbot.waitUntil(lambda: not w.findings.isVisible())
    qtbot.mouseClick(w.check_label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(w.findings.isVisible)
    assert QApplication.focusWidget() is w.findings.list


def test_f8_walks_the_findings_and_shows_each_one(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    r = Report.new(2024)  # no agency, no texts, blank tables: several findings
    w.doc.replace(r, None)
    first, second = w.findings.finding_items()[:2]
    qtbot.keyClick(w.info.agency, Qt.Key.Key_F8)
    assert w.findings.list.currentItem() is first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert w.findings.list.currentItem() is second
    shown = w.findings.finding_at(second)
    page = w.pages.get(shown.section, w.info)
    assert w.tabs.currentWidget() is page
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert w.findings.list.currentItem() is first


def test_a_layout_saved_by_an_older_version_does_not_bring_the_findings_back_below(qtbot, dialogs):
    import base64

    w = open_window(qtbot, size=(1366, 768))
    w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, w.findings)  # the old default
    w.settings.set("window_geometry", base64.b64encode(bytes(w.saveGeometry())).decode("ascii"))
    w.settings.set("window_state", base64.b64encode(bytes(w.saveState(0))).decode("ascii"))
    w2 = open_window(qtbot)
    assert w2.dockWidgetArea(w2.findings) == Qt.DockWidgetArea.RightDockWidgetArea
    # The clerk's own arrangement, saved by this version, is kept.
    w2.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, w2.findings)
    assert w2.close()
    w3 = open_window(qtbot)
    assert w3.dockWidgetArea(w3.findings) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_on_a_narrow_window_every_tab_stays_in_view(qtbot, dialogs):
    w = open_window(qtbot, size=(911, 512))  # 1366×768 at 150 %
    bar = w.tabs.tabBar()
    qtbot.waitUntil(lambda: bar.tabRect(6).right() <= bar.width())
    assert all(bar.tabRect(i).width() > 0 for i in range(7))

"""Seeing a whole table: zoom by Ctrl+wheel and Ctrl+= / Ctrl+-, 适合窗口, and the header rows and
label columns frozen while the table scrolls."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel

from gui_helpers import open_window, record_dialogs

import pytest


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def table_page(qtbot, w, section="s3"):
    page = w.pages[section]
    w.tabs.setCurrentWidget(page)
    grid = page.ensure_grid()
    qtbot.waitUntil(lambda: grid.table_view().hasFocus())
    return page, grid, grid.table_view()


def wheel(widget, dy: int, mods=Qt.KeyboardModifier.ControlModifier) -> None:
    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, dy),
                     Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def test_ctrl_wheel_and_keys_zoom_the_table(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    page, grid, table = table_page(qtbot, w)
    row_100 = table.rowHeight(5)
    point_100 = table.font().pointSizeF()
    wheel(table.viewport(), 120)
    assert grid.zoom == 1.1 and page.zoom_bar.percent.text() == "110%"
    assert table.font().pointSizeF() == pytest.approx(point_100 * 1.1)
    assert table.rowHeight(5) > row_100
    qtbot.keyClick(table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert grid.zoom == 1.25
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert grid.zoom == 0.9 and table.rowHeight(5) < row_100
    # Zoomed out the table still fills the width (only the rows get shorter).
    assert sum(table.columnWidth(k) for k in range(grid.model().grid.n_cols)) == table.viewport().width()
    qtbot.keyClick(table, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert grid.zoom == 1.0 and table.rowHeight(5) == row_100
    # A plain wheel scrolls, it does not zoom.
    wheel(table.viewport(), -120, Qt.KeyboardModifier.NoModifier)
    assert grid.zoom == 1.0


def test_fit_to_window_shows_every_row_of_table_three_at_1366x768(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    page, grid, table = table_page(qtbot, w)
    n_rows = grid.model().grid.n_rows
    assert table.verticalScrollBar().maximum() > 0  # at 100 % 表三 does not fit
    qtbot.mouseClick(page.zoom_bar.fit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() == 0)
    assert 0.5 <= grid.zoom < 1.0 and page.zoom_bar.fit_button.isChecked()
    last = table.visualRect(grid.model().index(n_rows - 1, grid.model().grid.n_cols - 1))
    assert last.bottom() <= table.viewport().height()
    # It follows the window: taller window, larger zoom.
    before = grid.zoom
    w.resize(1366, 1000)
    qtbot.waitUntil(lambda: grid.zoom > before)
    # Zooming by hand ends it.
    grid.zoom_in()
    assert not grid.fit and not page.zoom_bar.fit_button.isChecked()


def test_zoomed_in_the_labels_stay_while_the_numbers_scroll_sideways(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    page, grid, table = table_page(qtbot, w)
    labels, header, corner = (grid.frozen_pane(k) for k in ("columns", "rows", "corner"))
    assert not labels.isVisible()  # nothing scrolls sideways at 100 %
    grid.set_zoom(1.5)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
    assert labels.isVisible() and corner.isVisible() and header.isVisible()
    g = grid.model().grid
    label_w = sum(table.columnWidth(k) for k in range(3))  # 表三's three label columns
    assert labels.width() == label_w and labels.objectName() == "t3_labels"
    grid.select_cell("t3.r1_new.total")  # the rightmost column: the sheet scrolls sideways
    qtbot.waitUntil(lambda: table.horizontalScrollBar().value() > 0)
    assert header.horizontalScrollBar().value() == table.horizontalScrollBar().value()
    assert labels.horizontalScrollBar().value() == 0
    # The current cell is not hidden under the frozen labels or header.
    rect = table.visualRect(grid.model().index_of("t3.r1_new.natural"))
    grid.select_cell("t3.r1_new.natural")
    rect = table.visualRect(grid.model().index_of("t3.r1_new.natural"))
    assert rect.left() >= label_w - 1
    grid.select_cell("t3.r6_total.natural" if "t3.r6_total.natural" in w.doc.fmt.cells
                     else g.cells[-1].cell_id)
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() > 0)
    assert labels.verticalScrollBar().value() == table.verticalScrollBar().value()
    grid.set_zoom(1.0)
    qtbot.waitUntil(lambda: not labels.isVisible())


def test_text_pages_zoom_their_editor(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    page = w.pages["s1"]
    w.tabs.setCurrentWidget(page)
    edit = page.text.edit
    size = edit.font().pointSizeF()
    w.act_zoom_in.trigger()
    assert edit.font().pointSizeF() == pytest.approx(size * 1.1)
    assert page.zoom_bar.percent.text() == "110%"
    w.act_zoom_reset.trigger()
    assert edit.font().pointSizeF() == pytest.approx(size)


def test_the_table_hint_ends_in_an_ellipsis_where_the_room_runs_out(qtbot, dialogs):
    """At 1024 pixels the hint beside the table's title does not fit; it ends in 「…」 (never a
    character cut in half) and the tooltip keeps the whole of it."""
    w = open_window(qtbot)
    w.resize(1024, 600)
    w.tabs.setCurrentWidget(w.pages["s3"])
    tip = w.findChild(QLabel, "s3_table_tip")
    qtbot.waitUntil(lambda: tip.isVisible() and tip.width() > 0)
    whole = "输入数字后回车；可从 Excel 粘贴；灰底合计自动计算。"
    assert tip.text() == whole
    shown = tip.shown_text()
    assert shown != whole and shown.endswith("…") and whole.startswith(shown[:-1])
    assert tip.fontMetrics().horizontalAdvance(shown) <= tip.contentsRect().width()
    assert "合计由软件自动计算" in tip.toolTip()  # the longer explanation
    tip.resize(2000, tip.height())  # with room enough, all of it
    assert tip.shown_text() == whole

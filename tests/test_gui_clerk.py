"""What a clerk tripped over in a real afternoon with the window: focus, keyboard paths, an open
cell editor at save time, labels scrolled out of sight, a note eating table rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from gui.grid_delegate import _visible_part
from gui.main_window import MainWindow
from gui_helpers import open_window, record_dialogs
from model.draft_io import load_draft
from model.grid import GROUP

import pytest


def window(qtbot, draft=None) -> MainWindow:
    return open_window(qtbot, draft, size=(1366, 768))


@pytest.fixture
def no_dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def type_keys(text: str) -> None:
    for ch in text:
        target = QApplication.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def open_table(qtbot, w: MainWindow, section: str):
    w.tabs.setCurrentWidget(w.pages[section])
    grid = w.pages[section].ensure_grid()
    table = grid.table_view()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    return grid, table


def test_the_window_starts_in_the_agency_field(qtbot, no_dialogs):
    w = window(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.info.agency)


def test_tab_walks_the_form_and_leaves_the_date_field(qtbot, no_dialogs):
    w = window(qtbot)
    w.info.agency.setFocus()
    qtbot.waitUntil(w.info.agency.hasFocus)
    seen = []
    for _ in range(7):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    info = w.info
    assert seen[:4] == [info.agency, info.year, info.format, info.date]
    assert [b.text() for b in seen[4:6] if isinstance(b, QPushButton)] == ["今天", "清除"]
    assert seen[6] is info.preamble.edit


@pytest.mark.parametrize("section", ["s2", "s3", "s4"])
def test_switching_to_a_table_tab_lands_in_the_sheet_not_on_fill_zero(qtbot, no_dialogs, section):
    w = window(qtbot)
    qtbot.waitUntil(w.info.agency.hasFocus)
    w.tabs.setCurrentWidget(w.pages[section])
    table = w.pages[section].grid.table_view()
    qtbot.waitUntil(table.hasFocus)
    type_keys("7")  # digits typed straight away go into the current cell
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: 7 in w.doc.report.cells.values())


def test_save_with_a_cell_editor_open_saves_what_was_typed(qtbot, no_dialogs, tmp_path, monkeypatch):
    target = tmp_path / "报告.gknb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w = window(qtbot)
    grid, table = open_table(qtbot, w, "s3")
    cell_id = grid.model().cell(table.currentIndex()).cell_id
    type_keys("42")
    assert table.state() == table.State.EditingState
    w.act_save.trigger()  # as Ctrl+S does: the editor does not swallow the shortcut
    assert load_draft(target).cells.get(cell_id) == 42
    assert table.state() != table.State.EditingState
    assert not w.isWindowModified()


def test_escape_cancels_a_cell_edit(qtbot, no_dialogs):
    w = window(qtbot)
    grid, table = open_table(qtbot, w, "s3")
    type_keys("5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    w.commit_pending_edits()
    assert w.doc.report.cells == {}


def test_typing_into_cells_logs_no_foreign_editor_warning(qtbot, no_dialogs, qtlog):
    w = window(qtbot)
    grid, table = open_table(qtbot, w, "s3")
    editing = table.State.EditingState
    for keys, finish in (("1", Qt.Key.Key_Return), ("2", Qt.Key.Key_Tab), ("3", Qt.Key.Key_Escape)):
        type_keys(keys)
        qtbot.waitUntil(lambda: table.state() == editing)
        qtbot.keyClick(QApplication.focusWidget(), finish)
        qtbot.waitUntil(lambda: table.state() != editing)
    type_keys("4")
    qtbot.waitUntil(lambda: table.state() == editing)
    target = grid.model().index_of("t3.r2_carried_in.natural")
    rect = table.visualRect(target)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.state() != editing and table.currentIndex() == target)
    assert not [r for r in qtlog.records if "commitData" in r.message]
    assert len(w.doc.report.cells) == 3


def test_a_tall_group_label_stays_in_sight_while_its_rows_scroll(qtbot, no_dialogs):
    w = window(qtbot)
    grid, table = open_table(qtbot, w, "s3")
    g = grid.model().grid
    label = next(c for c in g.cells if c.kind == GROUP and c.rowspan > 5)  # 三、本年度办理结果
    index = grid.model().index(label.row, label.col)
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    area = table.open_area()
    rect = table.visualRect(index)
    assert rect.top() < area.top() < rect.bottom()  # the span is cut off by the frozen header
    inner = rect.adjusted(4, 4, -4, -4)
    text_rect, align = _visible_part(table, index, rect, inner, grid.model().look(label.row, label.col).align)
    assert area.contains(text_rect.topLeft()) and text_rect.bottom() <= area.bottom()
    assert align & Qt.AlignmentFlag.AlignTop
    # Fully visible spans keep the official centring.
    bar.setValue(0)
    small = next(c for c in g.cells if c.kind == GROUP and c.rowspan > 1 and c.row < g.header_rows + 6)
    i2 = grid.model().index(small.row, small.col)
    r2 = table.visualRect(i2)
    if table.open_area().contains(r2):
        assert _visible_part(table, i2, r2, QRect(r2), Qt.AlignmentFlag.AlignVCenter)[1] \
            == Qt.AlignmentFlag.AlignVCenter


def note_lines_shown(page) -> float:
    """How many lines of its font the note's editor shows, measured on the widget."""
    edit = page.text.edit
    inside = edit.viewport().height() - 2 * edit.document().documentMargin()
    return inside / edit.fontMetrics().lineSpacing()


def caption_shown_whole(page) -> bool:
    caption = next(lb for lb in page.text.findChildren(QLabel) if lb.text().startswith("补充说明"))
    return caption.isVisible() and caption.height() >= caption.sizeHint().height()


def test_an_empty_note_leaves_the_height_to_the_table(qtbot, no_dialogs):
    w = window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s3"])
    page = w.pages["s3"]
    qtbot.waitUntil(lambda: page.grid is not None and page.text.edit.isVisible())
    # Two lines or a little more of the note's own font, its caption whole: no more.
    assert 2 <= note_lines_shown(page) < 3
    assert caption_shown_whole(page)
    grid_h, note_h = page.splitter.sizes()
    assert grid_h > 3 * note_h


def test_a_note_with_text_opens_showing_several_lines(qtbot, no_dialogs, tmp_path):
    from factories import full_report
    from model.draft_io import save_draft

    report = full_report("2021", 1)
    report.texts["s3"] = "表三中“其他”一栏为申请人撤回的申请。\n第二段说明。\n第三段说明。"
    save_draft(tmp_path / "有说明.gknb", report)
    w = window(qtbot, tmp_path / "有说明.gknb")
    w.tabs.setCurrentWidget(w.pages["s3"])
    page = w.pages["s3"]
    qtbot.waitUntil(lambda: page.grid is not None and page.text.edit.isVisible())
    assert 5 <= note_lines_shown(page) < 6  # all three paragraphs and room to add
    assert caption_shown_whole(page)
    grid_h, note_h = page.splitter.sizes()
    assert grid_h > note_h


def test_hidden_pages_are_built_just_after_the_first_paint(qtbot, no_dialogs):
    from PySide6.QtWidgets import QPlainTextEdit

    w = MainWindow()
    qtbot.addWidget(w)
    assert w.findChild(QPlainTextEdit, "s5") is None  # not needed for the first picture
    w.show()
    qtbot.waitUntil(lambda: all(w.findChild(QPlainTextEdit, k) is not None
                                for k in w.doc.fmt.text_keys()))
    assert w.tabs.currentWidget() is w.info


def test_closing_an_unmoved_window_does_not_rewrite_the_settings(qtbot, no_dialogs, monkeypatch):
    from model.settings import Settings

    def open_and_close():
        w = MainWindow()  # placed where the last one was closed
        qtbot.addWidget(w)
        with qtbot.waitExposed(w):
            w.show()
        w.close()

    open_and_close()  # first start: placed by the system, then saved
    open_and_close()  # placed where it was saved (offscreen moves it by its frame once)
    saved = Settings().get("window_geometry")
    writes = []
    real_save = Settings.save
    monkeypatch.setattr(Settings, "save", lambda self: writes.append(1) or real_save(self))
    open_and_close()
    assert writes == []
    assert Settings().get("window_geometry") == saved

"""Menus a clerk can find: 编辑 and the grid's context menu cut, copy, paste, clear and fill; the text
fields' context menu undoes on the report's stack; the main commands have shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from gui.actions import report_context_menu
from gui_helpers import commit_chinese, open_window, record_dialogs

import pytest


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def table(qtbot, w, section="s4"):
    w.tabs.setCurrentWidget(w.pages[section])
    grid = w.pages[section].ensure_grid()
    qtbot.waitUntil(lambda: grid.table_view().hasFocus())
    return grid


def test_edit_menu_holds_what_a_clerk_looks_for(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    names = texts(w.edit_menu)
    for wanted in ("剪切(&T)", "复制(&C)", "粘贴(&P)", "清除(&D)", "空白填0(&0)", "查找(&F)…", "替换(&H)…"):
        assert wanted in names
    assert w.act_copy.shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    # Shown in the menu, but never taken from a text field: the fields keep their own Ctrl+C.
    assert w.act_copy.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert w.act_rollover.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert w.act_pdf.shortcut() == QKeySequence("Ctrl+E")
    assert w.act_xlsx.shortcut() == QKeySequence("Ctrl+Shift+E")


def test_every_menu_letter_opens_one_entry(qtbot, dialogs):
    """Alt+F, H must open one thing: with two entries on 「H」 (汇总与审核, 导出网页) or two on 「P」
    (粘贴, 规范标点) the key only moves between them."""
    import re
    from PySide6.QtWidgets import QMenu

    w = open_window(qtbot, size=(1366, 768))
    menus = [w.menuBar()] + [a.menu() for a in w.menuBar().actions() if a.menu()]
    menus += [sub for m in list(menus[1:]) for sub in m.findChildren(QMenu)]
    for menu in menus:
        letters = [m.group(1).upper() for a in menu.actions() if not a.isSeparator()
                   for m in [re.search(r"&([^&])", a.text())] if m]
        doubled = {x for x in letters if letters.count(x) > 1}
        assert not doubled, (menu.title(), doubled, texts(menu))


def test_edit_menu_copies_clears_and_pastes_cells_of_the_table_in_use(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    grid = table(qtbot, w)
    w.doc.set_cells({"t4.cases.rv_upheld": 4})
    grid.select_cell("t4.cases.rv_upheld")
    w.act_copy.trigger()
    assert QApplication.clipboard().text() == "4\n"
    w.act_clear.trigger()
    assert "t4.cases.rv_upheld" not in w.doc.report.cells
    grid.select_cell("t4.cases.rv_corrected")
    w.act_paste.trigger()
    assert w.doc.report.cells["t4.cases.rv_corrected"] == 4
    w.act_cut.trigger()
    assert "t4.cases.rv_corrected" not in w.doc.report.cells and QApplication.clipboard().text() == "4\n"
    w.act_fill_zero.trigger()
    assert w.doc.report.cells["t4.cases.rv_upheld"] == 0
    assert "空白单元格填为 0" in w.statusBar().currentMessage()


def test_edit_menu_acts_on_the_text_field_in_use(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    w.tabs.setCurrentWidget(w.pages["s1"])
    edit = w.pages["s1"].text.edit
    edit.setFocus()
    commit_chinese(edit, "本年度")
    edit.selectAll()
    w.act_copy.trigger()
    assert QApplication.clipboard().text() == "本年度"
    w.act_clear.trigger()
    assert w.doc.report.text("s1") == ""
    w.act_paste.trigger()
    assert w.doc.report.text("s1") == "本年度"
    # 空白填0 has nothing to do on a text page: it says where it works.
    w.act_fill_zero.trigger()
    assert "表格页" in w.statusBar().currentMessage()


def test_the_grid_context_menu(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    grid = table(qtbot, w)
    menu = grid.context_menu()
    names = texts(menu)
    assert names[:4] == ["剪切(&T)", "复制(&C)", "粘贴(&P)", "清除(&D)"]
    assert "空白填0（本部分表格）" in names and "适合窗口" in names
    next(a for a in menu.actions() if a.text().startswith("空白填0")).trigger()
    assert all(w.doc.report.cells[c] == 0 for c in grid.model().input_ids())
    assert w.doc.undo_stack.undoText() == "空白填0"


def test_a_text_fields_context_menu_undoes_the_report(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    w.tabs.setCurrentWidget(w.pages["s5"])
    edit = w.pages["s5"].text.edit
    edit.setFocus()
    commit_chinese(edit, "存在问题")
    menu = report_context_menu(edit, w.doc.undo_stack)
    undo = next(a for a in menu.actions() if a.objectName() == "report-undo")
    assert undo.isEnabled() and undo.text() == "撤销(&U)"
    assert not any(a.objectName() == "edit-undo" for a in menu.actions())
    undo.trigger()
    assert w.doc.report.text("s5") == "" and edit.toPlainText() == ""
    menu = report_context_menu(edit, w.doc.undo_stack)
    redo = next(a for a in menu.actions() if a.objectName() == "report-redo")
    assert redo.isEnabled()
    redo.trigger()
    assert w.doc.report.text("s5") == "存在问题"


def test_the_agency_fields_menu_undoes_a_name_still_being_typed(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    w.doc.set_meta("agency", "甲街道")
    w.info.agency.setFocus()
    commit_chinese(w.info.agency, "乙")  # not yet committed (the field waits for a pause)
    menu = report_context_menu(w.info.agency, w.doc.undo_stack, before=w.info.commit_pending)
    next(a for a in menu.actions() if a.objectName() == "report-undo").trigger()
    assert w.doc.report.agency == "甲街道" and w.info.agency.text() == "甲街道"

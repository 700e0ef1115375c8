"""Find and replace across the report: after rollover, 2024 → 2025 is the clerk's first job."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.text_section import GROUNDS
from gui_helpers import commit_chinese, open_window, record_dialogs
from model.report import Report

import pytest


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def rolled_over_window(qtbot):
    w = open_window(qtbot, size=(1366, 768))
    r = Report.new(2025, agency="某街道办事处")
    r.texts.update({"preamble": "本报告是2024年度报告。", "s1": "2024年，本街道……\n2024年底前完成。",
                    "s5": "无", "closing": "某街道办事处\n2024年1月"})
    w.doc.replace(r, None)
    w.build_pages()
    return w


def find_marks(edit) -> list:
    """The find bar's marks in an editor (the checks underline things of their own)."""
    grounds = {GROUNDS["find"].rgb(), GROUNDS["current"].rgb()}
    return [m for m in edit.extraSelections() if m.format.background().color().rgb() in grounds]


def type_text(qtbot, widget, text):
    qtbot.keyClicks(widget, text)  # digits and Latin only (QTest); Chinese: commit_chinese


def test_ctrl_f_finds_across_pages_and_marks_the_matches(qtbot, dialogs):
    w = rolled_over_window(qtbot)
    qtbot.keyClick(w.info.agency, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = w.find_bar
    assert bar.isVisible() and not bar.replace_edit.isVisible()
    assert QApplication.focusWidget() is bar.find_edit
    type_text(qtbot, bar.find_edit, "2024")
    # preamble 1, closing 1, 一 2: counted by hand from rolled_over_window.
    assert bar.count_label.text() == "第 1/4 处"
    assert w.tabs.currentWidget() is w.info
    marks = find_marks(w.info.preamble.edit)
    assert len(marks) == 1 and marks[0].cursor.selectedText() == "2024"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # → the closing
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # → 一, first paragraph
    assert bar.count_label.text() == "第 3/4 处"
    page = w.pages["s1"]
    assert w.tabs.currentWidget() is page
    assert page.text.edit.textCursor().selectedText() == "2024"
    assert len(find_marks(page.text.edit)) == 2
    assert QApplication.focusWidget() is bar.find_edit  # Enter again goes on
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # past the last: back to the first
    assert bar.count_label.text() == "第 1/4 处" and w.tabs.currentWidget() is w.info
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and find_marks(page.text.edit) == []


def test_ctrl_h_replaces_all_in_one_undo_step(qtbot, dialogs):
    w = rolled_over_window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s1"])
    qtbot.keyClick(w.pages["s1"].text.edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = w.find_bar
    assert bar.replace_edit.isVisible()
    type_text(qtbot, bar.find_edit, "2024")
    type_text(qtbot, bar.replace_edit, "2025")
    steps = w.doc.undo_stack.count()
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    r = w.doc.report
    assert r.text("s1") == "2025年，本街道……\n2025年底前完成。"
    assert r.text("closing") == "某街道办事处\n2025年1月" and "2024" not in r.text("preamble")
    assert w.pages["s1"].text.edit.toPlainText() == r.text("s1")  # the editors follow
    assert w.doc.undo_stack.count() == steps + 1
    assert "4 处" in w.statusBar().currentMessage()
    assert bar.count_label.text() == "无结果"
    w.undo()
    assert r.text("s1").count("2024") == 2 and r.text("preamble") == "本报告是2024年度报告。"


def test_replace_one_goes_on_to_the_next_and_never_into_its_own_result(qtbot, dialogs):
    w = rolled_over_window(qtbot)
    w.open_find(True)
    bar = w.find_bar
    type_text(qtbot, bar.find_edit, "2024")
    commit_chinese(bar.replace_edit, "2024年度")
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)  # the preamble's
    assert w.doc.report.text("preamble") == "本报告是2024年度年度报告。"
    assert bar.current.key == "closing"  # not the 2024 just written
    assert w.doc.undo_stack.undoText() == "替换"


def test_the_agency_name_is_searched_too(qtbot, dialogs):
    w = rolled_over_window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s5"])
    w.open_find(False)
    commit_chinese(w.find_bar.find_edit, "街道办")
    assert w.tabs.currentWidget() is w.info
    assert w.info.agency.selectedText() == "街道办"


def test_tab_goes_from_find_to_replace_with(qtbot, dialogs):
    """Ctrl+H, type what to find, Tab, type the replacement: the replacement went to a button."""
    w = rolled_over_window(qtbot)
    qtbot.keyClick(w.info.agency, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = w.find_bar
    type_text(qtbot, bar.find_edit, "2024")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.replace_edit
    type_text(qtbot, bar.replace_edit, "2025")
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.next_button
    qtbot.keyClick(bar.next_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is bar.replace_edit
    # Find only (Ctrl+F): the hidden replace field is skipped.
    bar.close_bar()
    qtbot.keyClick(w.info.agency, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.next_button

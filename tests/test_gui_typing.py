"""Typing and pasting like Excel: → leaves a cell being typed, F2 switches to editing in place, a
row copied with its label pastes its numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.grid_delegate import CellEditor
from test_gui_grid import current_id, focus, grid, type_text  # noqa: F401  (grid is a fixture)


def test_right_arrow_at_the_end_confirms_and_moves_to_the_next_cell(grid, qtbot):
    doc, view, messages = grid("s3")
    table = focus(qtbot, view, "t3.r1_new.natural")
    type_text(table, "12")
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellEditor) and editor.mode == "enter"
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: doc.report.cells.get("t3.r1_new.natural") == 12)
    assert current_id(view) == "t3.r1_new.commercial"
    type_text(table, "3")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: doc.report.cells.get("t3.r1_new.commercial") == 3)
    assert current_id(view) == "t3.r2_carried_in.commercial"
    assert doc.undo_stack.count() == 2  # one step per cell, as with Enter


def test_a_refused_value_stays_in_its_cell(grid, qtbot):
    doc, view, messages = grid("s3")
    table = focus(qtbot, view, "t3.r1_new.natural")
    type_text(table, "1.5")  # 件数 are whole numbers
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert current_id(view) == "t3.r1_new.natural"
    assert "t3.r1_new.natural" not in doc.report.cells
    assert any("整数" in m for m in messages)


def test_f2_switches_to_editing_in_place_where_arrows_move_the_caret(grid, qtbot):
    doc, view, messages = grid("s3", cells={"t3.r1_new.natural": 125})
    table = focus(qtbot, view, "t3.r1_new.natural")
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellEditor) and editor.mode == "edit" and editor.text() == "125"
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert editor.cursorPosition() == 1 and current_id(view) == "t3.r1_new.natural"
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # 125 → 15
    qtbot.keyClick(editor, Qt.Key.Key_F2)  # now the arrows leave the cell again
    assert editor.mode == "enter" and "输入模式" in messages[-1]
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: doc.report.cells.get("t3.r1_new.natural") == 15)
    assert current_id(view) == "t3.r1_new.commercial"


def test_a_row_copied_with_its_label_is_pasted_as_numbers(grid, qtbot):
    doc, view, messages = grid("s3")
    table = focus(qtbot, view, "t3.r3_1_open.natural")
    QApplication.clipboard().setText("（一）予以公开\t4\t0\t1\t0\t0\t0\t5\r\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.cells["t3.r3_1_open.natural"] == 4 and doc.report.cells["t3.r3_1_open.research"] == 1
    assert doc.values["t3.r3_1_open.total"] == 5
    assert any("项目名称" in m for m in messages)
    assert doc.undo_stack.count() == 1


def test_a_paste_says_how_many_numbers_it_wrote_over(grid, qtbot):
    """上年结转 carried from last year (1) and a block pasted over it (2): the paste goes ahead,
    as in a spreadsheet, and says that one number was replaced; equal or blank ones are not."""
    doc, view, messages = grid("s3")
    doc.set_cells({"t3.r2_carried_in.natural": 1, "t3.r2_carried_in.commercial": 0})
    table = focus(qtbot, view, "t3.r2_carried_in.natural")
    QApplication.clipboard().setText("2\t0\t0\r\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.cells["t3.r2_carried_in.natural"] == 2
    assert messages[-1] == "已粘贴 3 个单元格。其中 1 个单元格原有不同的数字，已被替换（可撤销）。"

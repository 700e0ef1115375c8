"""A clerk's whole afternoon in the window, driven through keys, clicks and patched dialogs.

New report → agency and year typed → 表三 filled by typing and by pasting a block → 空白填0 →
the balance error shows in 校验结果, is clicked (its cell gets selected), fixed, and disappears →
undo brings it back, redo removes it → Ctrl+S (Save As dialog patched) → close → a new window
reopens the report → 从上年报告创建 carries 上年结转.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from gui_helpers import commit_chinese, open_window
from model.draft_io import load_draft
from model.draft_lock import lock_path
from model.recovery import pending_recoveries

BALANCE = "t3_balance_natural"


@pytest.fixture
def dialogs(monkeypatch):
    """Every modal question is answered by the test; an unexpected one is recorded, not shown."""
    asked = []

    def exec_(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def press(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mods)


def type_into_cell(qtbot, window, cell_id: str, text: str) -> None:
    grid = window.pages["s3"].grid
    grid.select_cell(cell_id)
    view = grid.table_view()
    qtbot.keyClick(view, text[0])  # the first key opens the cell's editor, as in Excel
    editor = QApplication.focusWidget()
    assert editor is not view
    qtbot.keyClicks(editor, text[1:])
    press(qtbot, editor, Qt.Key.Key_Return)


def balance_item(window):
    for item in window.findings.finding_items():
        f = window.findings.finding_at(item)
        if f.rule == BALANCE:
            return item
    return None


def test_a_clerks_afternoon(qtbot, tmp_path, monkeypatch, dialogs):
    draft = tmp_path / "街道2022年报告.gknb"

    # -- a new report on first start: last year, a hint where to begin --------------------------
    w = open_window(qtbot)
    assert w.doc.path is None and not w.files.is_modified()
    assert w.info.hint_banner.isVisible()
    assert w.tabs.count() == 7
    assert [w.tabs.tabText(i) for i in range(1, 7)][0] == "一 总体情况"

    # -- agency (Chinese, through the input method) and year -----------------------------------
    w.info.agency.setFocus()
    commit_chinese(w.info.agency, "南山区七号街道办事处")
    qtbot.waitUntil(lambda: w.doc.report.agency == "南山区七号街道办事处", timeout=3000)
    spin = w.info.year
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "2022")
    press(qtbot, spin, Qt.Key.Key_Return)
    assert w.doc.report.year == 2022 and w.doc.report.format_id == "2021"
    assert w.info.title_preview.text() == "南山区七号街道办事处2022年政府信息公开工作年度报告"
    assert w.isWindowModified() and w.windowTitle() == "2022年度报告（未保存）[*] — 年报助手"

    # -- 表三: typing and a pasted block ---------------------------------------------------------
    w.tabs.setCurrentWidget(w.pages["s3"])
    type_into_cell(qtbot, w, "t3.r1_new.natural", "10")
    qtbot.waitUntil(lambda: w.doc.report.cells.get("t3.r1_new.natural") == 10, timeout=3000)
    grid = w.pages["s3"].grid
    grid.select_cell("t3.r3_1_open.natural")
    QApplication.clipboard().setText("6\t0\n2\t0\n")
    press(qtbot, grid.table_view(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = w.doc.report.cells
    assert cells["t3.r3_1_open.natural"] == 6 and cells["t3.r3_2_partial.natural"] == 2
    assert cells["t3.r3_1_open.commercial"] == 0

    # While cells are blank the balance is a hint, counting blanks as 0 (10 + 0 against 6 + 2 + 0);
    # 空白填0 completes the table and the hint becomes the error.
    hint = w.findings.finding_at(balance_item(w))
    assert hint.severity == "hint" and "按空白为0计算" in hint.message and "相差 2" in hint.message
    qtbot.mouseClick(w.pages["s3"].fill_zero, Qt.MouseButton.LeftButton)
    item = balance_item(w)
    assert item is not None, "10 + 0 ≠ 8 + 0 must be reported"
    assert {f.rule for f in w.doc.findings if f.severity == "error"} == {BALANCE, "t3_balance_total"}
    assert w.check_label.text().startswith("错误 2，")
    assert not w.tabs.tabIcon(w.tabs.indexOf(w.pages["s3"])).isNull()

    # -- click the finding: its tab opens and its first cell is selected ------------------------
    w.tabs.setCurrentWidget(w.pages["s1"])
    rect = w.findings.list.visualItemRect(item)
    qtbot.mouseClick(w.findings.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.tabs.currentWidget() is w.pages["s3"]
    finding = w.findings.finding_at(item)
    current = grid.table_view().currentIndex()
    assert grid.model().cell(current).cell_id == finding.cells[0]

    # -- fix it: 2 carried out to next year ------------------------------------------------------
    type_into_cell(qtbot, w, "t3.r4_carried_out.natural", "2")
    qtbot.waitUntil(lambda: balance_item(w) is None, timeout=3000)
    assert "错误 0" in w.check_label.text()
    assert w.tabs.tabIcon(w.tabs.indexOf(w.pages["s3"])).isNull()

    # -- undo brings the error back, redo removes it (keyboard, report-wide) -------------------
    view = grid.table_view()
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.report.cells.get("t3.r4_carried_out.natural") == 0
    assert balance_item(w) is not None
    press(qtbot, view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.report.cells.get("t3.r4_carried_out.natural") == 2
    assert balance_item(w) is None

    # -- save with Ctrl+S (Save As dialog patched) ---------------------------------------------
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft), "年报草稿 (*.gknb)"))
    assert w.isWindowModified()
    press(qtbot, view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert draft.is_file()
    assert not w.isWindowModified() and w.windowTitle().startswith(draft.name)
    assert lock_path(draft).exists()
    saved = load_draft(draft)
    assert saved.agency == "南山区七号街道办事处" and saved.year == 2022
    assert saved.cells["t3.r4_carried_out.natural"] == 2

    # -- close cleanly: no question, no recovery copy, no lock ---------------------------------
    assert w.close()
    assert dialogs == []
    assert pending_recoveries() == []
    assert not lock_path(draft).exists()

    # -- the next start reopens the report ---------------------------------------------------------
    w2 = open_window(qtbot)
    assert w2.doc.path == draft
    assert w2.doc.report.cells["t3.r4_carried_out.natural"] == 2
    assert w2.info.agency.text() == "南山区七号街道办事处"
    assert not w2.info.hint_banner.isVisible()

    # -- next year's report from this one ----------------------------------------------------------
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(draft), ""))
    offered = []  # the year is asked, last year + 1 offered; the clerk takes it
    monkeypatch.setattr(QInputDialog, "getInt", lambda parent, title, label, value, *a, **k:
                        offered.append(value) or (value, True))
    w2.act_rollover.trigger()
    assert offered == [2023]
    new = w2.doc.report
    assert new.year == 2023 and w2.doc.path is None
    assert new.cells["t3.r2_carried_in.natural"] == 2  # 上年结转 = last year's 结转下年度
    assert any("已带入" in text for text in dialogs), dialogs
    assert w2.windowTitle().startswith("2023年度报告（未保存）")
    # Nothing of it is on disk yet: closing asks first (answered 不保存 by the fixture).
    assert w2.isWindowModified()
    assert w2.close()
    assert any("未保存的修改" in text for text in dialogs)


def test_new_report_asks_the_year_and_keeps_the_agency(qtbot, monkeypatch, dialogs):
    w = open_window(qtbot)
    w.info.agency.setFocus()
    commit_chinese(w.info.agency, "某某局")
    w.commit_pending_edits()
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2019, True))
    assert w.files.new_report()  # the question 保存/不保存 is answered 不保存 by the fixture
    assert dialogs and "未保存的修改" in dialogs[0]
    assert w.doc.report.year == 2019 and w.doc.report.format_id == "2019"
    assert w.doc.report.agency == "某某局"
    assert w.info.year.value() == 2019

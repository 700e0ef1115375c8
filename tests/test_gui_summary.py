"""The 汇总与审核 window: run off the GUI thread with progress, sort and filter, open a unit
read-only, export the review, make the sum and open it in the main window unsaved."""

from __future__ import annotations


import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.review_model import COL_CHOSEN, COL_ERRORS, COL_STATUS, COL_UNIT, ROW_ROLE
from gui.summary_window import SummaryWindow
from gui_helpers import open_window, record_dialogs
from model.draft_io import load_draft
from model.review_table import HAS_ERRORS, MISSING, OK
from summary_helpers import snapshot, write_unit


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "报送"
    write_unit(f, "教育局.gknb", "鼓楼区教育局")
    write_unit(f, "财政局.gknb", "鼓楼区财政局", seed=2, t3__r1_new__natural=200)
    write_unit(f, "东街街道.gknb", "鼓楼区东街街道办事处", seed=3)
    (f / "说明.txt").write_text("x", encoding="utf-8")
    names = tmp_path / "名单.txt"
    names.write_text("鼓楼区教育局\n鼓楼区财政局\n东街街道\n鼓楼区审计局\n", encoding="utf-8")
    return f


def run_review(qtbot, win, folder, names=None):
    win.set_sources([folder])
    if names is not None:
        win.set_unit_list(names)
    seen = []
    win.worker.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(win.worker.finished, timeout=60_000):
        win.start_button.click()
        assert not win.start_button.isEnabled()  # one run at a time
    return seen


def rows_shown(win):
    return [win.proxy.data(win.proxy.index(r, 0), ROW_ROLE) for r in range(win.proxy.rowCount())]


def test_review_sort_filter_export_and_sum(qtbot, folder, tmp_path, monkeypatch):
    log = record_dialogs(monkeypatch)
    main = open_window(qtbot)
    main.open_summary()
    win = main.summary_window
    qtbot.addWidget(win)
    assert win.isVisible() and not win.sum_button.isEnabled()
    before = snapshot(folder)

    seen = run_review(qtbot, win, folder, folder.parent / "名单.txt")
    assert seen and seen[-1] == (3, 3)
    assert win.progress.isHidden() and win.cancel_button.isHidden()
    assert win.model.rowCount() == 4
    assert "无误 2" in win.counts.text() and "有错误 1" in win.counts.text() and "未报送 1" in win.counts.text()
    assert "未读取的文件 1 个" in win.skipped_button.text()

    # Sorting by status puts problems first; by errors, the most first.
    win.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert [r.status for r in rows_shown(win)] == [HAS_ERRORS, MISSING, OK, OK]
    win.table.sortByColumn(COL_ERRORS, Qt.SortOrder.DescendingOrder)
    assert rows_shown(win)[0].unit == "鼓楼区财政局"

    # Filter by status, then by text.
    win.filter.setCurrentIndex(1)  # 需要处理的
    assert {r.status for r in rows_shown(win)} == {HAS_ERRORS, MISSING}
    win.filter.setCurrentIndex(0)
    win.search.setText("东街")
    assert [r.unit for r in rows_shown(win)] == ["鼓楼区东街街道办事处"]
    win.search.clear()
    assert win.proxy.rowCount() == 4

    # The review table goes where the office says, never into the folder read.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "审核.xlsx"), ""))
    assert not win.export_review()
    assert "报送文件夹" in log[-1]
    out = tmp_path / "审核情况表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert win.export_review()
    units = [r[1] for r in load_workbook(out)["审核情况"].iter_rows(min_row=4, values_only=True)]
    assert sorted(units) == sorted(["鼓楼区教育局", "鼓楼区财政局", "鼓楼区东街街道办事处", "鼓楼区审计局"])

    # Untick 财政局, make the sum: it opens in the main window, unsaved, with the two others.
    fin = next(r for r in range(win.model.rowCount()) if win.model.rows[r].unit == "鼓楼区财政局")
    win.model.setData(win.model.index(fin, COL_CHOSEN), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert win.chosen_label.text() == "已勾选 2 个单位计入汇总"
    win.agency.setText("鼓楼区人民政府")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: log.append(box.text()) or QMessageBox.StandardButton.Ok)
    assert win.make_sum()
    report = main.doc.report
    assert report.agency == "鼓楼区人民政府" and main.doc.path is None and main.files.is_modified()
    assert {u.agency for u in report.summary.units} == {"鼓楼区教育局", "鼓楼区东街街道办事处"}
    edu, street = load_draft(folder / "教育局.gknb"), load_draft(folder / "东街街道.gknb")
    assert report.cells["t3.r1_new.natural"] == edu.cells["t3.r1_new.natural"] + street.cells["t3.r1_new.natural"]
    assert main.info.summary_note.isVisible()
    assert "2 个单位报告的汇总" in main.info.summary_note.text()
    assert any("已把 2 个单位的报告汇总" in t for t in log)
    assert snapshot(folder) == before


def test_double_click_opens_the_unit_read_only(qtbot, folder, monkeypatch):
    record_dialogs(monkeypatch)
    win = SummaryWindow()
    qtbot.addWidget(win)
    win.show()
    run_review(qtbot, win, folder)
    fin_row = next(r for r in range(win.proxy.rowCount()) if rows_shown(win)[r].unit == "鼓楼区财政局")
    win.open_row(win.proxy.index(fin_row, COL_UNIT))
    viewer = win._viewers[-1]
    qtbot.addWidget(viewer)
    assert viewer.isVisible() and "只读" in viewer.windowTitle()
    assert viewer.findings.list.count() == len(rows_shown(win)[fin_row].findings)
    before = dict(viewer.doc.report.cells)
    # Click the balance error: the 表三 tab shows its cell.
    item = next(i for i in viewer.findings.finding_items() if i.text().startswith("表三"))
    viewer.findings._activate(item)
    assert viewer.tabs.currentWidget() is viewer.pages["s3"]
    view = viewer.grids["s3"].table_view()
    view.setFocus()
    index = view.currentIndex()
    assert index.isValid()
    # Typing, deleting, pasting change nothing.
    QApplication.clipboard().setText("7")
    qtbot.keyClick(view, Qt.Key.Key_5)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keySequence(view, QKeySequence.StandardKey.Paste)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() != view.State.EditingState
    assert viewer.doc.report.cells == before and not viewer.doc.is_modified()
    # The unit's own report object in the review is not the one shown.
    assert viewer.doc.report is not rows_shown(win)[fin_row].report


def test_cancel_and_close_while_reading(qtbot, tmp_path, monkeypatch):
    record_dialogs(monkeypatch)
    for i in range(400):
        write_unit(tmp_path, f"u{i:03}.gknb", f"单位{i}", seed=i)
    win = SummaryWindow()
    qtbot.addWidget(win)
    win.show()
    win.set_sources([tmp_path])
    with qtbot.waitSignal(win.worker.finished, timeout=60_000) as blocker:
        win.worker.progress.connect(lambda d, t: win.cancel_button.isEnabled() and win.cancel())
        win.start_button.click()
    assert blocker.args[0].cancelled
    assert "已取消" in win.status.text() and win.model.rowCount() == 0
    assert win.start_button.isEnabled() and not win.sum_button.isEnabled()
    # Start again and close the window at once: the run is stopped, nothing is left running.
    win.start_button.click()
    assert win.worker.is_running()
    win.close()
    assert not win.worker.is_running()


def test_a_unit_list_that_cannot_be_read_is_said(qtbot, folder, tmp_path, monkeypatch):
    log = record_dialogs(monkeypatch)
    bad = tmp_path / "名单.xls"
    bad.write_bytes(b"\xd0\xcf")
    win = SummaryWindow()
    qtbot.addWidget(win)
    win.set_sources([folder])
    win.set_unit_list(bad)
    with qtbot.waitSignal(win.worker.failed, timeout=30_000):
        win.start_button.click()
    qtbot.waitUntil(lambda: bool(log))
    assert "另存为" in log[-1] and win.start_button.isEnabled()


def test_a_sum_reopened_from_disk_still_names_its_units(qtbot, tmp_path, folder, monkeypatch):
    from model.draft_io import save_draft
    from model.summary import sum_review
    from model.summary_job import SummaryInputs, run_review as review_now

    result = sum_review(review_now(SummaryInputs([folder])).review, agency="鼓楼区")
    path = tmp_path / "鼓楼区2024.gknb"
    save_draft(path, result.report)
    main = open_window(qtbot, path)
    note = main.info.summary_note
    assert note.isVisible() and "3 个单位报告的汇总" in note.text()
    assert "鼓楼区教育局（教育局.gknb）" in note.toolTip()
    assert note.textFormat() == Qt.TextFormat.PlainText


def test_a_folder_without_reports_says_so_without_a_blank_year(qtbot, tmp_path, monkeypatch):
    record_dialogs(monkeypatch)
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    (empty / "说明.txt").write_text("x", encoding="utf-8")
    win = SummaryWindow()
    qtbot.addWidget(win)
    run_review(qtbot, win, empty)
    assert win.status.text().startswith("读取 0 个文件"), win.status.text()
    assert win.counts.text() == "共 0 个单位：无" and not win.sum_button.isEnabled()


def test_select_all_and_ticking_a_duplicate_keep_one_file_per_unit(qtbot, tmp_path, monkeypatch):
    import os

    record_dialogs(monkeypatch)
    f = tmp_path / "报送"
    old = write_unit(f, "民政局-旧.gknb", "鼓楼区民政局", seed=3, t2_5__licensing__decisions=10)
    new = write_unit(f, "民政局-新.gknb", "鼓楼区民政局", seed=4, t2_5__licensing__decisions=20)
    os.utime(new, ns=(os.stat(new).st_atime_ns, os.stat(old).st_mtime_ns + 10**9))
    write_unit(f, "教育局.gknb", "鼓楼区教育局", t2_5__licensing__decisions=1)
    win = SummaryWindow()
    qtbot.addWidget(win)
    run_review(qtbot, win, f)
    win.all_button.click()
    assert sorted(r.file for r in win.run.review.chosen()) == ["教育局.gknb", "民政局-新.gknb"]
    assert win.chosen_label.text() == "已勾选 2 个单位计入汇总"
    # ticking the older file in the table unticks the newer one
    at = next(r for r in range(win.proxy.rowCount()) if rows_shown(win)[r].file == "民政局-旧.gknb")
    win.proxy.setData(win.proxy.index(at, COL_CHOSEN), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert sorted(r.file for r in win.run.review.chosen()) == ["教育局.gknb", "民政局-旧.gknb"]
    shown = {r.file: win.proxy.data(win.proxy.index(i, COL_CHOSEN), Qt.ItemDataRole.CheckStateRole)
             for i, r in enumerate(rows_shown(win))}
    assert shown["民政局-新.gknb"] == Qt.CheckState.Unchecked
    opened = []
    win.open_report = lambda report, note: opened.append(report) or True
    assert win.make_sum()
    assert opened[0].cells["t2_5.licensing.decisions"] == 10 + 1


def test_the_review_table_is_never_saved_over_the_unit_list(qtbot, folder, tmp_path, monkeypatch):
    from openpyxl import Workbook

    log = record_dialogs(monkeypatch)
    names = tmp_path / "名单.xlsx"
    wb = Workbook()
    wb.active.append(["单位名称"])
    wb.active.append(["鼓楼区教育局"])
    wb.save(names)
    listed = names.read_bytes()
    win = SummaryWindow()
    qtbot.addWidget(win)
    run_review(qtbot, win, folder, names)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(names), ""))
    assert not win.export_review()
    assert names.read_bytes() == listed and "名单.xlsx" in log[-1]

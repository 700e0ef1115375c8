"""The main window: tabs and names, text editing with report-wide undo, review banners, findings
navigation, the 文件 menu's questions (unsaved, unreadable, locked, export with errors), the sample."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPlainTextEdit

from gui_helpers import commit_chinese, open_window as window, record_dialogs
from model.checks import Finding
from model.draft_io import dumps, load_draft, save_draft
from model.draft_lock import lock_path
from model.report import Report
from model.samples import sample_path
from model.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def asked(monkeypatch):
    return record_dialogs(monkeypatch)


def test_tabs_carry_the_official_headings_and_every_editor_its_key(qtbot, asked):
    w = window(qtbot)
    w.build_pages()  # the hidden pages are otherwise built just after the first paint
    fmt = w.doc.fmt
    assert w.tabs.tabText(0) == "基本信息"
    # Short tabs (seven fit a 1366-pixel screen at 125 %); the official heading is the tab's
    # tooltip and the page's title.
    assert [w.tabs.tabText(i) for i in range(1, w.tabs.count())] == [
        "一 总体情况", "二 主动公开", "三 依申请公开", "四 复议诉讼", "五 问题改进", "六 其他事项"]
    assert [w.tabs.tabToolTip(i) for i in range(1, w.tabs.count())] == [s.heading for s in fmt.sections]
    for sec in fmt.sections:
        assert w.findChild(QLabel, f"{sec.id}_title").text() == sec.heading
    for key in fmt.text_keys():
        ed = w.findChild(QPlainTextEdit, key)
        assert ed is not None, key
        assert ed.accessibleName() and not ed.isUndoRedoEnabled()
    for sec in fmt.sections:
        if sec.grid:
            grid = w.pages[sec.id].ensure_grid()
            assert grid is not None and grid.objectName() == sec.grid
            assert grid.accessibleName()
    assert w.findChild(QPlainTextEdit, "s1").placeholderText() == fmt.section("s1").hint


def test_typing_in_a_section_undoes_report_wide_and_keeps_the_cursor(qtbot, asked):
    w = window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s5"])
    ed = w.pages["s5"].text.edit
    ed.setFocus()
    commit_chinese(ed, "一是宣传不够。")
    w.doc.set_cells({"t3.r1_new.natural": 3})  # another kind of edit in between
    ed.setFocus()
    commit_chinese(ed, "二是培训较少。")
    assert w.doc.report.text("s5") == "一是宣传不够。二是培训较少。"
    assert w.pages["s5"].text.count.text() == "1 段，14 字"
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ed.toPlainText() == "一是宣传不够。"
    assert ed.textCursor().position() == len("一是宣传不够。")
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.report.cells.get("t3.r1_new.natural") is None  # undo crosses tabs and kinds
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(ed, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ed.toPlainText() == "一是宣传不够。二是培训较少。"
    assert w.isWindowModified()
    # A text change in the middle keeps the caret where the change was, not at the start.
    w.doc.set_cells({"t3.r1_new.natural": 1})  # ends the merged typing step
    cur = ed.textCursor()
    cur.setPosition(2)
    ed.setTextCursor(cur)
    commit_chinese(ed, "要")
    w.doc.undo_stack.undo()
    assert ed.toPlainText() == "一是宣传不够。二是培训较少。"
    assert ed.textCursor().position() == 2


def test_a_replaced_selection_or_a_pasted_block_undoes_on_its_own(qtbot, asked):
    """Typed, then corrected by selecting the sentence and typing over it: one 撤销 takes back the
    correction only, not the typing before it.  A block pasted is a step of its own too."""
    w = window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s3"])
    ed = w.pages["s3"].text.edit  # 表三's 补充说明
    ed.setFocus()
    commit_chinese(ed, "本年度共新收申请30件。")
    key = ed.objectName()
    ed.selectAll()
    commit_chinese(ed, "本年度共新收申请24件。")
    assert w.doc.report.text(key) == "本年度共新收申请24件。"
    w.doc.undo_stack.undo()
    assert ed.toPlainText() == "本年度共新收申请30件。"
    w.doc.undo_stack.undo()
    assert ed.toPlainText() == ""
    # Typing merges; a pasted block (more than an input method's phrase) starts its own step.
    commit_chinese(ed, "一")
    commit_chinese(ed, "二")
    ed.insertPlainText("这是一段从别处复制来的较长的文字，超过了输入法一次能上屏的长度，所以算粘贴。")
    w.doc.undo_stack.undo()
    assert ed.toPlainText() == "一二"
    w.doc.undo_stack.undo()
    assert ed.toPlainText() == ""


def test_undo_shows_what_it_undid_on_another_tab(qtbot, asked):
    """Ctrl+Z on 表三 undoing typing in 一 (or the reverse) changed a page out of sight: the
    clerk saw nothing happen.  Undo and redo now go to the page of the step and say what it was."""
    w = window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s1"])
    ed = w.pages["s1"].text.edit
    ed.setFocus()
    commit_chinese(ed, "全年主动公开信息。")
    w.tabs.setCurrentWidget(w.pages["s3"])
    w.pages["s3"].show_cell("t3.r1_new.natural")
    w.act_undo.trigger()
    assert w.doc.report.text("s1") == ""
    assert w.tabs.currentWidget() is w.pages["s1"]
    assert w.statusBar().currentMessage() == "已撤销“编辑正文”。"
    w.doc.set_cells({"t3.r1_new.natural": 3})
    w.doc.set_meta("agency", "某局")
    w.tabs.setCurrentWidget(w.pages["s6"])
    w.act_undo.trigger()
    assert w.tabs.currentWidget() is w.info and w.doc.report.agency == ""
    w.act_undo.trigger()
    assert w.tabs.currentWidget() is w.pages["s3"]
    view = w.pages["s3"].grid.table_view()
    assert view.hasFocus() and view.currentIndex().isValid()
    w.tabs.setCurrentWidget(w.info)
    w.act_redo.trigger()
    assert w.tabs.currentWidget() is w.pages["s3"] and w.doc.report.cells["t3.r1_new.natural"] == 3
    assert w.statusBar().currentMessage() == "已重做“编辑单元格”。"
    # A step on the page in view leaves the view where it is.
    w.act_undo.trigger()
    assert w.tabs.currentWidget() is w.pages["s3"]


def test_year_moves_the_format_and_one_undo_restores_both(qtbot, asked):
    w = window(qtbot)
    w.info.year.setValue(2020)
    assert (w.doc.report.year, w.doc.report.format_id) == (2020, "2019")
    assert w.info.format.currentData() == "2019"
    w.doc.undo_stack.undo()
    assert w.doc.report.format_id == "2021" and w.info.year.value() == w.doc.report.year
    # Chosen by hand, the format stays when the year changes.
    w.info.format.setCurrentIndex(w.info.format.findData("2019"))
    w.info.format.activated.emit(w.info.format.currentIndex())
    w.info.year.setValue(2023)
    assert w.doc.report.format_id == "2019"
    assert "手动选择" in w.info.format_note.text()


def test_carried_text_shows_the_review_banner_until_reviewed(qtbot, tmp_path, asked):
    last = Report.new(2022, agency="某局")
    last.texts["s1"] = "去年的总体情况。"
    save_draft(tmp_path / "last.gknb", last)
    w = window(qtbot)
    assert w.pages["s1"].text.banner.isHidden()
    from unittest import mock
    with mock.patch.object(QFileDialog, "getOpenFileName", return_value=(str(tmp_path / "last.gknb"), "")):
        assert w.files.rollover_dialog()
    assert any("已带入" in t for t in asked)
    banner = w.pages["s1"].text.banner
    assert not banner.isHidden()
    w.tabs.setCurrentWidget(w.pages["s1"])
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert "s1" not in w.doc.report.review and banner.isHidden()
    w.doc.undo_stack.undo()
    assert not banner.isHidden()


def test_clicking_an_info_finding_focuses_its_field(qtbot, asked):
    w = window(qtbot)
    w.tabs.setCurrentWidget(w.pages["s4"])
    w.goto_finding(Finding("agency_missing", "warning", "未填写机关名称", (), "info"))
    assert w.tabs.currentWidget() is w.info
    assert QApplication.focusWidget() is w.info.agency
    w.goto_finding(Finding("text_missing", "warning", "“五、…”尚未填写。", (), "s5"))
    assert w.tabs.currentWidget() is w.pages["s5"]
    assert QApplication.focusWidget() is w.pages["s5"].text.edit


def test_unreadable_draft_changes_nothing(qtbot, tmp_path, asked):
    bad = tmp_path / "坏.gknb"
    bad.write_bytes(b'{"schema": 1, "format": "2021", "yea')
    w = window(qtbot)
    w.doc.set_text("s1", "正在写的内容")
    assert not w.files.open_path(bad)
    assert asked and "已损坏或不完整" in asked[-1]
    assert w.doc.report.text("s1") == "正在写的内容"
    assert bad.read_bytes() == b'{"schema": 1, "format": "2021", "yea'


def test_a_draft_open_elsewhere_is_warned(qtbot, tmp_path, asked):
    draft = tmp_path / "共用.gknb"
    save_draft(draft, Report.new(2022, agency="某局"))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock_path(draft).write_text(f'{{"pid": {other.pid}, "host": "{socket.gethostname()}"}}')
        w = window(qtbot)
        assert not w.files.open_path(draft)  # the question is answered No by the fixture
        assert "另一个年报助手窗口中打开" in asked[-1]
        assert w.doc.path != draft
    finally:
        other.kill()
        other.wait()


def test_unsaved_changes_are_asked_about_before_replacing(qtbot, tmp_path, monkeypatch, asked):
    target = tmp_path / "b.gknb"
    save_draft(target, Report.new(2022, agency="乙局"))
    w = window(qtbot)
    w.doc.set_text("s1", "未保存")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel)
    assert not w.files.open_path(target)
    assert "未保存的修改" in asked[-1] and w.doc.report.text("s1") == "未保存"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    assert w.files.open_path(target)
    assert w.doc.report.agency == "乙局" and not w.isWindowModified()
    assert Settings().recent_files[0] == str(target.resolve())
    w.recent_menu.aboutToShow.emit()
    assert any(a.text().endswith("b.gknb") for a in w.recent_menu.actions())


def test_the_sample_opens_as_an_untitled_copy(qtbot, asked):
    before = sample_path().read_bytes()
    w = window(qtbot)
    w.act_sample.trigger()
    assert w.doc.path is None
    # The complete example, not the real (2019-format, half-filled) seed: nothing to fix in it.
    assert w.doc.report.agency == "示例市示例区示例街道办事处" and w.doc.report.format_id == "2021"
    assert w.doc.findings == [] and w.doc.report.date == "2025-01-20"
    w.doc.set_text("s6", "改动示例")
    w.files.autosaver.write_now()
    w.files.autosaver.wait()
    assert sample_path().read_bytes() == before
    assert not lock_path(sample_path()).exists()


def test_the_samples_agency_is_not_taken_for_the_clerks(qtbot, asked):
    """Looking at the sample, then 新建: the new report is the clerk's, not 示例街道's."""
    w = window(qtbot)
    w.files.settings.set("last_agency", "某县交通运输局")  # the agency of the clerk's last report
    w.act_sample.trigger()
    assert w.doc.report.agency == "示例市示例区示例街道办事处"
    assert Settings().get("last_agency") == "某县交通运输局"  # not remembered as the clerk's
    assert w.files.new_report()
    assert w.doc.report.agency == "某县交通运输局"  # the clerk's own, as before the sample


def test_export_with_errors_asks_first_then_writes(qtbot, tmp_path, monkeypatch, asked):
    w = window(qtbot)
    w.doc.set_cells({c: 0 for c in w.doc.fmt.input_ids if c.startswith("t3.")})
    w.doc.set_cells({"t3.r1_new.natural": 5})
    assert w.doc.error_count() > 0
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: chosen.append(a[2]) or (str(tmp_path / "out"), ""))
    assert not w.files.export_pdf()  # answered No
    assert "错误" in asked[-1] and chosen == []
    asked.answer = QMessageBox.StandardButton.Yes
    assert w.files.export_pdf()
    assert (tmp_path / "out.pdf").read_bytes()[:4] == b"%PDF"
    assert w.files.export_xlsx()
    assert (tmp_path / "out.xlsx").read_bytes()[:2] == b"PK"
    assert chosen[0].endswith(".pdf")


def test_print_and_about_are_wired(qtbot, monkeypatch, asked):
    w = window(qtbot)
    import gui.printing
    calls = []
    monkeypatch.setattr(gui.printing, "print_report", lambda parent, report: calls.append(report))
    w.act_print.trigger()
    assert calls == [w.doc.report]
    import gui.about_dialog
    shown = []
    monkeypatch.setattr(gui.about_dialog.AboutDialog, "exec", lambda self: shown.append(self) or 0)
    w.act_about.trigger()
    assert shown and shown[0].parent() is w


def test_save_as_adds_the_extension_and_title_follows(qtbot, tmp_path, monkeypatch, asked):
    w = window(qtbot)
    w.doc.set_meta("agency", "丙局")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "丙局报告"), ""))
    assert w.files.save_as()
    saved = tmp_path / "丙局报告.gknb"
    assert load_draft(saved).agency == "丙局"
    assert w.windowTitle() == "丙局报告.gknb[*] — 年报助手" and not w.isWindowModified()
    assert w.save_label.text() == "已保存"
    assert Settings().get("last_agency") == "丙局"


def test_main_py_opens_a_draft_and_quits_after_first_paint(tmp_path):
    draft = tmp_path / "x.gknb"
    draft.write_bytes(dumps(Report.new(2022, agency="丁局")))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_QUIT_AFTER_PAINT="1",
               NIANBAO_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "main.py", str(draft)], cwd=ROOT, env=env,
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert Settings(tmp_path / "home" / "state" / "settings.json").recent_files == [str(draft.resolve())]
    assert not lock_path(draft).exists()  # quitting closed the window cleanly


def test_bundled_font_is_used_without_system_cjk_fonts(qtbot, monkeypatch):
    import gui.qt_setup as qs
    app = QApplication.instance()
    before = app.font()
    try:
        monkeypatch.setattr(qs, "has_cjk_font", lambda: False)
        family = qs.ensure_cjk_font(app)
        assert family == "WenQuanYi Micro Hei"
        assert app.font().family() == family
    finally:
        app.setFont(before)


def test_the_app_has_its_icon(qapp):
    from gui.qt_setup import app_icon

    icon = app_icon()
    assert not icon.isNull() and {s.width() for s in icon.availableSizes()} >= {16, 32, 256}


def test_rollover_asks_the_year_offering_the_one_after_last_years(qtbot, tmp_path, monkeypatch, asked):
    last = Report.new(2023, agency="某局")
    save_draft(tmp_path / "last.gknb", last)
    w = window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "last.gknb"), ""))
    assert w.files.rollover_dialog()
    question = next(t for t in asked if "报告年度" in t)
    assert question.endswith("｜2024")  # offered: last year + 1
    assert w.doc.report.year == 2024 and w.doc.report.last_year.year == 2023
    # A clerk who skipped a year picks another one.
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2025, True))
    assert w.files.rollover_dialog()
    assert w.doc.report.year == 2025 and w.doc.report.format_id == "2021"
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (0, False))  # 取消
    assert not w.files.rollover_dialog()
    assert w.doc.report.year == 2025

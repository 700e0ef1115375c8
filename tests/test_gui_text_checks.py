"""The text checks in the window: dismiss and restore, click to the statement, 待复核 on the tabs,
规范标点 as one undo step, the similarity figure and repeated passages, the export question."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from gui.document import CHECK_PAUSE_MS, LONG_TEXT, ReportDocument
from gui_helpers import open_window, record_dialogs
from model.draft_io import save_draft
from model.report import LastYear
from real_reports import county_2023


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def window_with(qtbot, tmp_path, report):
    path = tmp_path / "r.gknb"
    save_draft(path, report)
    w = open_window(qtbot, path)
    w.build_pages()
    return w


def contradiction():
    r = county_2023()
    r.cells["t2_1.normative_docs.in_force"] = 39  # the text says 38
    return r


def item_of(w, rule):
    return next(i for i in w.findings.finding_items() if w.findings.finding_at(i).rule == rule)


def test_clicking_a_text_finding_selects_its_statement(qtbot, tmp_path, dialogs):
    w = window_with(qtbot, tmp_path, contradiction())
    item = item_of(w, "text_vs_table")
    w.findings.list.itemClicked.emit(item)
    assert w.tabs.currentWidget() is w.pages["s1"]
    edit = w.pages["s1"].text.edit
    assert edit.textCursor().selectedText() == "截至年底现行有效行政规范性文件38件"
    assert edit.hasFocus()
    # The cells the statement disagrees with are marked in 表二 too.
    assert w.doc.findings_for_cell("t2_1.normative_docs.in_force")


def test_a_finding_in_the_preamble_selects_it_on_the_info_page(qtbot, tmp_path, dialogs):
    r = county_2023()
    r.year, r.date = 2024, "2025-01-20"  # the 2023 preamble left in a 2024 report
    w = window_with(qtbot, tmp_path, r)
    w.findings.list.itemClicked.emit(item_of(w, "text_old_year"))
    assert w.tabs.currentWidget() is w.info
    assert w.info.preamble.edit.textCursor().selectedText() == "统计期限自2023年"


def test_dismiss_with_a_reason_show_dismissed_and_restore(qtbot, tmp_path, dialogs, monkeypatch):
    w = window_with(qtbot, tmp_path, contradiction())
    panel = w.findings
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("含年底新制发的一件", True))
    item = item_of(w, "text_vs_table")
    labels = [label for label, _ in panel.actions_for(item)]
    assert labels == ["定位", "不再提示", "不再提示并注明原因…"]
    dict(panel.actions_for(item))["不再提示并注明原因…"]()
    assert not [i for i in panel.finding_items() if panel.finding_at(i).rule == "text_vs_table"]
    assert w.doc.report.dismissed[0].reason == "含年底新制发的一件"
    assert "另有 1 条已忽略" in panel.summary.text() and panel.show_dismissed.text() == "显示已忽略（1）"
    assert w.isWindowModified()  # a dismissal is kept in the draft: it is a change

    panel.show_dismissed.setChecked(True)
    (aside,) = panel.dismissed_items()
    assert aside.text().startswith("【已忽略（含年底新制发的一件）】")
    assert [label for label, _ in panel.actions_for(aside)] == ["定位", "恢复提示"]
    dict(panel.actions_for(aside))["恢复提示"]()
    assert panel.dismissed_items() == [] and item_of(w, "text_vs_table")

    # Both were single undo steps.
    w.doc.undo_stack.undo()
    assert w.doc.report.dismissed and not [i for i in panel.finding_items()
                                          if panel.finding_at(i).rule == "text_vs_table"]
    w.doc.undo_stack.undo()
    assert w.doc.report.dismissed == []


def test_errors_offer_no_dismissal(qtbot, tmp_path, dialogs):
    r = county_2023()
    r.cells["t3.r1_new.natural"] += 1
    r.cells["t3.r1_new.commercial"] -= 1
    w = window_with(qtbot, tmp_path, r)
    item = item_of(w, "t3_balance_natural")
    assert [label for label, _ in w.findings.actions_for(item)] == ["定位"]
    assert not w.findings.dismiss(w.findings.finding_at(item))
    assert w.doc.report.dismissed == []


def test_review_marks_on_tabs_and_the_menu_marks_reviewed(qtbot, tmp_path, dialogs):
    r = county_2023()
    r.review = ["s1", "closing"]
    r.texts["closing"] = "特此报告。"
    w = window_with(qtbot, tmp_path, r)
    tab = lambda key: w.tabs.indexOf(w.pages[key])  # noqa: E731
    assert not w.tabs.tabIcon(tab("s1")).isNull() and "待复核" in w.tabs.tabToolTip(tab("s1"))
    assert not w.tabs.tabIcon(tab("info")).isNull()
    assert w.tabs.tabIcon(tab("s5")).isNull()
    item = item_of(w, "text_not_reviewed")  # the first is the closing's (基本信息 comes first)
    assert w.findings.finding_at(item).text_key == "closing"
    dict(w.findings.actions_for(item))["已复核"]()
    assert w.doc.report.review == ["s1"] and w.tabs.tabIcon(tab("info")).isNull()
    w.pages["s1"].text.banner.button.click()
    assert w.doc.report.review == [] and w.tabs.tabIcon(tab("s1")).isNull()


def test_normalize_punctuation_is_one_undo_step_over_every_text(qtbot, tmp_path, dialogs):
    r = county_2023()
    r.texts["s3"] = "申请人主要关注征地拆迁,城乡规划 等信息."
    r.texts["closing"] = "特此报告.\n某县人民政府办公室"
    w = window_with(qtbot, tmp_path, r)
    steps = w.doc.undo_stack.count()
    w.act_punctuation.trigger()
    assert w.doc.report.texts["s3"] == "申请人主要关注征地拆迁，城乡规划等信息。"
    assert w.doc.report.texts["closing"] == "特此报告。\n某县人民政府办公室"
    assert w.pages["s3"].text.edit.toPlainText() == "申请人主要关注征地拆迁，城乡规划等信息。"
    assert w.doc.undo_stack.count() == steps + 1
    assert "4 处" in w.statusBar().currentMessage()
    assert not [f for f in w.doc.findings if f.rule == "text_punctuation"]
    w.undo()
    assert w.doc.report.texts["s3"] == "申请人主要关注征地拆迁,城乡规划 等信息."
    assert w.doc.report.texts["closing"] == "特此报告.\n某县人民政府办公室"


def test_similarity_figure_and_repeated_passages(qtbot, tmp_path, dialogs):
    r = county_2023()
    first, second, _third = r.texts["s5"].split("\n")
    r.last_year = LastYear(2022, {}, texts={"s5": first + "\n" + second, "s1": "2022年，全年公开信息。"})
    w = window_with(qtbot, tmp_path, r)
    editor = w.pages["s5"].text
    assert not editor.similar.isHidden() and editor.similar.text() == "与上年重复 63%"  # 65 of 104
    repeated = [s for s in editor.edit.extraSelections() if s.format.background().color().name() == "#ffe7b0"]
    # One passage over both paragraphs (Qt gives the line break as U+2029).
    assert [s.cursor.selectedText() for s in repeated] == [(first + "\u2029" + second)[1:-1]]
    assert w.pages["s1"].text.similar.text() == "与上年重复 0%"
    assert w.pages["s6"].text.similar.isHidden()  # last year's 六 unknown
    # Rewriting the second paragraph takes the section under half: no ground, figure updated.
    editor.edit.setPlainText(first + "\n" + "（二）改进措施。全面梳理公开目录，建立动态更新机制。\n" + _third)
    assert editor.similar.text() != "与上年重复 63%"
    assert not [s for s in editor.edit.extraSelections()
                if s.format.background().color().name() == "#ffe7b0"]


def test_export_question_names_leftovers(qtbot, tmp_path, dialogs, monkeypatch):
    r = county_2023()
    r.review = ["s5"]
    r.date = ""
    w = window_with(qtbot, tmp_path, r)
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: chosen.append(1) or ("", ""))
    assert not w.files.export_pdf()  # the question is answered No by the fixture
    (question,) = [d for d in dialogs if d.startswith("报告还有以下问题")]
    assert "从上年带入、尚未复核的正文：五、存在的主要问题及改进情况" in question
    assert "未填写成文日期" in question and question.endswith("仍要导出PDF吗？")
    assert chosen == []  # No: no file dialog


def test_typing_in_a_long_text_checks_after_a_pause(qtbot):
    r = county_2023()
    long = ("本年度全面推进政务公开。" * (LONG_TEXT // 12 + 1))
    r.texts["s1"] = long
    doc = ReportDocument(r)
    seen = []
    doc.recomputed.connect(lambda: seen.append(len(doc.findings)))
    doc.set_text("s1", long + "收到政府信息公开申请47件。")  # 表三 says 46
    assert doc.checks_pending() and seen == []  # the keystroke did not wait for the checks
    qtbot.waitUntil(lambda: not doc.checks_pending(), timeout=CHECK_PAUSE_MS * 10)
    assert seen and [f.rule for f in doc.findings if f.rule == "text_vs_table"] == ["text_vs_table"]
    # A short text is checked at once.
    doc.set_text("s5", r.texts["s5"] + "收到申请45件。")
    assert not doc.checks_pending()


def test_missing_date_finding_goes_to_the_date_field(qtbot, tmp_path, dialogs):
    r = county_2023()
    r.date = ""
    w = window_with(qtbot, tmp_path, r)
    w.tabs.setCurrentWidget(w.pages["s1"])
    w.findings.list.itemClicked.emit(item_of(w, "date_missing"))
    assert w.tabs.currentWidget() is w.info and w.info.date.hasFocus()


def test_overview_length_limit_is_a_setting_off_by_default(qtbot, tmp_path, dialogs, monkeypatch):
    from real_reports import pingtan_2024

    w = window_with(qtbot, tmp_path, pingtan_2024())  # 总体情况 of 1,115 characters
    assert w.doc.check_options == {} and not [f for f in w.doc.findings if f.rule == "s1_too_long"]
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (1000, True))
    w.act_overview_limit.trigger()
    assert w.settings.get("overview_max_chars") == 1000
    (f,) = [f for f in w.doc.findings if f.rule == "s1_too_long"]
    assert "超过设定的上限 1000 字" in f.message
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (0, True))
    w.act_overview_limit.trigger()
    assert w.doc.check_options == {} and not [f for f in w.doc.findings if f.rule == "s1_too_long"]
    assert "取消" in w.statusBar().currentMessage()

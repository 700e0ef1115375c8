"""The document's undo stack: cells, texts and details undo as the clerk expects."""

from __future__ import annotations

from gui.document import ReportDocument
from model.report import Report


def test_typing_merges_but_not_into_a_step_that_was_undone_and_redone(qtbot):
    doc = ReportDocument(Report.new(2024))
    doc.set_text("s1", "本")
    doc.set_text("s1", "本年")
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    doc.set_text("s1", "本年度")
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.report.text("s1") == "本年"


def test_cells_undo_and_totals_follow(qtbot):
    doc = ReportDocument(Report.new(2024))
    with qtbot.waitSignal(doc.recomputed):
        doc.set_cells({"t3.r1_new.natural": 5, "t3.r1_new.research": 2}, "粘贴")
    assert doc.values["t3.r1_new.total"] == 7
    doc.undo_stack.undo()
    assert doc.values["t3.r1_new.total"] is None and doc.report.cells == {}
    doc.undo_stack.redo()
    assert doc.values["t3.r1_new.total"] == 7


def test_format_switch_undo_restores_cells_the_other_format_lacks(qtbot):
    doc = ReportDocument(Report.new(2024))
    doc.set_cells({"t2_1.regulations.made": 3, "t3.r1_new.natural": 1})
    doc.set_meta("format_id", "2019")
    assert "t2_1.regulations.made" not in doc.report.cells
    assert doc.report.cells["t3.r1_new.natural"] == 1
    doc.undo_stack.undo()
    assert doc.report.cells["t2_1.regulations.made"] == 3 and doc.report.format_id == "2021"

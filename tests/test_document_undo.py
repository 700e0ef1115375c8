"""The document's undo stack: cells, texts and details undo as the clerk expects."""

from __future__ import annotations

from gui.document import ReportDocument
from model import changes
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


def test_a_year_that_takes_the_format_along_is_one_undo_step(qtbot):
    doc = ReportDocument(Report.new(2020))  # 2019 format
    doc.set_cells({"t2_1.regulations.new_made": 3})
    with qtbot.waitSignal(doc.reportReplaced):
        applied = doc.set_meta("year", 2021)
    assert doc.report.format_id == "2021" and "t2_1.regulations.new_made" not in doc.report.cells
    assert "随年度" in applied.note
    assert doc.undo_stack.count() == 2 and doc.undo_stack.undoText() == "修改报告年度"
    doc.undo_stack.undo()
    assert (doc.report.year, doc.report.format_id) == (2020, "2019")
    assert doc.report.cells == {"t2_1.regulations.new_made": 3}


def test_replace_all_is_one_step_and_announces_each_text(qtbot):
    doc = ReportDocument(Report.new(2025, agency="2024专班"))
    doc.set_text("s1", "2024年")
    doc.set_text("s5", "见2024年报告")
    seen = []
    doc.textChanged.connect(seen.append)
    steps = doc.undo_stack.count()
    doc.apply(changes.replace_all(doc.report, "2024", "2025"))
    assert doc.undo_stack.count() == steps + 1
    assert sorted(seen) == ["s1", "s5"] and doc.report.agency == "2025专班"
    doc.undo_stack.undo()
    assert doc.report.text("s5") == "见2024年报告" and doc.report.agency == "2024专班"


def test_a_change_that_changes_nothing_pushes_no_step(qtbot):
    doc = ReportDocument(Report.new(2024))
    assert doc.apply(changes.fill_zero(doc.report, [])) is None
    assert doc.set_text("s1", "") is None
    assert doc.undo_stack.count() == 0


def test_units_announce_their_cell(qtbot):
    doc = ReportDocument(Report.new(2020, "2019"))
    with qtbot.waitSignal(doc.cellsChanged) as blocker:
        doc.set_cells({"t2_9.central_procurement.amount": 5}, units={"t2_9.central_procurement.amount": "元"})
    assert blocker.args == [["t2_9.central_procurement.amount"]]
    assert doc.undo_stack.count() == 1

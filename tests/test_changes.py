"""Edits as change sets (model/changes.py): pure, and each one undone exactly by its inverse."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from model import changes
from model.changes import ChangeSet, apply_change
from model.find import Match, find_all, find_in
from model.report import Report


def snapshot(r: Report):
    return (r.format_id, r.year, r.agency, r.date, dict(r.texts), dict(r.cells), dict(r.units),
            list(r.review))


def round_trip(report: Report, change: ChangeSet) -> Report:
    """Apply, check that the inverse restores the report exactly, re-apply; return the result."""
    before = snapshot(report)
    inverse = apply_change(report, change)
    after = snapshot(report)
    apply_change(report, inverse)
    assert snapshot(report) == before
    apply_change(report, change)
    assert snapshot(report) == after
    return report


def test_cells_with_units_are_one_change_and_undo_whole():
    r = Report.new(2020, "2019")
    r.cells["t3.r1_new.natural"] = 2
    change = changes.set_cells({"t3.r1_new.natural": 5, "t2_9.central_procurement.amount": Decimal("12.5")},
                               {"t2_9.central_procurement.amount": "万元"})
    round_trip(r, change)
    assert r.cells["t3.r1_new.natural"] == 5
    assert r.units == {"t2_9.central_procurement.amount": "万元"}


def test_an_unknown_cell_is_refused_before_anything_is_written():
    r = Report.new(2024)
    with pytest.raises(KeyError):
        apply_change(r, changes.set_cells({"t3.r1_new.natural": 1, "t9.nowhere.x": 1}))
    assert r.cells == {}


def test_effective_drops_what_would_not_change():
    r = Report.new(2024, agency="甲街道")
    r.cells["t3.r1_new.natural"] = 3
    change = ChangeSet("x", {"t3.r1_new.natural": 3, "t3.r1_new.research": None},
                       texts={"s1": ""}, details={"agency": "甲街道"})
    assert change.effective(r).is_empty()
    # The same number of another type is a change: a draft keeps 3 and 3.0 apart.
    assert not ChangeSet("x", {"t3.r1_new.natural": Decimal(3)}).effective(r).is_empty()


def test_format_switch_drops_cells_and_their_units_and_undo_restores_them():
    r = Report.new(2020, "2019")
    r.cells.update({"t2_1.regulations.new_made": 3, "t3.r1_new.natural": 1,
                    "t2_9.central_procurement.amount": Decimal(7)})
    r.units["t2_9.central_procurement.amount"] = "元"
    change = changes.switch_format(r, "2021")
    # 表二 of 2019 has no counterpart in 2021; 表三's first row has.
    assert set(change.cells) == {"t2_1.regulations.new_made", "t2_9.central_procurement.amount"}
    assert "2 个单元格" in change.note
    round_trip(r, change)
    assert r.format_id == "2021" and r.cells == {"t3.r1_new.natural": 1} and r.units == {}


def test_the_format_follows_the_year_unless_chosen_by_hand():
    r = Report.new(2020)  # 2019 format, the usual one for 2020
    assert r.format_id == "2019"
    change = changes.change_year(r, 2021)
    assert change.details == {"year": 2021, "format_id": "2021"}
    assert "随年度" in change.note
    r2 = Report.new(2022, "2019")  # 2019's format picked by hand for a 2022 report
    assert changes.change_year(r2, 2023).details == {"year": 2023}
    assert changes.change_year(r2, 2022).is_empty()


def test_fill_zero_fills_only_blank_inputs_and_gives_the_money_cell_a_unit():
    r = Report.new(2020, "2019")
    r.cells["t2_9.central_procurement.amount"] = Decimal(5)  # filled: left alone, no unit forced
    ids = ["t2_1.regulations.new_made", "t2_9.central_procurement.amount", "t3.r1_new.natural",
           "t3.r1_new.total"]  # the last is a total: never filled
    change = changes.fill_zero(r, ids)
    assert change.cells == {"t2_1.regulations.new_made": 0, "t3.r1_new.natural": 0}
    assert change.units == {}
    del r.cells["t2_9.central_procurement.amount"]
    change = changes.fill_zero(r, ["t2_9.central_procurement.amount"])
    assert change.cells == {"t2_9.central_procurement.amount": Decimal(0)}
    assert change.units == {"t2_9.central_procurement.amount": "元"}  # the first unit choice


def test_section_inputs_are_the_input_cells_of_that_section():
    fmt = Report.new(2024).fmt
    ids = changes.section_inputs(fmt, "s4")
    assert "t4.cases.rv_upheld" in ids and "t4.cases.rv_total" not in ids
    assert all(i.startswith("t4.") for i in ids)


def test_replace_all_covers_agency_and_every_text_and_undoes_in_one():
    r = Report.new(2025, agency="某区2024年度专班")
    r.texts.update({"preamble": "2024年", "s1": "2024年全年，2024年底", "s3": "无", "closing": "x"})
    change = changes.replace_all(r, "2024", "2025")
    assert change.details == {"agency": "某区2025年度专班"}
    assert change.texts == {"preamble": "2025年", "s1": "2025年全年，2025年底"}
    assert "4 处" in change.note  # counted by hand: agency 1, preamble 1, s1 2
    round_trip(r, change)


def test_replace_all_is_literal_and_ignores_case_unless_asked():
    r = Report.new(2024)
    r.texts["s1"] = "GDP gdp (a+b)"
    assert changes.replace_all(r, "gdp", "GNP").texts == {"s1": "GNP GNP (a+b)"}
    assert changes.replace_all(r, "gdp", "GNP", case_sensitive=True).texts == {"s1": "GDP GNP (a+b)"}
    assert changes.replace_all(r, "(a+b)", r"\1").texts == {"s1": r"GDP gdp \1"}
    assert changes.replace_all(r, "", "x").is_empty()


def test_find_all_goes_in_the_order_the_clerk_meets_the_texts():
    r = Report.new(2024, agency="甲乙")
    r.texts.update({"s1": "乙", "closing": "乙乙", "preamble": "甲"})
    assert find_all(r, "乙") == [Match("agency", 1, 2), Match("closing", 0, 1), Match("closing", 1, 2),
                                Match("s1", 0, 1)]
    assert find_in("aAa", "a") == [(0, 1), (1, 2), (2, 3)]


def test_mark_reviewed_and_its_undo_keep_the_order():
    r = Report.new(2024)
    r.review = ["s1", "s5", "s6"]
    change = changes.mark_reviewed(r, "s5")
    round_trip(r, change)
    assert r.review == ["s1", "s6"]
    assert changes.mark_reviewed(r, "s5").is_empty()


def test_texts_emptied_are_removed_not_kept_empty():
    r = Report.new(2024)
    r.texts["s6"] = "无"
    round_trip(r, changes.set_text("s6", ""))
    assert "s6" not in r.texts


def test_details_other_than_agency_and_date_have_their_own_rules():
    with pytest.raises(ValueError):
        changes.set_detail("year", 2024)
    with pytest.raises(ValueError):
        changes.set_detail("format_id", "2019")
    with pytest.raises(KeyError):
        apply_change(Report.new(2024), ChangeSet("x", details={"title": "no"}))


def test_apply_does_not_share_state_with_the_change():
    r = Report.new(2024)
    change = changes.set_cells({"t3.r1_new.natural": 1})
    kept = copy.deepcopy(change.cells)
    apply_change(r, change)
    r.cells["t3.r1_new.natural"] = 9
    assert change.cells == kept

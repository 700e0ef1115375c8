"""Next year's report from last year's draft."""

from __future__ import annotations

from factories import full_report
from model.checks import check_report
from model.rollover import roll_over

COLS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]


def test_carry_over_all_seven_columns_and_start_values():
    last = full_report("2021", 3, year=2023)
    res = roll_over(last)
    new = res.report
    assert (new.year, new.format_id, new.agency) == (2024, "2021", last.agency)
    lv, nv = last.values(), new.values()
    for c in COLS:
        assert nv[f"t3.r2_carried_in.{c}"] == lv[f"t3.r4_carried_out.{c}"]
    for row in ("regulations", "normative_docs"):
        assert new.cells[f"t2_1.{row}.in_force"] == last.cells[f"t2_1.{row}.in_force"]
    assert set(new.review) == {k for k, v in last.texts.items() if v.strip()}
    assert new.texts == last.texts and new.date == ""
    # Last year's texts are kept apart from this year's, which the clerk will rewrite.
    assert new.last_year.texts == {k: v for k, v in last.texts.items() if v.strip()}
    new.texts["s5"] = "改写后的内容"
    assert new.last_year.texts["s5"] == last.texts["s5"]
    assert res.carried and not res.not_mapped


def test_cross_year_checks_use_last_years_numbers():
    new = roll_over(full_report("2021", 3, year=2023)).report
    new.cells["t3.r2_carried_in.natural"] += 1
    rules = {f.rule for f in check_report(new)}
    assert "t3_cross_year_carry_natural" in rules and "t3_cross_year_carry_total" in rules
    new.cells["t2_1.regulations.made"] = 4
    new.cells["t2_1.regulations.repealed"] = 1
    assert "t2_1_cross_year_inforce_regulations" in {f.rule for f in check_report(new)}
    new.cells["t2_1.regulations.in_force"] += 3
    assert "t2_1_cross_year_inforce_regulations" not in {f.rule for f in check_report(new)}


def test_2019_draft_becomes_2021_and_lists_what_does_not_map():
    last = full_report("2019", 2, year=2020)
    res = roll_over(last)
    assert res.report.format_id == "2021" and res.report.year == 2021
    lv = last.values()
    for c in COLS:
        assert res.report.values()[f"t3.r2_carried_in.{c}"] == lv[f"t3.r4_carried_out.{c}"]
    text = "\n".join(res.not_mapped)
    assert "第二十条第（九）项" in text and "现行有效件数" in text and "（六）其他处理" in text
    assert not any(c.startswith("t2_9") for c in res.report.cells)

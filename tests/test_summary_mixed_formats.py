"""A unit that reported in the 2019 trial format, added into a 2021-format 汇总.

The formats differ in 表三 by one row: 2019 prints 「（六）其他处理」 as one row, 2021 splits it into
1.逾期不补正 / 2.逾期未缴费 / 3.其他 (shared/format/README.md §3.3, §4).  The numbers add up — the
single row is the whole group, and （七）总计 and the balance 一+二 = 三（七）+四 hold in both — only
their split into the three items is unknown: the 2019 row goes into 「3.其他」 and the review says
so for that unit.  Cells 2021 has no column for (第（一）项's 本年新制作数量 …) are not added, and the
review lists them for the unit.  Every total below is worked out by hand.
"""

from __future__ import annotations

from model.checks import check_report
from model.draft_io import save_draft
from model.report import Report
from model.summary import sum_review
from model.summary_job import SummaryInputs, run_review

REGROUPED = ("表三「（六）其他处理」在2019年试行格式中只有一行，2021年版格式分为 3 项，无法细分："
             "其数值（自然人 3、商业企业 2）已计入汇总的「（六）其他处理」「3.其他」。")
NOT_CARRIED = "以下数值在2021年版格式中没有对应栏目，不计入汇总：表二 第二十条第（一）项「规章」「本年新制作数量」 4。"


def units(folder):
    folder.mkdir()
    # 甲 (2021 format): 10 new; 6 open, 1 逾期不补正, 2 其他; 1 carried out.  10 + 0 = 6+1+2 + 1.
    a = Report(format_id="2021", year=2021, agency="鼓楼区教育局")
    a.cells.update({"t3.r1_new.natural": 10, "t3.r3_1_open.natural": 6, "t3.r3_6_1_no_correction.natural": 1,
                    "t3.r3_6_3_other.natural": 2, "t3.r4_carried_out.natural": 1})
    save_draft(folder / "甲.gknb", a)
    # 乙 (2019 trial format, still used for 2021): natural 8 new + 1 carried in = 4 open + 3 其他处理
    # + 2 carried out; commercial 2 new = 2 其他处理.  第（一）项 规章 本年新制作 4 has no 2021 column,
    # 第（九）项 采购项目 0 neither (a 0 loses nothing and is not listed).
    b = Report(format_id="2019", year=2021, agency="鼓楼区财政局")
    b.cells.update({"t3.r1_new.natural": 8, "t3.r2_carried_in.natural": 1, "t3.r3_1_open.natural": 4,
                    "t3.r3_6_other.natural": 3, "t3.r4_carried_out.natural": 2,
                    "t3.r1_new.commercial": 2, "t3.r3_6_other.commercial": 2,
                    "t2_1.regulations.new_made": 4, "t2_9.central_procurement.items": 0})
    save_draft(folder / "乙.gknb", b)


def test_a_2019_unit_is_summed_through_the_mapping_and_the_review_says_what_moved(tmp_path):
    folder = tmp_path / "报送"
    units(folder)
    review = run_review(SummaryInputs([folder], year=2021)).review
    rows = {r.file: r for r in review.rows}
    b = rows["乙.gknb"]
    assert b.summable and b.chosen  # the unit is in, not refused

    result = sum_review(review)
    region = result.report
    assert region.format_id == "2021"
    assert sorted(u.file for u in region.summary.units) == ["乙.gknb", "甲.gknb"]
    v = region.values()
    assert v["t3.r1_new.natural"] == 18 and v["t3.r1_new.commercial"] == 2
    assert v["t3.r2_carried_in.natural"] == 1
    assert v["t3.r3_1_open.natural"] == 10
    assert v["t3.r3_6_1_no_correction.natural"] == 1  # 甲's only: 乙's cannot be told apart
    assert v.get("t3.r3_6_2_no_fee.natural") in (None, 0)
    assert v["t3.r3_6_3_other.natural"] == 5  # 甲 2 + 乙 3
    assert v["t3.r3_6_3_other.commercial"] == 2
    assert v["t3.r3_7_total.natural"] == 16  # 10 + 1 + 5
    assert v["t3.r3_7_total.total"] == 18  # natural 16 + commercial 2
    assert v["t3.r4_carried_out.natural"] == 3
    # 一 + 二 = 三（七）+ 四 in every column: 18 + 1 = 16 + 3, 2 + 0 = 2 + 0.
    assert not [f for f in check_report(region) if f.rule.startswith("t3_balance")]
    assert "t2_1.regulations.new_made" not in region.cells
    assert result.not_summed == ["鼓楼区财政局（2019年试行格式）：表二 第二十条第（一）项「规章」「本年新制作数量」为 4，"
                                 "2021年版格式没有这一栏，未计入。"]
    # What moved and what was left, said on the unit's row of the review (and once for the sum).
    assert b.format_notes == [REGROUPED, NOT_CARRIED]
    assert rows["甲.gknb"].format_notes == []
    assert ("鼓楼区财政局（2019年试行格式）：表三「（六）其他处理」已计入「（六）其他处理」「3.其他」"
            "（2019年试行格式只有一行，无法细分到本组各项；各单位的数值见审核表中的说明）。") in result.notes


def test_a_2021_unit_adds_its_three_items_into_the_2019_single_row(tmp_path):
    """The other way (a 2020 sum, 2019 format, with a unit already on the 2021 format): the items
    add up into the one row exactly, nothing to tell."""
    folder = tmp_path / "报送"
    folder.mkdir()
    a = Report(format_id="2021", year=2020, agency="鼓楼区教育局")
    a.cells.update({"t3.r1_new.natural": 6, "t3.r3_6_1_no_correction.natural": 1, "t3.r3_6_2_no_fee.natural": 2,
                    "t3.r3_6_3_other.natural": 3})
    save_draft(folder / "甲.gknb", a)
    b = Report(format_id="2019", year=2020, agency="鼓楼区财政局")
    b.cells.update({"t3.r1_new.natural": 4, "t3.r3_6_other.natural": 4})
    save_draft(folder / "乙.gknb", b)
    review = run_review(SummaryInputs([folder], year=2020)).review
    assert [r.format_notes for r in review.rows] == [[], []]
    result = sum_review(review)
    v = result.report.values()
    assert result.report.format_id == "2019"
    assert v["t3.r3_6_other.natural"] == 1 + 2 + 3 + 4
    assert v["t3.r3_7_total.natural"] == 10 and v["t3.r1_new.natural"] == 10
    assert result.not_summed == [] and result.notes == []

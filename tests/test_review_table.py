"""The review: every status, a 名单 with names written differently, duplicates, other years,
mixed formats, last year's carry-over per unit, and outliers."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from factories import full_report
from model.checks import ERROR, check_report
from model.draft_io import load_draft, save_draft
from model.review_table import (DUPLICATE, HAS_ERRORS, MISSING, OK, OUTLIER_RULE, UNREADABLE, WRONG_YEAR,
                                build_review, median_without)
from model.summary import SummaryError, sum_review
from model.summary_job import SummaryInputs, run_review
from model.unit_list import UnitList
from model.unit_reading import read_unit, scan_sources
from summary_helpers import write_unit


def review_of(folder, unit_list=None, year=None, last=None):
    scan = scan_sources([folder])
    reads = [read_unit(str(p), scan.names[p]) for p in scan.files]
    last_reads = None
    if last is not None:
        ls = scan_sources([last])
        last_reads = [read_unit(str(p), ls.names[p]) for p in ls.files]
    return build_review(reads, scan.skipped, unit_list, year, last_reads, "上年" if last else "")


def by_file(review):
    return {r.file: r for r in review.rows if r.file}


def test_every_status(tmp_path):
    write_unit(tmp_path, "教育局.gknb", "鼓楼区教育局")
    write_unit(tmp_path, "财政局.gknb", "鼓楼区财政局", t3__r1_new__natural=999)  # 表三 does not balance
    write_unit(tmp_path, "民政局-旧.gknb", "鼓楼区民政局", seed=3)
    newer = write_unit(tmp_path, "民政局-新.gknb", "鼓楼区民政局", seed=4)
    os.utime(newer, ns=(os.stat(newer).st_atime_ns, os.stat(newer).st_mtime_ns + 10**9))
    write_unit(tmp_path, "司法局2023.gknb", "鼓楼区司法局", year=2023)
    (tmp_path / "坏了.gknb").write_text('{"schema": 1, "format": "2021"', encoding="utf-8")
    names = UnitList(["鼓楼区教育局", "鼓楼区财政局", "鼓楼区民政局", "鼓楼区司法局", "坏了", "鼓楼区审计局"])
    review = review_of(tmp_path, names)
    assert review.year == 2024  # most reports are of 2024
    rows = by_file(review)
    assert rows["教育局.gknb"].status == OK and rows["教育局.gknb"].chosen
    assert rows["财政局.gknb"].status == HAS_ERRORS and rows["财政局.gknb"].errors >= 1
    assert rows["财政局.gknb"].chosen  # errors do not keep a unit out of the sum by themselves
    assert rows["民政局-旧.gknb"].status == DUPLICATE and not rows["民政局-旧.gknb"].chosen
    assert rows["民政局-新.gknb"].status == DUPLICATE and rows["民政局-新.gknb"].chosen
    assert "民政局-旧.gknb" in rows["民政局-新.gknb"].notes[0]
    assert rows["司法局2023.gknb"].status == WRONG_YEAR and not rows["司法局2023.gknb"].chosen
    assert "2023年度" in rows["司法局2023.gknb"].problem_text()
    assert rows["坏了.gknb"].status == UNREADABLE and rows["坏了.gknb"].listed == "坏了"
    missing = [r for r in review.rows if r.status == MISSING]
    assert [r.unit for r in missing] == ["鼓楼区审计局"] and missing[0].read is None
    assert {r.status for r in review.rows} == {OK, HAS_ERRORS, DUPLICATE, WRONG_YEAR, UNREADABLE, MISSING}
    assert not review.all_clear()
    assert {r.file for r in review.chosen()} == {"民政局-新.gknb", "教育局.gknb", "财政局.gknb"}


def test_a_list_with_names_written_differently(tmp_path):
    write_unit(tmp_path, "a.gknb", "鼓楼区东街街道办事处")
    write_unit(tmp_path, "b.gknb", "鼓楼区人民政府办公室", seed=2)
    write_unit(tmp_path, "c.gknb", "鼓楼区 人力资源和社会保障局", seed=3)
    write_unit(tmp_path, "d.gknb", "洪山镇人民政府", seed=4)
    write_unit(tmp_path, "e.gknb", "鼓楼区卫生健康局（区疾控中心）", seed=5)
    write_unit(tmp_path, "f.gknb", "", seed=6)  # forgot the agency: the file name speaks for it
    (tmp_path / "f.gknb").rename(tmp_path / "鼓楼区审计局.gknb")
    write_unit(tmp_path, "g.gknb", "某某有限公司", seed=7)  # not one of ours
    names = UnitList(["东街街道", "区政府办", "鼓楼区人社局", "洪山镇", "鼓楼区卫健局", "审计局"])
    review = review_of(tmp_path, names)
    listed = {r.file: r.listed for r in review.rows if r.file}
    assert listed == {"a.gknb": "东街街道", "b.gknb": "区政府办", "c.gknb": "鼓楼区人社局",
                      "d.gknb": "洪山镇", "e.gknb": "鼓楼区卫健局", "鼓楼区审计局.gknb": "审计局", "g.gknb": ""}
    rows = by_file(review)
    assert rows["鼓楼区审计局.gknb"].unit == "鼓楼区审计局"
    assert any("未填写机关名称" in n for n in rows["鼓楼区审计局.gknb"].notes)
    assert not rows["g.gknb"].chosen and any("不在名单中" in n for n in rows["g.gknb"].notes)
    assert review.count(MISSING) == 0


def test_a_name_fitting_two_list_entries_is_not_guessed(tmp_path):
    write_unit(tmp_path, "x.gknb", "东街街道")
    review = review_of(tmp_path, UnitList(["鼓楼区东街街道", "台江区东街街道"]))
    row = by_file(review)["x.gknb"]
    assert row.listed == "" and not row.chosen and "都相近" in row.notes[0]
    assert review.count(MISSING) == 2


def test_without_a_list_duplicates_are_found_by_name(tmp_path):
    write_unit(tmp_path, "1.gknb", "鼓楼区教育局")
    write_unit(tmp_path, "2.gknb", "鼓楼区 教育局", seed=2)
    write_unit(tmp_path, "3.gknb", "鼓楼区财政局", seed=3)
    review = review_of(tmp_path)
    assert [r.status for r in review.rows] == [DUPLICATE, DUPLICATE, OK]
    assert sum(r.chosen for r in review.rows) == 2


def test_the_year_asked_for_wins_over_the_majority(tmp_path):
    write_unit(tmp_path, "1.gknb", "甲局", year=2024)
    write_unit(tmp_path, "2.gknb", "乙局", year=2024)
    write_unit(tmp_path, "3.gknb", "丙局", year=2023)
    review = review_of(tmp_path, year=2023)
    assert [r.status for r in review.rows] == [WRONG_YEAR, WRONG_YEAR, OK]


def test_mixed_formats_are_reviewed_and_summed(tmp_path):
    write_unit(tmp_path, "a.gknb", "甲局", t3__r1_new__natural=0)
    write_unit(tmp_path, "b.gknb", "乙局", format_id="2019", year=2024)  # the old format by mistake
    review = review_of(tmp_path)
    rows = by_file(review)
    assert rows["b.gknb"].format_name.startswith("2019年试行格式")
    assert any(f.rule == "format_year_mismatch" for f in rows["b.gknb"].findings)
    result = sum_review(review, agency="某区")
    a, b = rows["a.gknb"].report, rows["b.gknb"].report
    assert result.report.format_id == "2021"
    assert result.report.cells["t3.r1_new.natural"] == a.cells["t3.r1_new.natural"] + b.cells["t3.r1_new.natural"]
    assert result.report.cells["t2_5.licensing.decisions"] == \
        a.cells["t2_5.licensing.decisions"] + b.cells["t2_5.licensing.decisions"]
    assert result.not_summed  # 2019's 其他处理, 上一年项目数量 … listed, not dropped silently


def test_carry_over_against_each_units_own_last_year(tmp_path):
    this, last = tmp_path / "2024", tmp_path / "2023"
    write_unit(last, "教育局.gknb", "鼓楼区教育局", year=2023, t3__r4_carried_out__natural=3)
    write_unit(last, "财政局.gknb", "鼓楼区财政局", year=2023, t3__r4_carried_out__natural=2)
    write_unit(this, "教育局.gknb", "鼓楼区教育局", t3__r2_carried_in__natural=3)
    write_unit(this, "财政局.gknb", "鼓楼区财政局", t3__r2_carried_in__natural=5)
    write_unit(this, "民政局.gknb", "鼓楼区民政局")
    review = review_of(this, last=last)
    rows = by_file(review)
    edu, fin, civ = rows["教育局.gknb"], rows["财政局.gknb"], rows["民政局.gknb"]
    carry = [f for f in fin.findings if f.rule == "t3_cross_year_carry_natural"]
    assert len(carry) == 1 and carry[0].severity == ERROR
    assert "本年填写 5" in carry[0].message and "结转下年度为 2" in carry[0].message
    assert not any(f.rule == "t3_cross_year_carry_natural" for f in edu.findings)
    assert edu.last_read.name == "教育局.gknb" and fin.status == HAS_ERRORS
    assert civ.last_read is None and any("上年文件夹中没有" in n for n in civ.notes)
    # 民政局 has no report of last year: a region's "last year" short of it would contradict the
    # region's 上年结转 by 民政局's share, so none is set, and the office is told why.
    result = sum_review(review, agency="鼓楼区")
    assert result.report.last_year is None
    assert any("鼓楼区民政局" in n and "未填入" in n for n in result.notes)
    # Both changed 上年结转 without changing the rest, so their 表三 no longer balances: their
    # errors are added as filed, and the sum says so (a sum made silently over errors carried a
    # 万元/元 slip into the region's totals unseen).  民政局 is clean.
    assert ("计入的单位中有 2 个的报告有错误（鼓楼区教育局、鼓楼区财政局），其数字按所填计入；"
            "请核对并由单位改正后重新汇总。" in result.notes)
    # Every unit with last year's report: the region's last_year is their sum (3 + 2).
    civ.chosen = False
    result = sum_review(review, agency="鼓楼区")
    assert result.report.last_year.cells["t3.r4_carried_out.natural"] == 5
    assert result.report.last_year.year == 2023


def test_a_region_sum_of_consistent_units_raises_no_carry_over_error(tmp_path):
    # Every unit's 上年结转 agrees with its own last year; one unit's last report is not in the
    # folder.  The region's report must not blame the region for the missing file.
    this, last = tmp_path / "2024", tmp_path / "2023"
    edu = write_unit(this, "教育局.gknb", "鼓楼区教育局", seed=1)
    civ = write_unit(this, "民政局.gknb", "鼓楼区民政局", seed=3)
    edu_last = full_report(seed=2, year=2023)
    edu_last.agency = "鼓楼区教育局"
    for col in ("natural", "commercial", "research", "public_welfare", "legal_service", "other_org"):
        carried = load_draft(edu).cells[f"t3.r2_carried_in.{col}"]
        edu_last.cells[f"t3.r1_new.{col}"] += carried - edu_last.cells[f"t3.r4_carried_out.{col}"]  # still balances
        edu_last.cells[f"t3.r4_carried_out.{col}"] = carried
    last.mkdir()
    save_draft(last / "教育局.gknb", edu_last)
    assert load_draft(civ).cells["t3.r2_carried_in.natural"] == 3  # 民政局 carried 3 in: not in last year's folder
    review = review_of(this, last=last)
    assert all(r.status == OK for r in review.rows), [f.message for r in review.rows for f in r.findings]
    region = sum_review(review, agency="鼓楼区").report
    assert not [f for f in check_report(region) if f.rule.startswith("t3_cross_year_carry")]


def test_a_yuan_typed_as_wan_stands_out(tmp_path):
    fees = ["0.5", "1.2", "0.8", "2", "1"]  # median of these five: 1
    for i, fee in enumerate(fees):
        write_unit(tmp_path, f"{i}.gknb", f"第{i}局", seed=i, t2_8__admin_fees__fee_amount=Decimal(fee))
    write_unit(tmp_path, "slip.gknb", "多填局", seed=9, t2_8__admin_fees__fee_amount=Decimal("12000"))
    review = review_of(tmp_path)
    rows = by_file(review)
    hints = [f for f in rows["slip.gknb"].findings if f.rule == OUTLIER_RULE]
    assert len(hints) == 1
    assert "12000 万元" in hints[0].message and "中位数（1 万元）的 12,000 倍" in hints[0].message
    assert "元" in hints[0].message and hints[0].cells == ("t2_8.admin_fees.fee_amount",)
    assert rows["slip.gknb"].status == OK  # a hint, not an error
    assert not any(f.rule == OUTLIER_RULE for r in review.rows if r.file != "slip.gknb" for f in r.findings)


def test_median_without_one_value():
    assert median_without([1, 2, 3, 4, 100], 100) == 2.5  # 1 2 3 4
    assert median_without([1, 2, 3, 4, 100], 1) == 3.5  # 2 3 4 100
    assert median_without([1, 2, 3, 100], 2) == 3  # 1 3 100


def test_a_region_sum_in_the_folder_is_not_a_unit(tmp_path):
    from model.draft_io import load_draft, save_draft

    write_unit(tmp_path, "a.gknb", "甲局")
    write_unit(tmp_path, "b.gknb", "乙局", seed=2)
    result = sum_review(review_of(tmp_path), agency="某区")
    save_draft(tmp_path / "汇总.gknb", result.report)
    review = review_of(tmp_path)
    assert [(r.file, r.status) for r in review.rows] == [("a.gknb", OK), ("b.gknb", OK), ("汇总.gknb", "已跳过")]
    assert not review.rows[2].summable and "汇总报告" in review.rows[2].notes[0]  # listed, never added
    assert sum_review(review).report.summary.units == result.report.summary.units


def test_a_file_that_cannot_be_read_still_answers_for_its_unit(tmp_path):
    # Files are named the way units send them: number, full name, year, the report's title.
    write_unit(tmp_path, "01-鼓楼区教育局2024年政府信息公开工作年度报告.gknb", "鼓楼区教育局")
    (tmp_path / "02-鼓楼区南街街道办事处2024年政府信息公开工作年度报告.docx").write_bytes(b"PK\x03\x04broken")
    (tmp_path / "03-鼓楼区洪山镇人民政府2024年度报告.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    review = review_of(tmp_path, UnitList(["区教育局", "南街街道", "洪山镇", "区审计局"]))
    rows = by_file(review)
    broken = rows["02-鼓楼区南街街道办事处2024年政府信息公开工作年度报告.docx"]
    old = rows["03-鼓楼区洪山镇人民政府2024年度报告.doc"]
    assert broken.status == UNREADABLE and broken.listed == "南街街道" and broken.unit == "鼓楼区南街街道办事处"
    assert old.status == UNREADABLE and old.listed == "洪山镇" and old.unit == "鼓楼区洪山镇人民政府"
    assert [r.unit for r in review.rows if r.status == MISSING] == ["区审计局"]  # sent, but unreadable, is not 未报送


def test_a_unit_s_files_are_chosen_one_at_a_time(tmp_path):
    older = write_unit(tmp_path, "民政局-旧.gknb", "鼓楼区民政局", seed=3, t2_5__licensing__decisions=10)
    newer = write_unit(tmp_path, "民政局-新.gknb", "鼓楼区民政局", seed=4, t2_5__licensing__decisions=20)
    os.utime(newer, ns=(os.stat(newer).st_atime_ns, os.stat(older).st_mtime_ns + 10**9))
    write_unit(tmp_path, "教育局.gknb", "鼓楼区教育局", t2_5__licensing__decisions=1)
    review = review_of(tmp_path)
    rows = by_file(review)
    old, new = rows["民政局-旧.gknb"], rows["民政局-新.gknb"]
    # ticking the older file sends the newer one out: one report per unit in the sum
    review.choose(old, True)
    assert old.chosen and not new.chosen
    assert sum_review(review).report.cells["t2_5.licensing.decisions"] == 10 + 1
    # 全选 ticks every unit once, keeping the file the office picked
    review.choose_all(False)
    assert review.chosen() == []
    review.choose_all(True)
    assert {r.file for r in review.chosen()} == {"民政局-新.gknb", "教育局.gknb"}
    review.choose(old, True)
    review.choose_all(True)
    assert {r.file for r in review.chosen()} == {"民政局-旧.gknb", "教育局.gknb"}
    # and a sum is never made of two files of one unit, however the flags were set
    new.chosen = True
    with pytest.raises(SummaryError, match="民政局"):
        sum_review(review)


def test_the_carry_over_note_names_last_years_file_where_it_is(tmp_path):
    # QA: the note read “已与上年报告“上年/教育局.gknb”核对” — a folder 上年 that does not exist;
    # the office chose “2023”, and the note must name the file they can find there.
    this, last = tmp_path / "2024", tmp_path / "鼓楼区2023"
    write_unit(last, "教育局.gknb", "鼓楼区教育局", year=2023)
    write_unit(this, "教育局.gknb", "鼓楼区教育局")
    row = run_review(SummaryInputs([this], None, None, last)).review.rows[0]
    assert "上年结转等已与上年报告“鼓楼区2023/教育局.gknb”核对。" in row.notes

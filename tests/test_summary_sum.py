"""The region-wide sum on small sets whose numbers and sums are written here by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.checks import check_report
from model.draft_io import dumps, loads
from model.report import LastYear, Report, SummaryOf, SummedUnit
from model.summary import SummaryError, UnitToSum, sum_reports


def unit(agency: str, format_id: str, year: int, cells: dict, units: dict | None = None) -> UnitToSum:
    r = Report(format_id=format_id, year=year, agency=agency, cells=dict(cells), units=dict(units or {}),
               texts={"s1": "本单位的正文不进入汇总。"})
    return UnitToSum(agency, f"{agency}.gknb", r)


A = unit("甲局", "2021", 2024, {
    "t3.r1_new.natural": 3, "t3.r1_new.commercial": 1, "t2_8.admin_fees.fee_amount": Decimal("0.123456"),
    "t2_1.regulations.in_force": 5, "t2_1.regulations.made": 1, "t4.cases.rv_upheld": 2,
    "t3.r4_carried_out.natural": 1,
    "t3.r1_new.total": 99,  # a total the unit stated (wrongly): never added
})
B = unit("乙局", "2021", 2024, {
    "t3.r1_new.natural": 4, "t2_8.admin_fees.fee_amount": Decimal("1.000001"),
    "t2_1.regulations.in_force": 7, "t4.cases.rv_upheld": 0, "t3.r4_carried_out.natural": 2,
})
C = unit("丙街道", "2021", 2024, {
    "t3.r1_new.natural": 0, "t3.r1_new.commercial": 2, "t2_8.admin_fees.fee_amount": Decimal("2.5"),
    "t2_1.regulations.in_force": 0,
})


def test_counts_and_amounts_add_up_exactly():
    result = sum_reports([A, B, C], 2024, agency="某某区")
    r = result.report
    assert r.format_id == "2021" and r.year == 2024 and r.agency == "某某区"
    assert r.cells["t3.r1_new.natural"] == 7  # 3 + 4 + 0
    assert r.cells["t3.r1_new.commercial"] == 3  # 1 + 2
    assert r.cells["t2_8.admin_fees.fee_amount"] == Decimal("3.623457")  # 0.123456 + 1.000001 + 2.5
    assert r.cells["t2_1.regulations.in_force"] == 12  # 现行有效件数 summed: 5 + 7 + 0
    assert r.cells["t2_1.regulations.made"] == 1
    assert r.cells["t4.cases.rv_upheld"] == 2
    assert r.cells["t3.r4_carried_out.natural"] == 3  # 1 + 2 (丙 left it blank)
    assert "t3.r2_carried_in.natural" not in r.cells  # blank in every unit: blank in the sum
    assert r.values()["t3.r1_new.total"] == 10  # computed from the sum: 7 + 3, not 99
    assert "t3.r1_new.total" not in r.cells
    assert r.texts == {} and r.date == ""
    assert result.not_summed == []
    assert [u.agency for u in r.summary.units] == ["甲局", "乙局", "丙街道"]
    assert r.summary.units[0] == SummedUnit("甲局", "甲局.gknb", "2021")


def test_a_thousand_small_amounts_stay_exact():
    units = [unit(f"单位{i}", "2021", 2024, {"t2_8.admin_fees.fee_amount": Decimal("0.000001")})
             for i in range(1000)]
    r = sum_reports(units, 2024).report
    assert r.cells["t2_8.admin_fees.fee_amount"] == Decimal("0.001")  # 1000 × 0.000001
    assert b'"0.001"' in dumps(r)


def test_a_unit_in_the_2019_format_counts_where_the_cells_are_shared():
    d = unit("丁镇", "2019", 2024, {
        "t3.r1_new.natural": 5,  # shared: added
        "t2_5.licensing.decisions": 9,  # shared (处理决定数量): added
        "t3.r3_6_other.natural": 2,  # 2019's single （六）其他处理: into 2021's item 「3.其他」
        "t2_5.licensing.prev_items": 3,  # 2019 only
        "t2_5.licensing.delta": 0,  # 2019 only, but zero: nothing is lost
        "t2_9.central_procurement.amount": Decimal("250000"),
    }, units={"t2_9.central_procurement.amount": "元"})
    result = sum_reports([A, B, d], 2024)
    r = result.report
    assert r.cells["t3.r1_new.natural"] == 12  # 3 + 4 + 5
    assert r.cells["t2_5.licensing.decisions"] == 9
    assert "t3.r3_6_other.natural" not in r.cells
    assert r.cells["t3.r3_6_3_other.natural"] == 2  # 甲局 and 乙局 have none
    assert result.not_summed == [
        "丁镇（2019年试行格式）：表二 第二十条第（五）项「行政许可」「上一年项目数量」为 3，2021年版格式没有这一栏，未计入。",
        "丁镇（2019年试行格式）：表二 第二十条第（九）项「政府集中采购」「采购总金额」为 250000，2021年版格式没有这一栏，未计入。",
    ]
    assert r.summary.not_summed == result.not_summed
    assert r.summary.units[2].format_id == "2019"


def test_2019_amounts_in_yuan_and_wan_add_up_in_wan():
    e = unit("戊局", "2019", 2020, {"t2_9.central_procurement.amount": Decimal("251000")},
             {"t2_9.central_procurement.amount": "元"})
    f = unit("己局", "2019", 2020, {"t2_9.central_procurement.amount": Decimal("12.5")},
             {"t2_9.central_procurement.amount": "万元"})
    g = unit("庚局", "2019", 2020, {"t2_9.central_procurement.amount": Decimal("7")})  # no unit
    result = sum_reports([e, f, g], 2020)
    r = result.report
    assert r.format_id == "2019"
    assert r.cells["t2_9.central_procurement.amount"] == Decimal("37.6")  # 25.1 + 12.5
    assert r.units["t2_9.central_procurement.amount"] == "万元"
    assert len(result.not_summed) == 1 and "庚局" in result.not_summed[0] and "未注明单位" in result.not_summed[0]


def test_text_in_a_cell_is_refused_and_listed():
    h = unit("辛局", "2021", 2024, {"t3.r1_new.natural": "12a", "t3.r1_new.research": 1})
    result = sum_reports([A, h], 2024)
    assert result.report.cells["t3.r1_new.natural"] == 3
    assert result.report.cells["t3.r1_new.research"] == 1
    assert len(result.not_summed) == 1 and "“12a”不是数字" in result.not_summed[0]


def test_nothing_to_sum_is_an_error():
    with pytest.raises(SummaryError, match="没有可以汇总"):
        sum_reports([], 2024)


def test_the_sum_is_a_report_like_any_other():
    r = sum_reports([A, B, C], 2024, agency="某某区").report
    rules = {f.rule for f in check_report(r)}
    assert "text_missing" in rules  # the texts are the office's to write
    assert "agency_missing" not in rules


def test_summary_key_round_trips_through_a_draft():
    r = sum_reports([A, B, C], 2024, agency="某某区").report
    r.summary.not_summed.append("某单位：某栏“x”不是数字，未计入。")
    r.last_year = LastYear(2023, {"t3.r4_carried_out.natural": 2}, "2023汇总.gknb")
    data = dumps(r)
    back = loads(data)
    assert back.summary == r.summary
    assert back.cells == r.cells
    assert dumps(back) == data
    assert b'"summary"' in data and "甲局".encode() in data


def test_a_malformed_summary_key_is_refused():
    from model.errors import DraftReadError

    r = Report.new(2024, agency="某区")
    r.summary = SummaryOf([SummedUnit("甲局")])
    text = dumps(r).decode().replace('"agency": "甲局"', '"agency": 5')
    with pytest.raises(DraftReadError, match="summary"):
        loads(text.encode())


def test_the_sum_exports_like_any_report(tmp_path):
    from openpyxl import load_workbook

    from export.pdf_report import write_pdf
    from export.xlsx_report import write_xlsx

    r = sum_reports([A, B, C], 2024, agency="某某区").report
    write_pdf(r, tmp_path / "sum.pdf")
    write_xlsx(r, tmp_path / "sum.xlsx")
    assert (tmp_path / "sum.pdf").read_bytes().startswith(b"%PDF")
    values = [c for ws in load_workbook(tmp_path / "sum.xlsx").worksheets
              for row in ws.iter_rows(values_only=True) for c in row]
    assert 3.623457 in values  # the fee, summed exactly and stored as the same number

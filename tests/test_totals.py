"""Computed totals always equal the sums the official tables define.

Every expectation here is written by hand from the official format (shared/format/README.md §5.2,
the printed tables), never taken from resources/formats/*.json, which the code itself evaluates:
which cells are totals, what each adds up, and two published reports' own printed figures.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from model.report import Report

# 表三's columns: 自然人, then 法人或其他组织 — 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
APPLICANTS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org"]
# 三、本年度办理结果, the rows with cells, in the printed order: （一）, （二）, （三）不予公开 1–8,
# （四）无法提供 1–3, （五）不予处理 1–5, （六）其他处理 (three rows in 2021, one row in 2019).
RESULTS_COMMON = ["r3_1_open", "r3_2_partial",
                  "r3_3_1_state_secret", "r3_3_2_law_prohibited", "r3_3_3_three_security",
                  "r3_3_4_third_party", "r3_3_5_internal_affairs", "r3_3_6_process_info",
                  "r3_3_7_enforcement_file", "r3_3_8_admin_query",
                  "r3_4_1_not_held", "r3_4_2_need_create", "r3_4_3_still_unclear",
                  "r3_5_1_petition", "r3_5_2_repeat", "r3_5_3_publication", "r3_5_4_mass_repeat",
                  "r3_5_5_confirm_reissue"]
RESULTS = {"2021": RESULTS_COMMON + ["r3_6_1_no_correction", "r3_6_2_no_fee", "r3_6_3_other"],
           "2019": RESULTS_COMMON + ["r3_6_other"]}
# 表四: 行政复议, 未经复议直接起诉, 复议后起诉 — each 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
CASES = ["rv", "ld", "la"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]


def official_sums(fid: str) -> dict[str, list[str]]:
    """Every total of the official tables and what it adds up (README §5.2, rules 3–5)."""
    rows = ["r1_new", "r2_carried_in"] + RESULTS[fid] + ["r4_carried_out"]
    sums = {f"t3.{row}.total": [f"t3.{row}.{c}" for c in APPLICANTS] for row in rows}
    for c in APPLICANTS:  # （七）总计, per column
        sums[f"t3.r3_7_total.{c}"] = [f"t3.{row}.{c}" for row in RESULTS[fid]]
    sums["t3.r3_7_total.total"] = [f"t3.r3_7_total.{c}" for c in APPLICANTS]
    for case in CASES:
        sums[f"t4.cases.{case}_total"] = [f"t4.cases.{case}_{o}" for o in OUTCOMES]
    return sums


@pytest.mark.parametrize("fid, n_results, n_totals", [("2021", 21, 34), ("2019", 19, 32)])
def test_the_totals_are_exactly_the_official_ones(fid, n_results, n_totals):
    # Counted on the printed tables: 2021 has 21 result rows with cells (（六） has three), 2019 19.
    assert len(RESULTS[fid]) == n_results
    # 25 (23) rows' 总计 + six （七）总计 columns + the corner + three 表四 totals = 34 (32).
    assert len(official_sums(fid)) == n_totals
    fmt = Report(format_id=fid, year=2024).fmt
    assert set(fmt.computed_ids) == set(official_sums(fid))


@st.composite
def random_reports(draw):
    fid = draw(st.sampled_from(["2021", "2019"]))
    r = Report(format_id=fid, year=2024 if fid == "2021" else 2020)
    inputs = sorted({a for addends in official_sums(fid).values() for a in addends}
                    - set(official_sums(fid)))
    for cid in draw(st.lists(st.sampled_from(inputs), unique=True, max_size=len(inputs))):
        r.cells[cid] = draw(st.integers(min_value=0, max_value=10**9))
    return r


def hand_total(sums: dict[str, list[str]], cells: dict, cell: str):
    """A total as a clerk adds it: blank addends skipped; blank when all of them are blank."""
    if cell not in sums:
        return cells.get(cell)
    parts = [hand_total(sums, cells, a) for a in sums[cell]]
    nums = [p for p in parts if p is not None]
    return sum(nums) if nums else None


@settings(max_examples=150, deadline=None)
@given(random_reports())
def test_totals_equal_the_official_sums_of_any_entries(r):
    sums = official_sums(r.format_id)
    vals = r.values()
    for cell in sums:
        assert vals[cell] == hand_total(sums, r.cells, cell), cell


# 表三 and 表四 of a published report (shared/real-reports/2024-pingtan-zone.html, 2021 format),
# copied by hand: row → (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 as printed).
PINGTAN_T3 = {
    "r1_new": (217, 1, 0, 0, 0, 0, 218),
    "r2_carried_in": (0, 0, 0, 0, 0, 0, 0),
    "r3_1_open": (71, 0, 0, 0, 0, 0, 71),
    "r3_2_partial": (29, 0, 0, 0, 0, 0, 29),
    "r3_3_1_state_secret": (4, 0, 0, 0, 0, 0, 4),
    "r3_3_2_law_prohibited": (0, 0, 0, 0, 0, 0, 0),
    "r3_3_3_three_security": (0, 0, 0, 0, 0, 0, 0),
    "r3_3_4_third_party": (3, 0, 0, 0, 0, 0, 3),
    "r3_3_5_internal_affairs": (32, 0, 0, 0, 0, 0, 32),
    "r3_3_6_process_info": (0, 0, 0, 0, 0, 0, 0),
    "r3_3_7_enforcement_file": (0, 0, 0, 0, 0, 0, 0),
    "r3_3_8_admin_query": (0, 0, 0, 0, 0, 0, 0),
    "r3_4_1_not_held": (75, 0, 0, 0, 0, 0, 75),
    "r3_4_2_need_create": (0, 0, 0, 0, 0, 0, 0),
    "r3_4_3_still_unclear": (0, 0, 0, 0, 0, 0, 0),
    "r3_5_1_petition": (0, 0, 0, 0, 0, 0, 0),
    "r3_5_2_repeat": (1, 0, 0, 0, 0, 0, 1),
    "r3_5_3_publication": (0, 0, 0, 0, 0, 0, 0),
    "r3_5_4_mass_repeat": (0, 0, 0, 0, 0, 0, 0),
    "r3_5_5_confirm_reissue": (0, 0, 0, 0, 0, 0, 0),
    "r3_6_1_no_correction": (1, 0, 0, 0, 0, 0, 1),
    "r3_6_2_no_fee": (0, 0, 0, 0, 0, 0, 0),
    "r3_6_3_other": (1, 1, 0, 0, 0, 0, 2),
    "r4_carried_out": (0, 0, 0, 0, 0, 0, 0),
}
PINGTAN_T3_TOTAL_ROW = (217, 1, 0, 0, 0, 0, 218)  # （七）总计 as printed
# 表四: 行政复议, 未经复议直接起诉, 复议后起诉 → (维持, 纠正, 其他, 尚未审结, 总计 as printed).
PINGTAN_T4 = {"rv": (2, 1, 3, 1, 7), "ld": (0, 0, 0, 0, 0), "la": (13, 2, 4, 0, 19)}


def test_a_published_reports_own_totals_come_out():
    r = Report(format_id="2021", year=2024)
    for row, numbers in PINGTAN_T3.items():
        for col, n in zip(APPLICANTS, numbers[:6], strict=True):
            r.cells[f"t3.{row}.{col}"] = n
    for case, numbers in PINGTAN_T4.items():
        for outcome, n in zip(OUTCOMES, numbers[:4], strict=True):
            r.cells[f"t4.cases.{case}_{outcome}"] = n
    vals = r.values()
    for row, numbers in PINGTAN_T3.items():
        assert vals[f"t3.{row}.total"] == numbers[6], row
    for col, printed in zip(APPLICANTS + ["total"], PINGTAN_T3_TOTAL_ROW, strict=True):
        assert vals[f"t3.r3_7_total.{col}"] == printed, col
    for case, numbers in PINGTAN_T4.items():
        assert vals[f"t4.cases.{case}_total"] == numbers[4], case


def test_a_2019_reports_natural_person_results_add_up_as_published():
    """Shanghai's 2019 report (2019 format), README §5.4: the 自然人 result rows add up to 767.
    The README names the figures per group, not per row: they go into each group's first rows,
    which does not change a column's sum."""
    r = Report(format_id="2019", year=2020)
    figures = {"r3_1_open": 258, "r3_2_partial": 3,
               "r3_3_1_state_secret": 14, "r3_3_2_law_prohibited": 5, "r3_3_3_three_security": 3,
               "r3_3_4_third_party": 10,
               "r3_4_1_not_held": 252, "r3_4_2_need_create": 44, "r3_4_3_still_unclear": 25,
               "r3_5_1_petition": 148, "r3_5_2_repeat": 5}
    for row, n in figures.items():
        r.cells[f"t3.{row}.natural"] = n
    assert r.values()["t3.r3_7_total.natural"] == 767


def test_a_row_with_nothing_entered_has_a_blank_total_and_zero_counts():
    r = Report(format_id="2021", year=2024)
    r.cells["t3.r1_new.natural"] = 0
    vals = r.values()
    assert vals["t3.r1_new.total"] == 0  # a 0 entered is a number
    assert vals["t3.r2_carried_in.total"] is None  # nothing entered: blank, not 0

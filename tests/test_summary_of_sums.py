"""A sum of sums: a city's 政务公开办 adds up its districts' 汇总 drafts, each counted as one unit —
unless a unit it lists is also among the chosen sources (then it would count twice: the sum is left
out naming the units, or refused when chosen by name; two sums sharing units are both left out).

Every expected number below is written by hand from the values the units were given."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factories import CLEAN_TEXTS, full_report
from model.draft_io import load_draft, loads, save_draft
from model.errors import ReportError
from model.report import SummaryOf, SummedUnit
from model.summary import SummaryError, sum_review
from model.summary_job import SummaryInputs, run_review

ROOT = Path(__file__).resolve().parent.parent
NATURAL_NEW, NATURAL_OPEN, CARRIED_IN, CARRIED_OUT = (
    "t3.r1_new.natural", "t3.r3_1_open.natural", "t3.r2_carried_in.natural", "t3.r4_carried_out.natural")
FEE = "t2_8.admin_fees.fee_amount"
# Each unit's 自然人 requests (all 予以公开, none carried) and its fee in 万元, chosen by hand.
UNITS = {
    "鼓楼区教育局": (3, "1.25"),
    "鼓楼区财政局": (4, "0.5"),
    "台江区教育局": (10, "2.125"),
    "台江区财政局": (20, "0"),
}


def unit(folder: Path, file: str, agency: str, values=None) -> Path:
    """A clean report whose 自然人 column of 表三 and fee are the hand-chosen values of `values`."""
    n, fee = values or UNITS[agency]
    r = full_report("2021", seed=len(agency) + n, year=2024)
    r.agency = agency
    for cid in [c for c in r.cells if c.startswith("t3.") and c.endswith(".natural")]:
        r.cells[cid] = 0
    r.cells[NATURAL_NEW] = r.cells[NATURAL_OPEN] = n  # 一 + 二 = 七 + 四 still holds
    r.cells[FEE] = Decimal(fee)
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(path, r)
    return path


def district_sum(folder: Path, file: str, agency: str, *members: str) -> Path:
    """A district's sum made by 汇总 from its units' drafts, its texts written as a district would
    before sending it up; saved as folder/file."""
    src = folder.parent / f"{agency}各单位"
    for i, name in enumerate(members):
        unit(src, f"{i + 1}.gknb", name)
    review = run_review(SummaryInputs([src])).review
    report = sum_review(review, agency=agency).report
    report.texts = dict(CLEAN_TEXTS)
    report.date = "2025-01-25"
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(path, report)
    return path


@pytest.fixture
def city(tmp_path):
    """The city's folder: the two districts' sums, nothing else."""
    f = tmp_path / "各区报送"
    district_sum(f, "鼓楼区汇总.gknb", "鼓楼区", "鼓楼区教育局", "鼓楼区财政局")
    district_sum(f, "台江区汇总.gknb", "台江区", "台江区教育局", "台江区财政局")
    return f


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "summarize", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_two_district_sums_add_up_to_the_city(city):
    review = run_review(SummaryInputs([city])).review
    rows = {r.file: r for r in review.rows}
    assert [(r.unit, r.status, r.kind, r.chosen) for r in review.rows] == [
        ("台江区", "无误", "汇总", True), ("鼓楼区", "无误", "汇总", True)]
    assert rows["鼓楼区汇总.gknb"].notes[0] == "汇总报告（含 2 个单位：鼓楼区教育局、鼓楼区财政局），作为一个单位计入。"
    assert review.count_text() == "共 2 个单位：无误 2" and review.all_clear()

    result = sum_review(review, agency="福州市")
    cells = result.report.cells
    assert cells[NATURAL_NEW] == 37 and cells[NATURAL_OPEN] == 37  # 3 + 4 + 10 + 20
    assert cells[FEE] == Decimal("3.875")  # 1.25 + 0.5 + 2.125 + 0
    assert cells[CARRIED_IN] == 0 and cells[CARRIED_OUT] == 0
    assert result.not_summed == []
    assert result.report.summary.units == [
        SummedUnit("台江区", "台江区汇总.gknb", "2021",
                   [SummedUnit("台江区教育局", "1.gknb", "2021"), SummedUnit("台江区财政局", "2.gknb", "2021")]),
        SummedUnit("鼓楼区", "鼓楼区汇总.gknb", "2021",
                   [SummedUnit("鼓楼区教育局", "1.gknb", "2021"), SummedUnit("鼓楼区财政局", "2.gknb", "2021")]),
    ]


def test_the_city_sum_keeps_its_nested_units_in_the_draft(city, tmp_path):
    result = sum_review(run_review(SummaryInputs([city])).review, agency="福州市")
    path = tmp_path / "市.gknb"
    save_draft(path, result.report)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema"] == 1
    assert raw["summary"]["units"][1] == {
        "agency": "鼓楼区", "file": "鼓楼区汇总.gknb", "format": "2021",
        "units": [{"agency": "鼓楼区教育局", "file": "1.gknb", "format": "2021"},
                  {"agency": "鼓楼区财政局", "file": "2.gknb", "format": "2021"}]}
    back = load_draft(path)
    assert back.summary == result.report.summary
    assert [u.leaf_count() for u in back.summary.units] == [2, 2]


def test_a_province_sums_the_city_sum_with_three_levels_nested(city, tmp_path):
    result = sum_review(run_review(SummaryInputs([city])).review, agency="福州市")
    result.report.texts = dict(CLEAN_TEXTS)
    province = tmp_path / "各市报送"
    province.mkdir()
    save_draft(province / "福州市.gknb", result.report)
    unit(province, "莆田市.gknb", "莆田市教育局", (5, "1"))
    review = run_review(SummaryInputs([province])).review
    assert [(r.unit, r.status) for r in review.rows] == [("福州市", "无误"), ("莆田市教育局", "无误")]
    top = sum_review(review, agency="某省").report
    assert top.cells[NATURAL_NEW] == 42 and top.cells[FEE] == Decimal("4.875")  # 37 + 5, 3.875 + 1
    fuzhou = top.summary.units[0]
    assert fuzhou.units[1].agency == "鼓楼区" and fuzhou.units[1].units[0].agency == "鼓楼区教育局"
    assert fuzhou.leaf_count() == 4


def test_a_district_sum_beside_one_of_its_units_is_left_out_naming_it(tmp_path):
    f = tmp_path / "报送"
    district_sum(f, "鼓楼区汇总.gknb", "鼓楼区", "鼓楼区教育局", "鼓楼区财政局")
    district_sum(f, "台江区汇总.gknb", "台江区", "台江区教育局", "台江区财政局")
    # The same 教育局 sent its report to the city too, under its longer name.
    unit(f, "教育局.gknb", "福州市鼓楼区教育局", UNITS["鼓楼区教育局"])
    review = run_review(SummaryInputs([f])).review
    rows = {r.file: r for r in review.rows}
    gulou = rows["鼓楼区汇总.gknb"]
    assert gulou.status == "已跳过" and not gulou.summable and not gulou.chosen
    assert gulou.notes == ["这是2024年度汇总报告（含 2 个单位），不计入：其中的“鼓楼区教育局”的报告也在所选文件中，"
                           "一起相加会重复计算；其中的“鼓楼区财政局”在所选文件中没有单独的报告，随这份汇总报告一起未计入。"]
    assert (rows["台江区汇总.gknb"].status, rows["台江区汇总.gknb"].kind) == ("无误", "汇总")
    assert (rows["教育局.gknb"].status, rows["教育局.gknb"].kind) == ("无误", "草稿")
    assert not review.all_clear()  # 鼓楼区财政局's numbers are in nothing that is added
    cells = sum_review(review).report.cells
    assert cells[NATURAL_NEW] == 33 and cells[FEE] == Decimal("3.375")  # 3 + 10 + 20; 1.25 + 2.125 + 0


def test_two_sums_sharing_units_are_both_left_out(city, tmp_path):
    whole = sum_review(run_review(SummaryInputs([city])).review, agency="福州市").report
    whole.texts = dict(CLEAN_TEXTS)
    f = tmp_path / "混合"
    f.mkdir()
    save_draft(f / "市汇总.gknb", whole)
    (f / "鼓楼区汇总.gknb").write_bytes((city / "鼓楼区汇总.gknb").read_bytes())
    review = run_review(SummaryInputs([f])).review
    assert [(r.file, r.status) for r in review.rows] == [("市汇总.gknb", "已跳过"), ("鼓楼区汇总.gknb", "已跳过")]
    rows = {r.file: r for r in review.rows}
    assert rows["市汇总.gknb"].notes == [
        "这是2024年度汇总报告（含 2 个单位），不计入：它与汇总报告“鼓楼区汇总.gknb”都含有“鼓楼区”，两份都不计入（请只选其中一份）；"
        "其中的“台江区教育局”、“台江区财政局”、“鼓楼区教育局”等 4 个单位在所选文件中没有单独的报告，随这份汇总报告一起未计入。"]
    assert rows["鼓楼区汇总.gknb"].notes == [
        "这是2024年度汇总报告（含 2 个单位），不计入：它与汇总报告“市汇总.gknb”都含有“鼓楼区教育局”、“鼓楼区财政局”等 2 个单位，"
        "两份都不计入（请只选其中一份）；其中的“鼓楼区教育局”、“鼓楼区财政局”等 2 个单位在所选文件中没有单独的报告，"
        "随这份汇总报告一起未计入。"]
    with pytest.raises(SummaryError):
        sum_review(review)  # nothing left to add
    # Chosen by name, the run is refused and names both.
    with pytest.raises(ReportError) as refused:
        run_review(SummaryInputs([f / "市汇总.gknb", f / "鼓楼区汇总.gknb"]))
    lines = str(refused.value).splitlines()
    assert lines[0].startswith("所选的“市汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总：它与汇总报告“鼓楼区汇总.gknb”都含有“鼓楼区”")
    assert lines[1].startswith("所选的“鼓楼区汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总：它与汇总报告“市汇总.gknb”")
    assert lines[2] == "请从所选文件中去掉重复的报告（或这份汇总报告）后重新审核。"


def test_a_sum_chosen_by_name_beside_other_units_is_counted(city, tmp_path):
    other = unit(tmp_path / "直属", "市教育局.gknb", "福州市教育局", (1, "0.125"))
    review = run_review(SummaryInputs([city / "鼓楼区汇总.gknb", other])).review
    assert sorted((r.unit, r.status, r.kind) for r in review.rows) == [("福州市教育局", "无误", "草稿"), ("鼓楼区", "无误", "汇总")]
    cells = sum_review(review).report.cells
    assert cells[NATURAL_NEW] == 8 and cells[FEE] == Decimal("1.875")  # 3 + 4 + 1; 1.25 + 0.5 + 0.125


def test_last_years_unit_report_beside_a_sum_is_no_overlap(city):
    unit(city, "去年.gknb", "鼓楼区教育局")
    last = load_draft(city / "去年.gknb")
    last.year = 2023
    save_draft(city / "去年.gknb", last)
    review = run_review(SummaryInputs([city])).review
    assert {r.file: r.status for r in review.rows} == {
        "台江区汇总.gknb": "无误", "鼓楼区汇总.gknb": "无误", "去年.gknb": "年份不符"}


def test_cli_city_sum_exit_codes_and_outputs(city, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(city, "-o", out / "市", "--review", out / "审核", "--agency", "福州市")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    i = lines.index("[无误] 鼓楼区 （鼓楼区汇总.gknb） 错误 0，提示 0")
    assert lines[i + 1] == "    汇总报告（含 2 个单位：鼓楼区教育局、鼓楼区财政局），作为一个单位计入。"
    assert "汇总了 2 个单位的报告（其中 2 份是汇总报告，共含 4 个单位）。" in lines
    assert load_draft(out / "市.gknb").cells[NATURAL_NEW] == 37
    sheet = load_workbook(out / "审核.xlsx")["审核情况"]
    rows = {r[1]: r for r in ([c.value for c in row] for row in sheet.iter_rows(min_row=4))}
    assert rows["鼓楼区"][9] == "汇总"
    assert rows["鼓楼区"][10] == "汇总报告（含 2 个单位：鼓楼区教育局、鼓楼区财政局），作为一个单位计入。"

    # A district's sum beside one of its units and without the other: the sum is left out, the
    # other unit is counted nowhere — made, but said (1).
    unit(city, "教育局.gknb", "鼓楼区教育局")
    proc = run_cli(city, "-o", out / "市2")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert any(line.startswith("[已跳过] 鼓楼区 （鼓楼区汇总.gknb） 2024年度，2021年版格式：这是2024年度汇总报告（含 2 个单位），"
                               "不计入：其中的“鼓楼区教育局”的报告也在所选文件中") for line in proc.stdout.splitlines())
    assert load_draft(out / "市2.gknb").cells[NATURAL_NEW] == 33  # 3 + 10 + 20

    # Chosen by name, overlapping: nothing usable (2), nothing written.
    proc = run_cli(city / "鼓楼区汇总.gknb", city / "教育局.gknb", "-o", out / "市3")
    assert proc.returncode == 2
    assert "所选的“鼓楼区汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总" in proc.stderr
    assert not (out / "市3.gknb").exists()


def _draft(summary: dict) -> bytes:
    r = full_report("2021", seed=1, year=2024)
    save = json.loads(json.dumps({"schema": 1, "app": "年报助手", "format": "2021", "year": 2024,
                                  "agency": r.agency, "cells": {}, "summary": summary}))
    return json.dumps(save, ensure_ascii=False).encode("utf-8")


def test_draft_nesting_reads_old_and_new_and_refuses_the_malformed():
    old = loads(_draft({"units": [{"agency": "甲", "file": "甲.gknb", "format": "2021"}], "not_summed": []}), "x.gknb")
    assert old.summary.units == [SummedUnit("甲", "甲.gknb", "2021")] and old.summary.units[0].units is None
    empty = loads(_draft({"units": [{"agency": "乙区", "units": []}]}), "x.gknb")
    assert empty.summary.units[0].units == [] and empty.summary.units[0].leaf_count() == 0
    deep: dict = {"agency": "底"}
    for level in range(9):
        deep = {"agency": f"第{level}层", "units": [deep]}
    with pytest.raises(ReportError):
        loads(_draft({"units": [deep]}), "x.gknb")
    with pytest.raises(ReportError):
        loads(_draft({"units": [{"agency": "甲", "units": "乙"}]}), "x.gknb")
    with pytest.raises(ReportError):
        loads(_draft({"units": [{"agency": "甲", "units": [{"agency": 3}]}]}), "x.gknb")


def test_window_shows_a_counted_sum_as_a_unit(qtbot, city):
    from PySide6.QtCore import Qt

    from gui.review_model import COL_CHOSEN, COL_KIND, COL_NOTE, COL_UNIT
    from gui.summary_window import SummaryWindow

    win = SummaryWindow()
    qtbot.addWidget(win)
    win.set_sources([city])
    with qtbot.waitSignal(win.worker.finished, timeout=60_000):
        win.start_button.click()
    shown = {win.proxy.index(i, COL_UNIT).data(): i for i in range(win.proxy.rowCount())}
    i = shown["鼓楼区"]
    assert win.proxy.index(i, COL_KIND).data() == "汇总"
    assert win.proxy.index(i, COL_NOTE).data() == "汇总报告（含 2 个单位：鼓楼区教育局、鼓楼区财政局），作为一个单位计入。"
    assert win.proxy.index(i, COL_CHOSEN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert win.chosen_label.text() == "已勾选 2 个单位计入汇总"


def test_a_sum_left_out_is_still_typed_as_a_sum(tmp_path):
    # QA: a district sum skipped beside one of its units showed 类型 “草稿” in the review table and
    # XLSX, as if it were a unit's own draft; the file is a 汇总 whether counted or not.
    f = tmp_path / "报送"
    district_sum(f, "鼓楼区汇总.gknb", "鼓楼区", "鼓楼区教育局", "鼓楼区财政局")
    unit(f, "教育局.gknb", "鼓楼区教育局", UNITS["鼓楼区教育局"])
    rows = {r.file: r for r in run_review(SummaryInputs([f])).review.rows}
    assert (rows["鼓楼区汇总.gknb"].status, rows["鼓楼区汇总.gknb"].kind) == ("已跳过", "汇总")
    assert rows["教育局.gknb"].kind == "草稿"


def test_window_says_the_sum_of_sums_holds_how_many_units(qtbot, city, monkeypatch):
    # QA: the CLI said “汇总了 2 个单位的报告（其中 2 份是汇总报告，共含 4 个单位）” while the window's
    # message said only “已把 2 个单位的报告汇总…”, as if the city had two units.
    from gui.summary_window import SummaryWindow
    from gui_helpers import record_dialogs

    log = record_dialogs(monkeypatch)
    win = SummaryWindow()
    qtbot.addWidget(win)
    win.set_sources([city])
    with qtbot.waitSignal(win.worker.finished, timeout=60_000):
        win.start_button.click()
    assert win.make_sum()
    assert log[-1].splitlines()[0] == "已把 2 个单位的报告（其中 2 份是汇总报告，共含 4 个单位）汇总为2024年度报告。"

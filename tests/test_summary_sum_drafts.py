"""A 汇总 beside units it lists: left out where it was found in a folder (adding a sum to the units
it was made of counts them twice), and said so naming those units — in the review table, the review
XLSX, the window and the command line; refused when it was chosen by name.  (A sum that overlaps
nothing is counted as one unit: tests/test_summary_of_sums.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factories import full_report
from model.draft_io import load_draft, save_draft
from model.errors import ReportError
from model.report import SummaryOf, SummedUnit
from model.summary_job import SummaryInputs, run_review
from summary_helpers import write_unit

ROOT = Path(__file__).resolve().parent.parent
# Written by hand: what the office reads beside the sum's row.
WHY = ("这是2024年度汇总报告（含 2 个单位），不计入：其中的“鼓楼区教育局”、“鼓楼区财政局”等 2 个单位的报告"
       "也在所选文件中，一起相加会重复计算。")
SUM_MARKER = 1000  # the sum's own 自然人 本年新收: were it added, the region's total would show it


def write_sum(folder: Path, file: str = "区汇总.gknb") -> Path:
    """A sum draft as 汇总 saves it: the region's agency, and the units it adds up under `summary`."""
    r = full_report("2021", seed=5, year=2024)
    r.agency = "鼓楼区人民政府"
    r.cells["t3.r1_new.natural"] = SUM_MARKER
    r.summary = SummaryOf([SummedUnit("鼓楼区教育局", "甲.gknb", "2021"), SummedUnit("鼓楼区财政局", "乙.gknb", "2021")])
    path = Path(folder) / file
    save_draft(path, r)
    return path


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "报送"
    write_unit(f, "甲.gknb", "鼓楼区教育局")
    write_unit(f, "乙.gknb", "鼓楼区财政局", seed=2)
    write_sum(f)
    return f


def units_only(folder):
    return [load_draft(folder / "甲.gknb"), load_draft(folder / "乙.gknb")]


def test_a_sum_in_the_folder_is_a_row_saying_it_was_left_out(folder, tmp_path):
    names = tmp_path / "名单.txt"
    names.write_text("鼓楼区教育局\n鼓楼区财政局\n鼓楼区人民政府\n", encoding="utf-8")
    review = run_review(SummaryInputs([folder], unit_list=names)).review
    by_file = {r.file: r for r in review.rows}
    row = by_file["区汇总.gknb"]
    assert row.status == "已跳过"
    assert row.unit == "鼓楼区人民政府" and row.kind == "汇总"  # the file is a sum, counted or not
    assert row.problem_text() == WHY and row.notes == [WHY]
    assert not row.summable and not row.chosen and row.listed == ""
    # What the file itself says is shown (year, format); what a review would say (findings) is not.
    assert (row.year, row.format_name) == (2024, "2021年版格式")
    assert row.report is None and row.findings == []
    assert review.skipped == []  # a row of the table, not hidden among the files not read
    # The sum does not stand for the 名单's 鼓楼区人民政府 (that unit has not reported).
    missing = [r for r in review.rows if r.status == "未报送"]
    assert [r.unit for r in missing] == ["鼓楼区人民政府"]
    assert review.count_text() == "共 3 个单位：无误 2，未报送 1；另有 1 份汇总报告已跳过，不计入"


def test_a_sum_left_out_does_not_spoil_an_all_clear_review(folder):
    review = run_review(SummaryInputs([folder])).review
    assert [r.status for r in review.rows] == ["无误", "无误", "已跳过"]
    assert review.count_text() == "共 2 个单位：无误 2；另有 1 份汇总报告已跳过，不计入"
    assert review.all_clear()


def test_a_sum_chosen_by_name_is_refused(folder):
    with pytest.raises(ReportError) as refused:
        run_review(SummaryInputs([folder / "甲.gknb", folder / "区汇总.gknb"]))
    assert str(refused.value) == ("所选的“区汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总："
                                  "其中的“鼓楼区教育局”的报告也在所选文件中，一起相加会重复计算；"
                                  "其中的“鼓楼区财政局”在所选文件中没有单独的报告，随这份汇总报告一起未计入。\n"
                                  "请从所选文件中去掉重复的报告（或这份汇总报告）后重新审核。")
    # The same file inside a chosen folder is only left out.
    assert run_review(SummaryInputs([folder])).review is not None


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "summarize", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_cli_names_the_sum_it_left_out_and_adds_only_the_units(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(folder, "-o", out / "区", "--review", out / "审核情况")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"[已跳过] 鼓楼区人民政府 （区汇总.gknb） 2024年度，2021年版格式：{WHY}" in proc.stdout.splitlines()
    assert "2024年度，共 2 个单位：无误 2；另有 1 份汇总报告已跳过，不计入。" in proc.stdout
    region = load_draft(out / "区.gknb")
    a, b = units_only(folder)
    assert region.cells["t3.r1_new.natural"] == a.cells["t3.r1_new.natural"] + b.cells["t3.r1_new.natural"]  # no 1000
    assert sorted(u.file for u in region.summary.units) == ["乙.gknb", "甲.gknb"]
    sheet = load_workbook(out / "审核情况.xlsx")["审核情况"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [r[1:] for r in rows if r[3] == "已跳过"] == [
        ["鼓楼区人民政府", None, "已跳过", None, None, 2024, "2021年版格式", "区汇总.gknb", "汇总", WHY]]
    assert sheet.cell(row=2, column=1).value.startswith("共 2 个单位：无误 2；另有 1 份汇总报告已跳过，不计入。")


def test_cli_refuses_a_sum_given_by_name_and_writes_nothing(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(folder / "甲.gknb", folder / "区汇总.gknb", "-o", out / "区")
    assert proc.returncode == 2
    assert "所选的“区汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总：其中的“鼓楼区教育局”的报告也在所选文件中" \
        in proc.stderr
    assert list(out.iterdir()) == []


def test_window_shows_the_sum_as_a_grey_row_and_refuses_it_chosen_by_name(qtbot, folder, monkeypatch):
    from gui.review_model import (COL_CHOSEN, COL_ERRORS, COL_FORMAT, COL_KIND, COL_NOTE, COL_STATUS,
                                  COL_WARNINGS, COL_YEAR, FILTERS, ROW_ROLE)
    from gui.summary_window import SummaryWindow
    from gui_helpers import record_dialogs
    from PySide6.QtCore import Qt

    log = record_dialogs(monkeypatch)
    win = SummaryWindow()
    qtbot.addWidget(win)
    win.set_sources([folder])
    with qtbot.waitSignal(win.worker.finished, timeout=60_000):
        win.start_button.click()
    assert win.counts.text() == "共 2 个单位：无误 2；另有 1 份汇总报告已跳过，不计入"
    assert win.skipped_button.isHidden()  # nothing else was left unread
    win.filter.setCurrentIndex([label for label, _ in FILTERS].index("已跳过"))
    assert win.proxy.rowCount() == 1
    index = win.proxy.index(0, COL_STATUS)
    assert index.data() == "已跳过"
    assert win.proxy.index(0, COL_NOTE).data() == WHY
    assert [win.proxy.index(0, c).data() for c in (COL_ERRORS, COL_WARNINGS, COL_YEAR, COL_FORMAT, COL_KIND)] == [
        "", "", "2024", "2021年版格式", "汇总"]
    assert win.proxy.index(0, COL_CHOSEN).data(Qt.ItemDataRole.CheckStateRole) is None  # cannot be ticked
    assert win.proxy.data(index, ROW_ROLE).file == "区汇总.gknb"
    assert win.chosen_label.text() == "已勾选 2 个单位计入汇总"

    win.set_sources([folder / "甲.gknb", folder / "区汇总.gknb"])
    with qtbot.waitSignal(win.worker.failed, timeout=60_000):
        win.start_button.click()
    assert log[-1].startswith("所选的“区汇总.gknb”是2024年度汇总报告（含 2 个单位），不能计入汇总：其中的“鼓楼区教育局”")
    assert win.status.text() == "审核未完成。"

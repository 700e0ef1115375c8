"""`main.py summarize`: exit 0/1/2, the sum and the review written, the folder never touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from model.draft_io import load_draft
from summary_helpers import snapshot, write_unit

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "summarize", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_all_clear_exits_0_and_writes_the_sum(tmp_path):
    folder, out = tmp_path / "报送", tmp_path / "out"
    out.mkdir()
    a = write_unit(folder, "甲.gknb", "鼓楼区教育局")
    b = write_unit(folder, "乙.gknb", "鼓楼区财政局", seed=2)
    before = snapshot(folder)
    proc = run(folder, "-o", out / "鼓楼区", "--review", out / "审核情况", "--agency", "鼓楼区人民政府")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert snapshot(folder) == before
    region = load_draft(out / "鼓楼区.gknb")
    ua, ub = load_draft(a), load_draft(b)
    assert region.agency == "鼓楼区人民政府" and region.year == 2024
    assert region.cells["t3.r1_new.natural"] == ua.cells["t3.r1_new.natural"] + ub.cells["t3.r1_new.natural"]
    assert sorted(u.agency for u in region.summary.units) == sorted(["鼓楼区教育局", "鼓楼区财政局"])
    wb = load_workbook(out / "审核情况.xlsx")
    assert wb.sheetnames == ["审核情况", "问题明细"]
    assert "汇总了 2 个单位" in proc.stdout


def test_errors_and_missing_units_exit_1_and_are_listed(tmp_path):
    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "鼓楼区教育局", t3__r1_new__natural=500)
    write_unit(folder, "乙.gknb", "鼓楼区财政局", seed=2)
    names = tmp_path / "名单.txt"
    names.write_text("鼓楼区教育局\n鼓楼区财政局\n鼓楼区民政局\n", encoding="utf-8")
    proc = run(folder, "-o", tmp_path / "r.gknb", "--units", names)
    assert proc.returncode == 1, proc.stderr
    assert "[有错误] 鼓楼区教育局" in proc.stdout and "[未报送] 鼓楼区民政局" in proc.stdout
    assert (tmp_path / "r.gknb").exists()  # the sum is made all the same


def test_nothing_usable_exits_2(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "说明.txt").write_text("x", encoding="utf-8")
    proc = run(folder, "-o", tmp_path / "r.gknb")
    assert proc.returncode == 2 and "没有可以汇总" in proc.stderr and "Traceback" not in proc.stderr
    assert "共 0 个单位" in proc.stdout and "年度，" not in proc.stdout  # no year to name
    assert not (tmp_path / "r.gknb").exists()
    assert run(tmp_path / "没有这个文件夹", "-o", tmp_path / "r.gknb").returncode == 2
    bad_list = tmp_path / "名单.xls"
    bad_list.write_bytes(b"\xd0\xcf")
    write_unit(folder, "甲.gknb", "甲局")
    proc = run(folder, "--units", bad_list)
    assert proc.returncode == 2 and "另存为" in proc.stderr


def test_outputs_never_go_into_the_folder_read_nor_over_a_file(tmp_path):
    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "甲局")
    before = snapshot(folder)
    proc = run(folder, "-o", folder / "汇总.gknb")
    assert proc.returncode == 2 and "汇总从不改动报送文件" in proc.stderr
    proc = run(folder, "--review", folder / "sub" / "审核.xlsx")
    assert proc.returncode == 2
    assert snapshot(folder) == before
    existing = tmp_path / "已有.gknb"
    existing.write_text("别人的文件", encoding="utf-8")
    proc = run(folder, "-o", existing)
    assert proc.returncode == 2 and "已存在" in proc.stderr
    assert existing.read_text(encoding="utf-8") == "别人的文件"
    assert run(folder, "-o", tmp_path / "nofolder" / "r.gknb").returncode == 2
    # --force never means "over the 名单 or last year's report this run reads"
    names = tmp_path / "名单.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["单位名称"])
    wb.active.append(["甲局"])
    wb.save(names)
    listed = names.read_bytes()
    proc = run(folder, "--units", names, "--review", names, "--force")
    assert proc.returncode == 2 and "名单.xlsx" in proc.stderr and names.read_bytes() == listed
    last = write_unit(tmp_path, "上年汇总.gknb", "某区", year=2023)
    kept = last.read_bytes()
    proc = run(folder, "--last", last, "-o", last, "--force")
    assert proc.returncode == 2 and "就是要读取的" in proc.stderr and last.read_bytes() == kept


def test_last_year_region_report_fills_last_year(tmp_path):
    folder = tmp_path / "2024"
    write_unit(folder, "甲.gknb", "甲局")
    last = write_unit(tmp_path, "2023汇总.gknb", "某区", year=2023, t3__r4_carried_out__natural=6)
    proc = run(folder, "-o", tmp_path / "r.gknb", "--last", last, "--year", "2024")
    assert proc.returncode in (0, 1), proc.stderr
    region = load_draft(tmp_path / "r.gknb")
    assert region.last_year.year == 2023 and region.last_year.cells["t3.r4_carried_out.natural"] == 6
    assert region.last_year.source == "2023汇总.gknb"
    assert run(folder, "-o", tmp_path / "r2.gknb", "--last", tmp_path / "none.gknb").returncode == 2


def test_last_years_folder_checks_each_units_carry_over(tmp_path):
    this, last = tmp_path / "2024", tmp_path / "2023"
    write_unit(last, "甲.gknb", "鼓楼区教育局", year=2023, t3__r4_carried_out__natural=4)
    write_unit(this, "甲.gknb", "鼓楼区教育局", t3__r2_carried_in__natural=1)
    proc = run(this, "-o", tmp_path / "r.gknb", "--last", last)
    assert proc.returncode == 1
    assert "[有错误] 鼓楼区教育局" in proc.stdout and "结转下年度为 4" in proc.stdout
    region = load_draft(tmp_path / "r.gknb")
    assert region.last_year.cells["t3.r4_carried_out.natural"] == 4 and region.last_year.source == "2023"


def test_a_unit_left_out_of_the_sum_is_said_with_the_reason(tmp_path):
    folder = tmp_path / "报送"
    write_unit(folder, "教育局.gknb", "鼓楼区教育局")
    write_unit(folder, "公司.gknb", "某某有限公司", seed=2)  # sent by mistake: not in the 名单
    write_unit(folder, "街道.gknb", "东街街道", seed=3)  # fits two 名单 names equally
    names = tmp_path / "名单.txt"
    names.write_text("鼓楼区教育局\n鼓楼区东街街道\n台江区东街街道\n", encoding="utf-8")
    proc = run(folder, "-o", tmp_path / "r.gknb", "--units", names)
    lines = proc.stdout.splitlines()
    company = next(i for i, line in enumerate(lines) if "某某有限公司" in line)
    assert "不在名单中，未计入汇总" in lines[company] + lines[company + 1]
    street = next(i for i, line in enumerate(lines) if "（街道.gknb）" in line)
    assert "都相近" in lines[street] + lines[street + 1]
    assert "汇总了 1 个单位的报告" in proc.stdout


def test_a_units_number_hints_are_printed_under_it(tmp_path):
    """A 万元 amount typed in 元 (125300 for 12.53) is a 提示, not an error: it goes into the sum as
    filed, so the console shows it under its unit, not only its count."""
    from decimal import Decimal

    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "鼓楼区教育局", t2_8__admin_fees__fee_amount=Decimal("125300"))
    write_unit(folder, "乙.gknb", "鼓楼区财政局", seed=2)
    proc = run(folder)
    lines = proc.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "鼓楼区教育局" in line)
    assert lines[at + 1].startswith("    提示：本年收费金额的单位是万元，该数值像是按元填写的：125300 万元即 1253000000 元。")

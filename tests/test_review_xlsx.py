"""「审核情况表.xlsx」: one row per unit, every finding of every unit, junk listed, text literal."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from export.review_xlsx import write_review_xlsx
from model.review_table import build_review
from model.unit_list import UnitList
from model.unit_reading import read_unit, scan_sources
from summary_helpers import write_unit


def test_review_workbook_lists_every_unit_and_finding(tmp_path):
    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "鼓楼区教育局")
    write_unit(folder, "乙.gknb", "=SUM(A1)局", seed=2, t3__r1_new__natural=77)  # text, never a formula
    (folder / "坏.gknb").write_text("{", encoding="utf-8")
    (folder / "说明.txt").write_text("x", encoding="utf-8")
    scan = scan_sources([folder])
    reads = [read_unit(str(p), scan.names[p]) for p in scan.files]
    review = build_review(reads, scan.skipped, UnitList(["鼓楼区教育局", "=SUM(A1)局", "坏", "鼓楼区民政局"],
                                                        source="名单.txt"))
    out = tmp_path / "审核情况表.xlsx"
    write_review_xlsx(review, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["审核情况", "问题明细", "未读取的文件"]
    ws = wb["审核情况"]
    assert ws["A1"].value == "2024年度政府信息公开工作年度报告审核情况表"
    assert "共 4 个单位" in ws["A2"].value and "名单：名单.txt" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[:6] == ["序号", "单位", "名单中的名称", "状态", "错误", "提示"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {"鼓楼区教育局", "=SUM(A1)局", "坏", "鼓楼区民政局"}
    assert rows["鼓楼区教育局"][3] == "无误" and rows["鼓楼区教育局"][4] == 0
    bad = rows["=SUM(A1)局"]
    assert bad[3] == "有错误" and bad[4] >= 1 and "表三" in bad[10]
    assert ws.cell(row=4 + [r[1] for r in ws.iter_rows(min_row=4, values_only=True)].index("=SUM(A1)局"),
                   column=2).data_type == "s"
    assert rows["坏"][3] == "无法读取" and rows["鼓楼区民政局"][3] == "未报送"
    detail = list(wb["问题明细"].iter_rows(min_row=2, values_only=True))
    mine = [d for d in detail if d[1] == "=SUM(A1)局"]
    unit_errors = [f for r in review.rows if r.unit == "=SUM(A1)局" for f in r.findings]
    assert len([d for d in mine if d[3] in ("错误", "提示")]) == len(unit_errors)
    assert any(d[3] == "错误" and d[4] == "三、收到和处理政府信息公开申请情况" for d in mine)
    assert any(d[1] == "鼓楼区民政局" and d[3] == "未报送" for d in detail)
    assert [tuple(r) for r in wb["未读取的文件"].iter_rows(min_row=2, values_only=True)] == \
        [("说明.txt", "不是年度报告文件（.txt），未读取。")]
    assert datetime.now().strftime("%Y-%m-%d") in ws["A2"].value

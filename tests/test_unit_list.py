"""Reading the 名单 from .xlsx, .csv (UTF-8 or GBK) and .txt as offices keep it."""

from __future__ import annotations

import os

import pytest
from openpyxl import Workbook

from model.unit_list import UnitListError, names_from_rows, read_unit_list


def test_xlsx_with_title_row_and_numbered_name_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["鼓楼区2024年度政府信息公开工作年度报告报送单位名单"])
    ws.append(["序号", "单位名称", "联系人"])
    ws.append([1, "鼓楼区教育局", "张三"])
    ws.append([2, "鼓楼区东街街道办事处", "李四"])
    ws.append([None, None, None])
    ws.append([3, " 鼓楼区财政局 ", "王五"])
    ws.append(["合计", "3个", None])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    result = read_unit_list(path)
    assert result.names == ["鼓楼区教育局", "鼓楼区东街街道办事处", "鼓楼区财政局"]
    assert result.source == "名单.xlsx"


def test_xlsx_without_header_takes_the_column_of_names(tmp_path):
    wb = Workbook()
    ws = wb.active
    for n, name in enumerate(["教育局", "财政局", "民政局"], start=1):
        ws.append([n, name])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    assert read_unit_list(path).names == ["教育局", "财政局", "民政局"]


def test_csv_saved_by_excel_in_gbk(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("序号,单位\r\n1,鼓楼区教育局\r\n2,鼓楼区民政局\r\n".encode("gbk"))
    assert read_unit_list(path).names == ["鼓楼区教育局", "鼓楼区民政局"]


def test_csv_in_utf8_with_bom(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("\ufeff单位名称\n洪山镇人民政府\n".encode("utf-8"))
    assert read_unit_list(path).names == ["洪山镇人民政府"]


def test_text_with_headings_numbering_duplicates_and_lists(tmp_path):
    path = tmp_path / "名单.txt"
    path.write_text("一、区直部门\n1. 鼓楼区教育局\n2、鼓楼区财政局\n\n（3）鼓楼区民政局\n"
                    "二、街道：\n东街街道、南街街道\n鼓楼区教育局\n# 备注行\n", encoding="utf-8")
    result = read_unit_list(path)
    assert result.names == ["鼓楼区教育局", "鼓楼区财政局", "鼓楼区民政局", "东街街道", "南街街道"]
    assert any("重复" in n and "鼓楼区教育局" in n for n in result.notes)


def test_unreadable_lists_say_why(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnitListError, match="空文件"):
        read_unit_list(empty)
    old = tmp_path / "名单.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnitListError, match="另存为"):
        read_unit_list(old)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnitListError, match="不是有效的 .xlsx"):
        read_unit_list(broken)
    numbers = tmp_path / "数字.txt"
    numbers.write_text("1\n2\n3\n", encoding="utf-8")
    with pytest.raises(UnitListError, match="没有找到单位名称"):
        read_unit_list(numbers)
    with pytest.raises(UnitListError, match="找不到"):
        read_unit_list(tmp_path / "没有.txt")


def test_a_link_is_not_followed(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("鼓楼区教育局\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    os.symlink(real, link)
    with pytest.raises(UnitListError, match="链接"):
        read_unit_list(link)


def test_names_from_rows_prefers_the_named_column():
    rows = [["编号", "备注", "报送单位"], ["A1", "按时", "东街街道"], ["A2", "", "南街街道"]]
    assert names_from_rows(rows).names == ["东街街道", "南街街道"]

"""The pieces of the mapping, each against what real reports print: labels, values, headings,
titles, dates, and the kinds of file refused with a message."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from model.errors import ImportFailed, ReportError
from model.formats import load_format
from model.importing import FILE_FILTER, IMPORTABLE_SUFFIXES, import_report
from model.importing.cellvalues import read_value
from model.importing.labels import row_key
from model.importing.sniff import detect_kind
from model.importing.tables import format_index
from model.importing.texts import heading_match, parse_date, parse_title

F21 = load_format("2021")
F19 = load_format("2019")
COUNT = F21.cells["t3.r1_new.natural"].column
FEE = F21.cells["t2_8.admin_fees.fee_amount"].column
DELTA = F19.cells["t2_5.licensing.delta"].column
AMOUNT = F19.cells["t2_9.central_procurement.amount"].column


def test_import_failed_is_a_report_error():
    assert issubclass(ImportFailed, ReportError)


@pytest.mark.parametrize("printed, column, value", [
    ("12", COUNT, 12), ("１２", COUNT, 12), ("1,234", COUNT, 1234), ("1，234", COUNT, 1234),
    ("12件", COUNT, 12), (" 7 ", COUNT, 7), ("1 203", COUNT, 1203), ("0", COUNT, 0),
    (3.0, COUNT, 3), (5, COUNT, 5),
    ("-3", DELTA, -3), ("+2", DELTA, 2), ("－1", DELTA, -1),
    ("18651.06", FEE, Decimal("18651.06")), ("96171.6万元", FEE, Decimal("96171.6")),
    ("75394432.52元", FEE, Decimal("7539.443252")), ("1,000元", FEE, Decimal("0.1")),
])
def test_values_as_printed(printed, column, value):
    read = read_value(printed, column)
    assert (read.value, read.problem) == (value, "")
    assert type(read.value) is type(value)


@pytest.mark.parametrize("printed", ["", " ", "/", "／", "—", "——", "-", "－", "无", "\u00a0"])
def test_marks_for_nothing_stay_blank(printed):
    read = read_value(printed, COUNT)
    assert read.value is None and read.problem == ""


@pytest.mark.parametrize("printed, says", [
    ("3.5", "整数"), ("12a", "不是数字"), ("约10", "不是数字"), ("10%", "不是数字"), ("一", "不是数字"),
    ("12 3", "不是数字"),  # two numbers run together (a PDF cell without its rule), not 123
    ("5万元", "金额"), ("1.1234567", "小数位"),
])
def test_unreadable_values_are_blank_with_a_reason(printed, says):
    column = FEE if printed == "1.1234567" else COUNT
    read = read_value(printed, column)
    assert read.value is None and says in read.problem


def test_a_negative_count_is_kept_and_doubted():
    read = read_value("-2", COUNT)
    assert read.value == -2 and "负数" in read.problem


def test_units_of_the_2019_procurement_amount():
    assert (read_value("251000元", AMOUNT).value, read_value("251000元", AMOUNT).unit) == (Decimal(251000), "元")
    assert read_value("25.1万元", AMOUNT).unit == "万元"
    no_unit = read_value("251000", AMOUNT)
    assert no_unit.value == Decimal(251000) and "单位" in no_unit.problem
    assert read_value("251000", AMOUNT, unit_hint="元").problem == ""


@pytest.mark.parametrize("printed, row_id", [
    ("一、本年新收政府信息公开申请数量", "r1_new"),
    ("本年新收政府信息公开申请数量", "r1_new"),
    ("(一)予以公开", "r3_1_open"),
    ("1、属于国家秘密", "r3_3_1_state_secret"),
    ("3.危及三安全一稳定", "r3_3_3_three_security"),
    ("3．危及\"三安全一稳定\"", "r3_3_3_three_security"),
    ("（二）部分公开", "r3_2_partial"),
    ("本机关不掌握相关的政府信息", "r3_4_1_not_held"),  # a word added
    ("（七）总计", "r3_7_total"),
    ("四、结转下年度继续办理", "r4_carried_out"),
    ("行政规范性文件", "normative_docs"),
])
def test_row_labels_as_printed(printed, row_id):
    m = format_index("2021").find_row(printed)
    assert m is not None and m.target[1].id == row_id


@pytest.mark.parametrize("printed", ["合计", "其他主动公开文件", "小计", "自然人"])
def test_labels_that_are_no_row_of_the_format(printed):
    assert format_index("2021").find_row(printed) is None


def test_similar_labels_are_not_confused():
    idx = format_index("2021")
    assert idx.find_row("行政处罚").target[1].id == "penalty"
    assert idx.find_row("行政强制").target[1].id == "coercion"
    # 2019's 「规范性文件」 is not 2021's row in the 2019 format, and vice versa.
    assert format_index("2019").find_row("规范性文件").target[1].id == "normative_docs"


def test_column_labels_with_typos_and_units():
    idx = format_index("2021")
    for label in ("行政法复议", "本年收费金额（万元）", "本年收费金额（单位：元）", "商业\n企业", "法律服\n务机构"):
        assert idx.is_column_label(label), label
    assert not idx.is_column_label("（七）总计")  # numbered: a row
    assert not idx.is_column_label("12")


@pytest.mark.parametrize("text, sid, rest", [
    ("一、总体情况", "s1", ""), ("第一部分 总体情况", "s1", ""), ("（一）总体情况", "s1", ""),
    ("1.总体情况", "s1", ""), ("总体情况", "s1", ""), ("一、 总 体 情 况", "s1", ""),
    ("四、政府信息公开行政复议和行政诉讼情况", "s4", ""),
    ("五、政府信息公开工作存在的主要问题及改进情况", "s5", ""),
    ("六、其他需要报告的事项。本年度未收取信息处理费。", "s6", "本年度未收取信息处理费。"),
    ("一、总体情况：2024年，我单位……", "s1", "2024年，我单位……"),
])
def test_section_headings_in_their_variants(text, sid, rest):
    assert heading_match(text, sid) == (True, rest)


@pytest.mark.parametrize("text, sid", [
    ("（一）主动公开方面。有序推进基层政务公开。", "s2"),  # a sub-heading of 一
    ("二、主动公开政府信息情况", "s3"),
    ("本报告共分6个部分：总体情况、主动公开政府信息情况……", "s1"),
    ("五是加强培训。", "s5"),
])
def test_lines_that_are_not_the_heading(text, sid):
    assert heading_match(text, sid)[0] is False


def test_titles_dates():
    assert parse_title("平潭综合实验区2024年度政府信息公开工作年度报告") == ("平潭综合实验区", 2024)
    assert parse_title("测试县人民政府办公室2024年政府信息公开工作年度报告") == ("测试县人民政府办公室", 2024)
    assert parse_title("关于印发某某局二〇二三年政府信息公开工作年度报告") == ("某某局", 2023)
    assert parse_title("2023年度政府信息公开工作年度报告") == ("", 2023)
    assert parse_title("政府信息公开工作年度报告格式模板") is None
    assert parse_date("2025年1月20日") == "2025-01-20"
    assert parse_date("二〇二五年一月二十日") == "2025-01-20"
    assert parse_date("2025年2月30日") == ""


def test_offered_suffixes_and_the_dialog_filter():
    import re

    assert {".docx", ".html", ".htm", ".pdf", ".xlsx", ".gknb"} <= IMPORTABLE_SUFFIXES
    filters = FILE_FILTER.split(";;")
    # Qt reads the patterns of a filter only from ASCII parentheses at its end.
    patterns = [re.fullmatch(r"[^()]+ \(([*. a-z0-9]+)\)", f).group(1).split() for f in filters]
    for pattern in ("*.docx", "*.html", "*.pdf", "*.xlsx", "*.gknb", "*.doc", "*.wps", "*.et"):
        assert pattern in patterns[0]  # the old kinds are offered, to be told what to do with them
    assert patterns[-1] == ["*"]


@pytest.mark.parametrize("name, head, says", [
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为"),
    ("a.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "WPS 文字"),
    ("a.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "WPS 表格"),
    ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xlsx"),
    ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为"),  # a .doc renamed
    ("a.pdf", b"<html>", "不是有效的 PDF"),
    ("a.jpg", b"\xff\xd8\xff", "图片"),
    ("a.zzz", b"abc", "不支持"),
])
def test_kinds_refused_with_what_to_do(name, head, says):
    with pytest.raises(ImportFailed, match=says):
        detect_kind(Path(name), head)


def test_kind_follows_the_content_not_the_name():
    assert detect_kind(Path("a.doc.html"), b"<!DOCTYPE html><html>") == "html"
    assert detect_kind(Path("a.docx"), b"<html><head>") == "html"  # WPS saves pages as .doc(x)
    assert detect_kind(Path("a.htm"), b"PK\x03\x04") == "zip"


def test_missing_empty_and_folder_sources(tmp_path):
    with pytest.raises(ImportFailed, match="找不到"):
        import_report(tmp_path / "none.docx")
    (tmp_path / "empty.docx").write_bytes(b"")
    with pytest.raises(ImportFailed, match="空文件"):
        import_report(tmp_path / "empty.docx")
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(ImportFailed, match="文件夹"):
        import_report(tmp_path / "dir.html")


def test_row_keys_drop_numbering_but_keep_the_words():
    assert row_key("三、本年度办理结果") == "本年度办理结果"
    assert row_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").startswith("部分公开(")
    assert row_key("2024年度") == "2024年度"


# -- columns placed by the official order are marked ------------------------------------------------
def _doc_with(table_rows):
    from model.importing.source import SourceDoc
    from tests.import_sources import place
    from model.importing.source import SCell, SourceTable

    doc = SourceDoc("docx", "t.docx")
    doc.add_para("测试局2024年政府信息公开工作年度报告")
    doc.add_para("一、总体情况")
    cells, n_rows, n_cols = place(table_rows)
    doc.add_table(SourceTable([SCell(t, r, c, rs, cs) for t, r, c, rs, cs in cells], n_rows, n_cols))
    return doc


def test_a_table_without_its_header_is_read_in_order_and_marked():
    from model.importing.assemble import assemble
    from model.importing.limits import Budget

    rows = [[("一、本年新收政府信息公开申请数量", 1, 1), *[(v, 1, 1) for v in "5 1 0 0 0 0 6".split()]],
            [("四、结转下年度继续办理", 1, 1), *[(v, 1, 1) for v in "0 0 0 0 0 0 0".split()]]]
    result = assemble(_doc_with(rows), Budget())
    cells = result.report.cells
    assert (cells["t3.r1_new.natural"], cells["t3.r1_new.commercial"], cells["t3.r1_new.total"]) == (5, 1, 6)
    marked = {d.key for d in result.doubtful if "没有表头" in d.reason}
    # Non-zero values are marked; zeros are zeros in any column.
    assert marked == {"t3.r1_new.natural", "t3.r1_new.commercial", "t3.r1_new.total"}


def test_an_unreadable_header_cell_is_filled_by_order_only_when_the_rest_agrees():
    from model.importing.assemble import assemble
    from model.importing.limits import Budget

    leaf = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    header = [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
              [*[(x, 2, 1) for x in ["###", *leaf[1:]]], ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
              [(x, 1, 1) for x in leaf * 2]]
    values = [[(v, 1, 1) for v in "3 0 0 0 3 0 0 0 0 0 1 0 0 0 1".split()]]
    result = assemble(_doc_with(header + values), Budget())
    assert result.report.cells["t4.cases.rv_upheld"] == 3
    doubts = {d.key: d.reason for d in result.doubtful if d.key.startswith("t4")}
    assert set(doubts) == {"t4.cases.rv_upheld"} and "无法识别" in doubts["t4.cases.rv_upheld"]
    # Columns swapped in the header: the order cannot be trusted, so nothing is placed by it.
    swapped = [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
               [*[(x, 2, 1) for x in ["###", "结果纠正", "尚未审结", "其他结果", "总计"]],
                ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
               [(x, 1, 1) for x in leaf * 2]]
    result = assemble(_doc_with(swapped + values), Budget())
    cells = result.report.cells
    assert "t4.cases.rv_upheld" not in cells  # its header unreadable and the order disagrees
    assert (cells["t4.cases.rv_other"], cells["t4.cases.rv_pending"]) == (0, 0)
    assert any(d.key == "t4.cases.rv_upheld" and d.kind == "unread" for d in result.doubtful)

"""model/paste.py: clipboard text and HTML into grid values, all-or-nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.formats import load_format
from model.grid import layout_section
from model.paste import parse_html_table, parse_tsv, plan_fill, plan_paste, read_block, trim_block

FMT21 = load_format("2021")
FMT19 = load_format("2019")
T3 = layout_section(FMT21, "s3")
T2_19 = layout_section(FMT19, "s2")
T2_21 = layout_section(FMT21, "s2")
T4 = layout_section(FMT21, "s4")


def at(grid, cell_id):
    return grid.positions[cell_id]


# -- reading the clipboard --------------------------------------------------------------------
def test_tsv_with_the_trailing_newline_excel_adds():
    assert read_block("1\t2\t3\r\n4\t5\t6\r\n") == [["1", "2", "3"], ["4", "5", "6"]]


def test_trailing_empty_columns_and_rows_and_spaces_are_dropped():
    assert read_block(" 1 \t2\t\t\n3\t 4\t\t\n\n\n") == [["1", "2"], ["3", "4"]]
    assert trim_block([["", ""], [""]]) == []


def test_ragged_rows_are_padded():
    assert read_block("1\n2\t3\n") == [["1", ""], ["2", "3"]]


def test_excel_quoted_cell_with_a_line_break_stays_one_cell():
    assert trim_block(parse_tsv('"a\nb"\t2\n')) == [["a\nb", "2"]]


def test_html_table_from_excel_with_nbsp_and_classes():
    html = ("<html><head><style>td{mso-number-format:General}</style></head><body>"
            "<!--StartFragment--><table border=0><col width=72>"
            "<tr height=19><td class=xl65 height=19>1&nbsp;234</td><td class=xl65>５</td></tr>"
            "<tr><td>　7 </td><td>8</td></tr></table><!--EndFragment--></body></html>")
    assert read_block("1 234\t５\n　7 \t8", html) == [["1 234", "５"], ["7", "8"]]


def test_html_merged_cells_expand_to_blanks_as_in_the_spreadsheet():
    html = ("<table><tr><td colspan=2>a</td><td rowspan=2>b</td></tr>"
            "<tr><td>c</td><td>d</td></tr></table>")
    assert parse_html_table(html) == [["a", "", "b"], ["c", "d", ""]]


def test_only_the_first_table_and_not_nested_ones():
    html = ("<table><tr><td>1<table><tr><td>x</td></tr></table></td><td>2</td></tr></table>"
            "<table><tr><td>9</td></tr></table>")
    assert parse_html_table(html) == [["1x", "2"]]


def test_web_page_html_with_th_and_br():
    html = "<div><table><thead><tr><th>3</th><th>4<br>件</th></tr></thead></table></div>"
    assert read_block(None, html) == [["3", "4 件"]]


def test_html_without_a_table_falls_back_to_text():
    assert read_block("5\t6", "<p>5 6</p>") == [["5", "6"]]


# -- laying a block onto a grid ---------------------------------------------------------------
def test_block_lands_from_the_anchor_with_full_width_digits_separators_and_units():
    block = read_block("１２\t1,234\t 7件 \n0\t\t3\n")
    plan = plan_paste(FMT21, T3, block, at(T3, "t3.r1_new.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {
        "t3.r1_new.natural": 12, "t3.r1_new.commercial": 1234, "t3.r1_new.research": 7,
        "t3.r2_carried_in.natural": 0, "t3.r2_carried_in.commercial": None,
        "t3.r2_carried_in.research": 3}


def test_block_steps_over_wide_merged_cells_one_for_one():
    # 2019 表二: each value cell spans two grid columns; three copied values fill one row.
    plan = plan_paste(FMT19, T2_19, [["1", "2", "3"]], at(T2_19, "t2_1.regulations.new_made"), {})
    assert plan.ok
    assert plan.values == {"t2_1.regulations.new_made": 1, "t2_1.regulations.new_published": 2,
                           "t2_1.regulations.published_total": 3}


def test_decimal_amount_in_wan_yuan():
    plan = plan_paste(FMT21, T2_21, [["12.5万元"]], at(T2_21, "t2_8.admin_fees.fee_amount"), {})
    assert plan.ok and plan.values == {"t2_8.admin_fees.fee_amount": Decimal("12.5")}


def test_units_typed_with_the_procurement_amount_are_kept():
    cid = "t2_9.central_procurement.amount"
    plan = plan_paste(FMT19, T2_19, [["3", "251,000元"]],
                      at(T2_19, "t2_9.central_procurement.items"), {})
    assert plan.ok
    assert plan.values[cid] == 251000 and plan.units == {cid: "元"}


@pytest.mark.parametrize("bad, why", [
    ("-3", "负数"), ("2.5", "整数"), ("abc", "不是数字"), ("12元", "件数"), ("-", "填 0"),
    ("1e5", "不是数字"), ("１２.３.４", "不是数字"),
])
def test_bad_values_are_rejected_naming_the_first_bad_cell(bad, why):
    block = [["1", "2"], ["3", bad]]
    plan = plan_paste(FMT21, T3, block, at(T3, "t3.r1_new.natural"), {})
    assert not plan.ok and plan.values == {} and plan.units == {}
    assert "第 2 行第 2 列" in plan.message and "商业企业" in plan.message
    assert why in plan.message and "未粘贴" in plan.message


def test_only_the_first_bad_cell_is_named():
    plan = plan_paste(FMT21, T4, [["x", "y"]], at(T4, "t4.cases.rv_upheld"), {})
    assert "第 1 行第 1 列" in plan.message and "第 1 行第 2 列" not in plan.message


def test_a_block_running_past_the_table_is_refused():
    plan = plan_paste(FMT21, T4, [["1", "2", "3", "4"]], at(T4, "t4.cases.la_other"), {})
    assert not plan.ok and plan.values == {} and "超出表格范围" in plan.message
    plan = plan_paste(FMT21, T4, [["1"], ["2"]], at(T4, "t4.cases.rv_upheld"), {})
    assert not plan.ok and "超出表格范围" in plan.message


def test_a_block_over_label_cells_is_refused():
    plan = plan_paste(FMT21, T2_21, [["1"], ["2"]], at(T2_21, "t2_1.normative_docs.made"), {})
    assert not plan.ok and plan.values == {} and "第二十条第（五）项" in plan.message


def test_anchor_must_be_a_value_cell():
    assert not plan_paste(FMT21, T3, [["1"]], (0, 0), {}).ok


def test_empty_clipboard_is_refused():
    plan = plan_paste(FMT21, T3, read_block("\n\t\n"), at(T3, "t3.r1_new.natural"), {})
    assert not plan.ok and "没有可粘贴" in plan.message


def test_totals_in_the_block_are_not_stored_and_a_difference_is_told():
    row = ["1", "2", "0", "0", "0", "0"]
    ok = plan_paste(FMT21, T3, [row + ["3"]], at(T3, "t3.r1_new.natural"), {})
    assert ok.ok and "t3.r1_new.total" not in ok.values and ok.message == ""
    assert ok.ignored_totals == ("t3.r1_new.total",)
    off = plan_paste(FMT21, T3, [row + ["4"]], at(T3, "t3.r1_new.natural"), {})
    assert off.ok and "t3.r1_new.total" not in off.values
    assert "粘贴为 4" in off.message and "按各项相加为 3" in off.message


def test_total_difference_counts_cells_already_entered():
    entered = {"t4.cases.rv_upheld": 5}
    plan = plan_paste(FMT21, T4, [["1", "0", "0", "6"]], at(T4, "t4.cases.rv_corrected"), entered)
    assert plan.ok and plan.message == ""
    plan = plan_paste(FMT21, T4, [["1", "0", "0", "1"]], at(T4, "t4.cases.rv_corrected"), entered)
    assert "按各项相加为 6" in plan.message


def test_fill_puts_one_value_into_every_input_cell():
    cells = ["t4.cases.rv_upheld", "t4.cases.rv_corrected", "t4.cases.rv_total"]
    plan = plan_fill(FMT21, cells, "０", {})
    assert plan.ok and plan.values == {"t4.cases.rv_upheld": 0, "t4.cases.rv_corrected": 0}
    assert plan.ignored_totals == ("t4.cases.rv_total",)
    bad = plan_fill(FMT21, cells, "x", {})
    assert not bad.ok and bad.values == {}


# -- property: never raises, never partial ----------------------------------------------------
GRIDS = [(FMT21, T3), (FMT21, T4), (FMT21, T2_21), (FMT19, T2_19)]
cell_text = st.one_of(
    st.sampled_from(["", "0", "12", "１２", "1,234", "7件", "3.5", "-1", "abc", "万元", "  9 "]),
    st.text(max_size=6))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=st.text(max_size=80), grid_no=st.integers(0, 3), pick=st.integers(0, 500))
def test_random_text_never_raises_and_never_half_plans(text, grid_no, pick):
    fmt, grid = GRIDS[grid_no]
    anchors = [(c.row, c.col) for c in grid.value_cells()]
    block = read_block(text, text)
    plan = plan_paste(fmt, grid, block, anchors[pick % len(anchors)], {})
    _whole_or_nothing(fmt, block, plan)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=8), min_size=1, max_size=6),
       pick=st.integers(0, 500))
def test_random_blocks_are_placed_whole_or_not_at_all(rows, pick):
    anchors = [(c.row, c.col) for c in T3.value_cells()]
    block = trim_block(rows)
    plan = plan_paste(FMT21, T3, block, anchors[pick % len(anchors)], {})
    _whole_or_nothing(FMT21, block, plan)


def _whole_or_nothing(fmt, block, plan):
    if not plan.ok:
        assert plan.values == {} and plan.units == {} and plan.message
        return
    n_cells = len(block) * max(len(r) for r in block)
    assert len(plan.values) + len(plan.ignored_totals) == n_cells
    assert all(cid in fmt.input_ids for cid in plan.values)


# -- a row copied together with its label (Excel, WPS, our own XLSX) ---------------------------
def test_a_row_copied_with_its_label_pastes_its_numbers():
    block = read_block("（一）予以公开\t3\t0\t1\t0\t0\t0\t4\n")
    plan = plan_paste(FMT21, T3, block, at(T3, "t3.r3_1_open.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t3.r3_1_open.natural": 3, "t3.r3_1_open.commercial": 0,
                           "t3.r3_1_open.research": 1, "t3.r3_1_open.public_welfare": 0,
                           "t3.r3_1_open.legal_service": 0, "t3.r3_1_open.other_org": 0}
    assert "项目名称" in plan.message and plan.ignored_totals == ("t3.r3_1_open.total",)


def test_a_total_pasted_over_blank_items_says_they_are_blank():
    plan = plan_paste(FMT21, T3, read_block("9\n"), at(T3, "t3.r1_new.total"), {})
    assert plan.ok and plan.values == {} and plan.ignored_totals == ("t3.r1_new.total",)
    assert "粘贴为 9，而各项均未填写" in plan.message and "相加为 。" not in plan.message


def test_several_label_columns_with_merged_blanks_are_skipped_too():
    # As Excel copies 表三's rows 「（三）不予公开」 1 and 2: the merged group labels only on top.
    text = ("三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\n"
            "\t\t2.其他法律行政法规禁止公开\t0\t2\t0\t0\t0\t0\n")
    plan = plan_paste(FMT21, T3, read_block(text), at(T3, "t3.r3_3_1_state_secret.natural"), {})
    assert plan.ok, plan.message
    assert plan.values["t3.r3_3_1_state_secret.natural"] == 1
    assert plan.values["t3.r3_3_2_law_prohibited.commercial"] == 2
    assert len(plan.values) == 12


def test_a_label_without_its_numbering_or_with_spaces_still_matches():
    plan = plan_paste(FMT21, T3, read_block("予以 公开\t5\n"), at(T3, "t3.r3_1_open.natural"), {})
    assert plan.ok and plan.values == {"t3.r3_1_open.natural": 5}


def test_a_label_of_another_row_is_not_taken_for_this_rows_label():
    plan = plan_paste(FMT21, T3, read_block("（二）部分公开\t5\n"), at(T3, "t3.r3_1_open.natural"), {})
    assert not plan.ok and "不是数字" in plan.message
    assert plan.values == {}


def test_table_two_rows_keep_their_label_too():
    plan = plan_paste(FMT21, T2_21, read_block("规章\t2\t1\t30\n"), at(T2_21, "t2_1.regulations.made"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t2_1.regulations.made": 2, "t2_1.regulations.repealed": 1,
                           "t2_1.regulations.in_force": 30}


# -- header rows copied with the numbers (our XLSX, another unit's sheet) -----------------------
def test_table_two_block_with_its_header_row_and_labels():
    text = ("信息内容\t本年制发件数\t本年废止件数\t现行有效件数\r\n"
            "规章\t0\t0\t3\r\n行政规范性文件\t2\t1\t15\r\n")
    plan = plan_paste(FMT21, T2_21, read_block(text), at(T2_21, "t2_1.regulations.made"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t2_1.regulations.made": 0, "t2_1.regulations.repealed": 0,
                           "t2_1.regulations.in_force": 3, "t2_1.normative_docs.made": 2,
                           "t2_1.normative_docs.repealed": 1, "t2_1.normative_docs.in_force": 15}
    assert plan.message == "已跳过表头 1 行和各行的项目名称，只粘贴了数字。"


def test_table_two_caption_and_header_with_full_width_and_spaces():
    # The caption row as Excel copies a merged cell; 「( 一 )」 half-width with spaces, a header
    # with a full-width space inside: the same text once widths and spaces are evened out.
    text = ("第二十条第(一)项\t\t\t\n信息内容\t本年 制发件数\t本年废止件数\t现行有效件数\n"
            "规章\t4\t5\t6\n")
    plan = plan_paste(FMT21, T2_21, read_block(text), at(T2_21, "t2_1.regulations.made"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t2_1.regulations.made": 4, "t2_1.regulations.repealed": 5,
                           "t2_1.regulations.in_force": 6}
    assert "已跳过表头 2 行" in plan.message


def test_table_three_block_with_both_header_rows():
    text = ("自然人\t法人或其他组织\t\t\t\t\t总计\n"
            "\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
            "18\t3\t0\t0\t1\t0\t22\n")
    plan = plan_paste(FMT21, T3, read_block(text), at(T3, "t3.r1_new.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t3.r1_new.natural": 18, "t3.r1_new.commercial": 3,
                           "t3.r1_new.research": 0, "t3.r1_new.public_welfare": 0,
                           "t3.r1_new.legal_service": 1, "t3.r1_new.other_org": 0}
    assert plan.ignored_totals == ("t3.r1_new.total",)
    assert plan.message == "已跳过表头 2 行，只粘贴了数字。"


def test_table_three_as_our_xlsx_has_it_note_headers_and_three_label_columns():
    text = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t\n"
            "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
            "一、本年新收政府信息公开申请数量\t\t\t7\t1\t0\t0\t0\t2\t10\n")
    plan = plan_paste(FMT21, T3, read_block(text), at(T3, "t3.r1_new.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t3.r1_new.natural": 7, "t3.r1_new.commercial": 1,
                           "t3.r1_new.research": 0, "t3.r1_new.public_welfare": 0,
                           "t3.r1_new.legal_service": 0, "t3.r1_new.other_org": 2}
    assert plan.message == "已跳过表头 3 行和各行的项目名称，只粘贴了数字。"


def test_a_row_label_with_two_merged_blanks_lands_in_the_first_value_column():
    plan = plan_paste(FMT21, T3, read_block("一、本年新收政府信息公开申请数量\t\t\t5\t6\n"),
                      at(T3, "t3.r1_new.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t3.r1_new.natural": 5, "t3.r1_new.commercial": 6}


def test_the_header_says_which_columns_and_the_block_goes_there():
    text = "科研机构\t社会公益组织\n4\t5\n"
    plan = plan_paste(FMT21, T3, read_block(text), at(T3, "t3.r1_new.natural"), {})
    assert plan.ok, plan.message
    assert plan.values == {"t3.r1_new.research": 4, "t3.r1_new.public_welfare": 5}
    assert plan.message.endswith("按粘贴内容的表头，从「科研机构」列起粘贴。")


def test_a_repeated_header_keeps_the_cursor_or_asks_for_it():
    # 表四's 「结果维持 … 总计」 is under 行政复议, and twice under 行政诉讼.
    text = "结果维持\t结果纠正\n1\t2\n"
    plan = plan_paste(FMT21, T4, read_block(text), at(T4, "t4.cases.la_upheld"), {})
    assert plan.ok and plan.values == {"t4.cases.la_upheld": 1, "t4.cases.la_corrected": 2}
    plan = plan_paste(FMT21, T4, read_block(text), at(T4, "t4.cases.rv_other"), {})
    assert not plan.ok and plan.values == {} and "不止一处" in plan.message


def test_headers_in_another_order_are_refused_not_reordered():
    text = "本年废止件数\t本年制发件数\t现行有效件数\n1\t2\t3\n"
    plan = plan_paste(FMT21, T2_21, read_block(text), at(T2_21, "t2_1.regulations.made"), {})
    assert not plan.ok and plan.values == {}
    assert "“本年废止件数”与本表的列对不上" in plan.message


def test_a_header_looking_row_that_does_not_match_is_refused():
    text = "信息内容\t本年制发件数\t本年新增件数\t现行有效件数\n规章\t1\t2\t3\n"
    plan = plan_paste(FMT21, T2_21, read_block(text), at(T2_21, "t2_1.regulations.made"), {})
    assert not plan.ok and plan.values == {}
    assert plan.message.startswith("粘贴的第 1 行像是表头，但第 3 列“本年新增件数”不是本表的表头")


def test_another_blocks_header_is_not_this_blocks_header():
    # 表二 (五)'s header pasted over (一)'s rows: each block has its own headers.
    text = "本年处理决定数量\n3\n"
    plan = plan_paste(FMT21, T2_21, read_block(text), at(T2_21, "t2_1.regulations.made"), {})
    assert not plan.ok and plan.values == {} and "不是数字" in plan.message


def test_only_a_header_is_refused():
    plan = plan_paste(FMT21, T2_21, read_block("本年制发件数\t本年废止件数\n"),
                      at(T2_21, "t2_1.regulations.made"), {})
    assert not plan.ok and "只有表头" in plan.message


def test_a_total_row_with_its_numbers_blank_is_not_taken_for_a_header():
    # 「（七）总计」 is a row label of 表三 and 「总计」 one of its headers.
    grid_row = [c for c in T3.cells if c.kind == "label" and c.text.endswith("总计")]
    assert grid_row, "表三 has a 总计 row"
    plan = plan_paste(FMT21, T3, read_block(f"{grid_row[0].text}\t\t\n5\t6\t7\n"),
                      at(T3, "t3.r1_new.natural"), {})
    assert not plan.ok and "不是数字" in plan.message and "像是表头" not in plan.message

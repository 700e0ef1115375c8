"""Reading numbers out of narrative text: what counts as a stated quantity, and what never does."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.text_numbers import (clause_bounds, mentions, paragraphs, parse_chinese, parse_year,
                                sentence_bounds, shorten)


@pytest.mark.parametrize("text,value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("一百一十", 110),
    ("两千", 2000), ("三万四千", 34000), ("一千零一", 1001), ("三十四万五千六百七十八", 345678),
    ("〇", 0), ("零", 0),
])
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["三四", "三四十", "一一", ""])
def test_chinese_ranges_are_not_numbers(text):
    assert parse_chinese(text) is None  # 三四件 means three or four


@pytest.mark.parametrize("text,year", [("2024", 2024), ("２０２４", 2024), ("二〇二四", 2024), ("二零二五", 2025)])
def test_years(text, year):
    assert parse_year(text) == year


def _read(text):
    return [(text[m.start:m.end], m.value, m.unit, m.approx) for m in mentions(text)]


def test_counts_in_every_notation():
    text = "收到申请218件，其中十二件、２１件；共1.2万件，收取1,260元。"
    assert _read(text) == [("218件", 218, "件", False), ("十二件", 12, "件", False),
                           ("２１件", 21, "件", False), ("1.2万件", 12000, "件", False),
                           ("1,260元", 1260, "元", False)]


def test_money_is_read_in_yuan_whatever_the_written_unit():
    found = mentions("收费18651.06万元，合1.87亿元，另收三万元和500元。")
    assert [(m.value, m.unit, m.scale, m.decimals) for m in found] == [
        (Decimal("186510600"), "元", 10000, 2), (Decimal("187000000"), "元", 100000000, 2),
        (30000, "元", 1, 0), (500, "元", 1, 0)]


@pytest.mark.parametrize("text", [
    "本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
    "依据《条例》（国务院令第711号）和国办公开办函〔2021〕30号编制。",
    "按照《条例》第二十条第（一）项的规定公开。",
    "答复率达到100%，百分之三十的申请涉及规划。",
    "网站标识码3590000001，电话0591-22345678，某县人民路12号。",
    "推进高效办成一件事，一起努力，一次办好。",
    "属于ISO9001件的认证。",
    "各1件。每件都有记录。",
])
def test_what_is_not_a_stated_count(text):
    assert _read(text) == []


@pytest.mark.parametrize("text", ["共收到申请200余件。", "办理1000多件。", "约300件。", "近百件。",
                                  "超过50件。", "数百件。", "收到30件左右。"])
def test_approximations_are_marked(text):
    (m,) = mentions(text)
    assert m.approx


def test_a_space_before_the_unit_and_after_an_ordinal():
    assert _read("收到申请 41 件，国务院令第 711 号，第 二十 条。") == [("41 件", 41, "件", False)]


def test_exact_counts_after_words_ending_like_approximations():
    (m,) = mentions("申请总数41件。")  # 总数 ends in 数 but 41 is exact
    assert m.value == 41 and not m.approx


def test_clauses_and_sentences():
    p = "全年收到申请46件，上年结转2件。已办结45件（含上年2件）。"
    i = p.index("2件")
    assert p[slice(*clause_bounds(p, i))] == "上年结转2件"
    assert p[slice(*sentence_bounds(p, i))] == "全年收到申请46件，上年结转2件。"
    j = p.index("含")
    assert p[slice(*clause_bounds(p, j))] == "含上年2件"


def test_paragraph_offsets_count_the_line_breaks():
    text = "第一段\n\n第三段文字"
    assert paragraphs(text) == ((0, "第一段"), (4, ""), (5, "第三段文字"))


def test_shorten_keeps_start_and_end():
    assert shorten("短句") == "短句"
    s = "甲" * 30 + "乙" * 30
    out = shorten(s, 20)
    assert out == "甲" * 9 + "……" + "乙" * 9

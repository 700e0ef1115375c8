"""model/text_structure.py: how narrative text splits into paragraphs and headings, and how the
signing date is written — shared by the PDF, Word and HTML exports."""

from __future__ import annotations

import pytest

from model.text_structure import Block, blocks, chinese_date, leading_number, signing_date_text


def test_a_section_text_in_blocks():
    text = ("　　本年度，我单位……。\r\n\n（一）主动公开\n（二）加强领导。成立小组。\n"
            "1.完善制度\n1.修订办法。明确责任。\n\u200b\n末段。")
    assert blocks(text) == [
        Block("本年度，我单位……。"),
        Block("（一）主动公开", level=2),
        Block("（二）加强领导。成立小组。", lead="（二）加强领导。", lead_level=2),
        Block("1.完善制度", level=3),
        Block("1.修订办法。明确责任。", lead="1.修订办法。", lead_level=3),  # a run-in 「1.」 heading
        Block("末段。"),
    ]
    assert blocks(text)[2].body == "成立小组。"


@pytest.mark.parametrize("text, number", [("三、本年度办理结果", "三、"), ("（三）不予公开", "（三）"),
                                          ("1.属于国家秘密", "1."), ("规章", "")])
def test_leading_number(text, number):
    assert leading_number(text) == number


def test_signing_date():
    assert chinese_date("2025-01-20") == "2025年1月20日"
    assert signing_date_text("2025-12-05") == "2025年12月5日"
    assert signing_date_text("2025年初") == "2025年初"  # not a date: kept as typed, never dropped

"""规范标点: the slips a reviewer marks, put right in one step; numbers, lists and addresses left alone."""

from __future__ import annotations

import pytest

from model.punctuation import issues, normalize, normalize_texts


@pytest.mark.parametrize("before,after", [
    ("政府信息,主动公开;依申请公开:", "政府信息，主动公开；依申请公开："),
    ("收到申请41,办结41件.", "收到申请41，办结41件。"),
    ("是否公开?请核实!", "是否公开？请核实！"),
    ("依据(条例)规定", "依据（条例）规定"),
    ("(一)主动公开", "（一）主动公开"),
    ("政府 信息　公开", "政府信息公开"),  # a space and an ideographic space between hanzi
    ("现将 2021 年报告公布", "现将2021年报告公布"),  # pasted from a PDF
    ('坚持"先审查、后公开"原则', "坚持“先审查、后公开”原则"),
    ("开展「平潭大家谈」和“三审三校”", "开展“平潭大家谈”和“三审三校”"),  # mixed styles
])
def test_slips_are_put_right(before, after):
    assert normalize(before) == after


@pytest.mark.parametrize("text", [
    "共计1,200件，金额51.06万元。",
    "1.属于国家秘密",
    "网址：http://www.example.gov.cn:8080/index.html，电话：0591-22345678。",
    "使用 Chrome 浏览器访问。",  # Latin words keep their spaces
    "　　本年度，我局认真落实。",  # the indentation at the start of a line
    "他说\"好",  # one straight quote: an inch mark or a typo, not a pair to guess at
    "全年公开信息XX条……",
    "“平潭大家谈”系列访谈",
])
def test_what_is_left_alone(text):
    assert normalize(text) == text and issues(text) == []


def test_offsets_run_over_the_whole_text():
    text = "第一段。\n政府信息,公开"
    (i,) = issues(text)
    assert (i.start, i.end, i.kind, i.replacement) == (9, 10, "mark", "，")  # 第一段。 + \n = 5, 政府信息 5–8


def test_normalize_texts_returns_only_what_changes():
    texts = {"s1": "政府信息,公开", "s5": "已规范。", "s6": ""}
    assert normalize_texts(texts) == {"s1": "政府信息，公开"}
    assert normalize_texts({"s1": "政府信息，公开"}) == {}

"""Unit names written differently still meet: 全称/简称, region prefixes, spaces, brackets, widths."""

from __future__ import annotations

import pytest

from model.unit_names import (CANONICAL, EXACT, REGION_SUFFIX, WITHOUT_BRACKETS, assign, score, tidy,
                              unit_in_file_name)


@pytest.mark.parametrize("a, b", [
    ("鼓楼区东街街道办事处", "东街街道"),  # the district's name in front, 办事处 behind
    ("福州市鼓楼区东街街道办事处", "东街街道办事处"),
    ("鼓楼区人民政府办公室", "区政府办"),  # the district's own list says 区…
    ("鼓楼区发展和改革局", "发改局"),
    ("鼓楼区人力资源和社会保障局", "鼓楼区人社局"),
    ("鼓楼区卫生健康局（区疾病预防控制中心）", "鼓楼区卫健局"),
    ("洪山镇人民政府", "洪山镇"),
    ("平潭综合实验区教育局", "教育局"),  # 实验区 ends in 区
    ("长乐县教育局", "县教育局"),
])
def test_full_and_short_names_meet(a, b):
    assert score(a, b) > 0 and score(b, a) > 0


@pytest.mark.parametrize("a, b, expected", [
    ("东街 街道", "东街街道", EXACT),  # a space typed in the middle
    ("东街\u3000街道", "东街街道", EXACT),  # a full-width space
    ("鼓楼区财政局(区国资办)", "鼓楼区财政局（区国资办）", EXACT),  # half- and full-width brackets
    ("鼓楼区人民政府办公室", "鼓楼区政府办", CANONICAL),
    ("鼓楼区人民政府", "鼓楼区", CANONICAL),  # a city's 名单 names its districts so
    ("福州市人民政府", "福州市政府", CANONICAL),
    ("鼓楼区财政局（区国资办）", "鼓楼区财政局", WITHOUT_BRACKETS),
    ("鼓楼区东街街道办事处", "东街街道", REGION_SUFFIX),
])
def test_how_sure_a_match_is(a, b, expected):
    assert score(a, b) == expected


@pytest.mark.parametrize("a, b", [
    ("城东街道", "东街道"),  # 城 is not a region: a different 街道
    ("鼓楼区人民政府办公室", "鼓楼区"),  # the district government's office is not the district
    ("鼓楼区财政局", "鼓楼区税务局"),
    ("和平街道", "平街道"),  # 和 is never dropped on its own
    ("鼓楼区教育局", "局"),  # too short to mean anything
    ("", "鼓楼区教育局"),
    ("鼓楼区东街街道", "台江区东街街道"),  # same 街道 name, different districts
])
def test_different_units_do_not_meet(a, b):
    assert score(a, b) == 0


def test_tidy_evens_out_widths_and_punctuation():
    assert tidy(" ＡＢ区·教育局 ") == "AB区教育局"


def test_assign_prefers_the_best_fit_and_refuses_ties():
    names = ["鼓楼区东街街道", "台江区东街街道", "鼓楼区教育局", "区政府办"]
    pairing = assign(names, [
        ["东街街道"],  # fits both 东街街道 equally: refused, not guessed
        ["鼓楼区东街街道办事处"],  # exact after 办事处: the 鼓楼 one
        ["鼓楼区人民政府办公室"],
        ["", "鼓楼区教育局"],  # no agency written: the file name's spelling is used
        ["某某公司"],
    ])
    assert pairing.ambiguous == {0: [0, 1]}
    assert pairing.matched == {1: 0, 2: 3, 3: 2}
    assert 4 not in pairing.matched and 4 not in pairing.ambiguous


@pytest.mark.parametrize("stem, unit", [
    ("33-江口区南山街道办事处2024年政府信息公开工作年度报告", "江口区南山街道办事处"),
    ("03-江口区教育局年报（修改稿）", "江口区教育局"),
    ("2024年江口区财政局政府信息公开工作年度报告", "江口区财政局"),
    ("江口区审计局2024年度信息公开年报-终稿", "江口区审计局"),
    ("（12）江口区水利局 2024 年度报告", "江口区水利局"),
    ("鼓楼区审计局", "鼓楼区审计局"),  # a file named after its unit only
    ("坏了", "坏了"),
    ("2024年政府信息公开工作年度报告", ""),  # says nothing about the unit
    ("江口区政务公开办公室2024年年报", "江口区政务公开办公室"),  # 政务公开 can be part of a name
])
def test_the_unit_a_file_name_names(stem, unit):
    assert unit_in_file_name(stem) == unit


def test_a_file_named_with_number_year_and_title_meets_its_short_name():
    pairing = assign(["南山街道", "北关街道"], [[unit_in_file_name("34-江口区北关街道办事处2024年政府信息公开工作年度报告")]])
    assert pairing.matched == {0: 1}

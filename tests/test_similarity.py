"""Repetition of last year's text: runs of 13 characters, punctuation and spaces left out."""

from __future__ import annotations

from model.report import LastYear, Report
from model.similarity import percent, section_similarities, similarity

OLD = "我单位坚持以人民为中心深化政务公开工作"  # 19 characters
NEW = "本年度围绕优化营商环境重点领域发布权威信息"  # 21 characters, none shared in a run of 13


def test_identical_text_is_all_repeated():
    s = similarity(OLD, OLD)
    assert s.ratio == 1 and s.counted == 19 and s.spans == ((0, 19),)


def test_share_of_repeated_characters_by_hand():
    text = OLD + "\n" + NEW
    s = similarity(text, OLD)
    assert s.counted == 40 and abs(s.ratio - 19 / 40) < 1e-9
    assert s.spans == ((0, 19),)


def test_punctuation_spaces_and_changed_numbers_do_not_hide_a_copy():
    last = "全年主动公开政府信息10407条，发布解读96篇。"
    now = "全年主动公开政府信息 11230 条、发布解读 102 篇！"
    # Both read 全年主动公开政府信息00000条发布解读00篇 vs …000篇: the first 24 counted
    # characters agree, the run ends where 96 and 102 differ in length.
    s = similarity(now, last)
    assert s.spans and now[s.spans[0][0]:s.spans[0][1]].startswith("全年主动公开政府信息")
    assert s.ratio > 0.5


def test_a_run_shorter_than_thirteen_is_not_a_copy():
    assert similarity("深化政务公开工作坚持", OLD).ratio == 0  # 10 characters in common at most


def test_percent_never_rounds_up_to_a_full_copy():
    assert percent(0.625) == "63%" and percent(0.996) == "99%" and percent(1.0) == "100%"
    assert percent(0.5) == "50%"


def test_section_similarities_only_where_last_years_text_is_known():
    r = Report.new(2025)
    r.texts = {"s1": OLD, "s5": NEW}
    assert section_similarities(r) == {}
    r.last_year = LastYear(2024, {}, texts={"s1": OLD, "s6": "无。"})
    sims = section_similarities(r)
    assert set(sims) == {"s1", "s6"} and sims["s1"].ratio == 1 and sims["s6"].ratio == 0

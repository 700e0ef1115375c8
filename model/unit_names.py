"""Unit names as people write them: 全称 and 简称, with or without the region, spaces, brackets.

A 名单 says 「XX街道」 where the report's title says 「XX区XX街道办事处」; one 局 writes its name with
a bracketed second name, another with full-width spaces.  Two names are the same unit when

1. they are equal once widths, spaces and punctuation are evened out (score 4), or
2. they are equal after the usual abbreviations (街道办事处 → 街道, 人民政府办公室 → 政府办,
   人力资源和社会保障 → 人社 …) (score 3), or the same without the bracketed parts (score 2), or
3. one ends with the other and what is left in front is a region (「XX区」「XX省XX市」), or the
   shorter one begins with the level itself (「区教育局」 in the district's own list) (score 1).

`assign` pairs names with candidates by the best score and refuses ties rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

EXACT, CANONICAL, WITHOUT_BRACKETS, REGION_SUFFIX = 4, 3, 2, 1

# Spaces (incl. full-width), zero-width marks, and punctuation people put into names freely.
_NOISE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff·•・.,，、;；:：'\"“”‘’`´\-‐‑–—―_~～/\\|]+")
_OPEN = "([{<（【〔［｛〈《「『"
_CLOSE = ")]}>）】〕］｝〉》」』"
_BRACKETED = re.compile(f"[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}]*[{re.escape(_CLOSE)}]")
_BRACKET_CHARS = re.compile(f"[{re.escape(_OPEN + _CLOSE)}]")

# 全称 → 简称 (applied longest first).  Both names are shortened the same way before comparing, so the
# table only needs the parts that people shorten, not every unit's name.
ABBREVIATIONS = (
    ("街道办事处", "街道"),
    ("街道办", "街道"),
    ("人民政府办公室", "政府办"),
    ("人民政府办公厅", "政府办"),
    ("政府办公室", "政府办"),
    ("人民政府", "政府"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("市场监督管理", "市场监管"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("工业和信息化", "工信"),
    ("文化广电和旅游", "文广旅"),
    ("文化广电旅游", "文广旅"),
    ("文化和旅游", "文旅"),
    ("退役军人事务", "退役军人"),
    ("卫生健康", "卫健"),
    ("医疗保障", "医保"),
    ("应急管理", "应急"),
    ("交通运输", "交通"),
    ("城市管理", "城管"),
    ("科学技术", "科技"),
    ("委员会", "委"),
)
# A 镇 or 乡 names itself with or without 人民政府: 「XX镇人民政府」 is 「XX镇」; so does a region in
# the list of the level above (a city's 名单 says 「鼓楼区」 for 鼓楼区人民政府 or the district's 汇总).
_TOWN_GOVERNMENT = re.compile(r"(?<=[镇乡省市区县旗州盟])政府$")
# What a region's name ends with: 省, 市, 区 (自治区, 新区), 县 (自治县), 旗, 州 (自治州), 盟.
REGION_ENDS = "省市区县旗州盟"
# The levels a unit of a region's own list may start with: 「区教育局」 is 本区教育局.
LEVEL_STARTS = "省市区县旗州"
MIN_SUFFIX = 3  # 「街道」 or 「财政」 alone says nothing


def tidy(name: str) -> str:
    """Widths evened out (NFKC: full-width letters, digits and brackets), no spaces or
    punctuation.  Brackets stay, so the bracketed part can still be told apart."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name or ""))


@lru_cache(maxsize=4096)
def keys(name: str) -> tuple[str, str, str]:
    """(tidy, canonical with the bracketed text, canonical without it)."""
    t = tidy(name)
    return t, _abbreviate(_BRACKET_CHARS.sub("", t)), _abbreviate(_BRACKET_CHARS.sub("", _BRACKETED.sub("", t)))


_LONGEST_FIRST = sorted(ABBREVIATIONS, key=lambda pair: -len(pair[0]))


def _abbreviate(text: str) -> str:
    for full, short in _LONGEST_FIRST:
        text = text.replace(full, short)
    return _TOWN_GOVERNMENT.sub("", text)


def score(a: str, b: str) -> int:
    """How surely two names mean the same unit: EXACT … REGION_SUFFIX, or 0."""
    ka, kb = keys(a), keys(b)
    if not ka[0] or not kb[0]:
        return 0
    if ka[0] == kb[0]:
        return EXACT
    if ka[1] == kb[1]:
        return CANONICAL
    if ka[2] and ka[2] == kb[2]:
        return WITHOUT_BRACKETS
    if _region_suffix(ka[2], kb[2]) or _region_suffix(ka[1], kb[1]):
        return REGION_SUFFIX
    return 0


def _region_suffix(a: str, b: str) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_SUFFIX or len(short) == len(long_) or not long_.endswith(short):
        return False
    before = long_[: len(long_) - len(short)]
    return before[-1] in REGION_ENDS or short[0] in LEVEL_STARTS


@dataclass(frozen=True)
class Pairing:
    """For each candidate (by index): the name it was paired with, or None, and why not."""

    matched: dict[int, int]  # candidate index → name index
    ambiguous: dict[int, list[int]]  # candidate index → the name indices it fits equally well
    scores: dict[int, int]  # candidate index → score of its pairing


def assign(names: list[str], candidates: list[list[str]]) -> Pairing:
    """Pair each candidate with one of `names`.

    A candidate may offer several spellings of itself (the agency in the report, then its file
    name): the first spelling that fits any name is used.  A candidate fitting two names equally
    well is not paired (listed as ambiguous): a 名单 with 「甲区XX街道」 and 「乙区XX街道」 cannot say
    which one a report titled 「XX街道」 is.  Several candidates may pair with one name (that is
    how duplicates show).
    """
    matched: dict[int, int] = {}
    ambiguous: dict[int, list[int]] = {}
    scores: dict[int, int] = {}
    for ci, spellings in enumerate(candidates):
        for spelling in spellings:
            if not tidy(spelling):
                continue
            best, at = 0, []
            for ni, name in enumerate(names):
                s = score(spelling, name)
                if s > best:
                    best, at = s, [ni]
                elif s == best and s:
                    at.append(ni)
            if len(at) == 1:
                matched[ci], scores[ci] = at[0], best
                break
            if len(at) > 1:
                ambiguous[ci] = at
                break
    return Pairing(matched, ambiguous, scores)


# What units put around their name in a file name: a running number in front, then the year and
# the report's title (「33-XX街道办事处2024年政府信息公开工作年度报告」, 「XX局年报（修改稿）」).
_FILE_NUMBER = re.compile(r"^[\s\d.．_\-、，,（()）]+")
_FILE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_FILE_TITLE = re.compile(r"政府信息公开|信息公开|年报|报告")  # not 政务公开: 「XX区政务公开办」 is a unit


def unit_in_file_name(stem: str) -> str:
    """The unit a file's name (without extension) names, or "" when it names none: the running
    number, the year and everything from the report's title on are dropped.  The review uses it
    to match a file it could not read (it has no agency) to the 名单."""
    t = _FILE_YEAR.sub("", stem or "")
    title = _FILE_TITLE.search(t)
    if title:
        t = t[:title.start()]
    return _FILE_NUMBER.sub("", t).strip(" -_—·.")


def same_unit_key(name: str) -> str:
    """A key under which two reports of one unit meet (for finding duplicates without a 名单)."""
    return keys(name)[2]

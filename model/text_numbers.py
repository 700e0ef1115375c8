"""Numbers stated in narrative text: their value, unit, and the clause and sentence around them.

A report's prose is full of numbers that count nothing the tables hold — dates (2024年1月1日),
document numbers (〔2024〕12号, 国务院令第711号), ordinals (第二十条), percentages, ranges and
approximations (200余件, 近百件, 三四件) — so a number counts here only when a unit of counting
or of money follows it, and it is none of those.  Arabic, full-width (２１８件) and Chinese
numerals (十二件, 一百零五件, 1.2万件) are all read.

Everything works on one paragraph at a time (a paragraph is a line of the text): sentences never
span paragraphs, and the checks cache their work per paragraph, so typing in one paragraph of a
long section re-reads only that paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from bisect import bisect_left
from functools import lru_cache

# Units a stated quantity can carry, longest first so that 万元 wins over 元.
COUNT_UNITS = ("人次", "件", "宗", "起", "个", "项", "条", "篇", "份", "部", "期", "次", "家")
MONEY_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
_UNIT_RE = "|".join(sorted(list(COUNT_UNITS) + list(MONEY_UNITS), key=len, reverse=True))

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

_ARABIC = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
NUMBER_RE = re.compile(
    rf"(?P<num>{_ARABIC}(?P<mult>[万亿](?!元))?|{_CHINESE})[ \u3000]?(?P<about>[余多])?(?P<unit>{_UNIT_RE})")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

# Words right before a number that make it approximate or not a count of its own.
_APPROX_BEFORE = ("约", "近", "超过", "逾", "不到", "不足", "将近", "大约", "上千")
_VAGUE_BEFORE = ("数", "几", "若干")  # 数百件, 几十件: only before a Chinese numeral (总数41件 is exact)
_APPROX_AFTER = ("左右", "以上", "以下", "以内", "上下", "余")
# 一件事 (高效办成一件事), 一起 (together), 一次办 (一次办好), 一个窗口, 一项, 一条龙: idioms.
_IDIOMS = ("一件事", "一起", "一次", "一个", "一项", "一条", "一部", "一期", "一份", "一家")

SENTENCE_END = "。！？；!?;\n"
CLAUSE_SEP = SENTENCE_END + "，,、：:（）()“”\"《》"


@dataclass(frozen=True)
class Mention:
    """A number with a unit, as stated: `value` in the base unit (件, 元 …), offsets in the paragraph."""

    value: Decimal
    unit: str  # the base unit: a COUNT_UNITS entry, or 元 for money
    start: int
    end: int
    decimals: int  # decimal places as written, in the unit as written (for rounding comparisons)
    scale: Decimal  # the written unit in base units (万元 → 10000, 件 → 1)
    approx: bool = False


def parse_chinese(s: str) -> int | None:
    """十二 → 12, 二十 → 20, 一百零五 → 105, 三万四千 → 34000, 两千 → 2000; 三四 (3 or 4) → None."""
    if not s:
        return None
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in s):
        return _CN_DIGIT[s] if len(s) == 1 else None  # 三四件 means three or four
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGIT:
            if digit is not None and _CN_DIGIT[ch] != 0:
                return None  # two digits in a row (三四十): a range, not a number
            digit = _CN_DIGIT[ch] if _CN_DIGIT[ch] else None
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            if section == 0:
                return None
            total += section * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_year(s: str) -> int | None:
    """2024, ２０２４ or 二〇二四 → 2024."""
    s = s.translate(_FULLWIDTH)
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 4 and all(ch in _CN_DIGIT for ch in s):
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    return None


YEAR_RE = r"[0-9０-９]{4}|[〇零一二三四五六七八九]{4}"


def _arabic(text: str) -> tuple[Decimal, int] | None:
    t = text.translate(_FULLWIDTH).replace(",", "")
    try:
        v = Decimal(t)
    except InvalidOperation:
        return None
    decimals = len(t.split(".")[1]) if "." in t else 0
    return v, decimals


@lru_cache(maxsize=8192)
def mentions(paragraph: str) -> tuple[Mention, ...]:
    """Every counted or money number of a paragraph, in order (ordinals, dates, percentages out)."""
    out = []
    for m in NUMBER_RE.finditer(paragraph):
        num, unit = m.group("num"), m.group("unit")
        start, end = m.start(), m.end()
        before = paragraph[max(0, start - 4):start].rstrip(" \u3000")  # 第 3 号 as 第3号
        if before.endswith(("第", "百分之", "每", "各")):
            continue  # 第二十条, 百分之三十, 每件, 各1件
        if start and (paragraph[start - 1].isascii() and paragraph[start - 1].isalnum()):
            continue  # part of a code (ISO9001, A2件)
        if paragraph[end:end + 1] in ("%", "％"):
            continue
        if paragraph[start:end + 1] in _IDIOMS or paragraph[start:end] in _IDIOMS:
            continue
        mult = m.group("mult")
        if num[0] in _CHINESE_CHARS:
            value = parse_chinese(num)
            if value is None:
                continue
            v, decimals = Decimal(value), 0
        else:
            digits = num[:-1] if mult else num
            parsed = _arabic(digits)
            if parsed is None:
                continue
            v, decimals = parsed
        scale = Decimal(1)
        if unit in MONEY_UNITS:
            scale = MONEY_UNITS[unit]
            base = "元"
        else:
            base = unit
        written_scale = scale * (Decimal(_CN_BIG[mult]) if mult else 1)
        approx = bool(m.group("about")) or before.endswith(_APPROX_BEFORE) \
            or paragraph[end:end + 2].startswith(_APPROX_AFTER) \
            or (num[0] in _CHINESE_CHARS and before.endswith(_VAGUE_BEFORE))
        out.append(Mention(v * written_scale, base, start, end, decimals, written_scale, approx))
    return tuple(out)


_CHINESE_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")
_CLAUSE_SEP_RE = re.compile("[" + re.escape(CLAUSE_SEP) + "]")
_SENTENCE_END_RE = re.compile("[" + re.escape(SENTENCE_END) + "]")


@dataclass(frozen=True)
class Scan:
    """A paragraph read once: its mentions and where its clauses and sentences end."""

    text: str
    mentions: tuple[Mention, ...]
    starts: tuple[int, ...]  # of the mentions, for bisect
    clause_seps: tuple[int, ...]
    sentence_ends: tuple[int, ...]

    def clause(self, pos: int) -> tuple[int, int]:
        """[start, end) of the clause around pos, without its separators."""
        k = bisect_left(self.clause_seps, pos)
        end = self.clause_seps[k] if k < len(self.clause_seps) else len(self.text)
        return (self.clause_seps[k - 1] + 1 if k else 0), end

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence around pos (the end includes its closing mark)."""
        k = bisect_left(self.sentence_ends, pos)
        end = self.sentence_ends[k] + 1 if k < len(self.sentence_ends) else len(self.text)
        return (self.sentence_ends[k - 1] + 1 if k else 0), min(end, len(self.text))

    def clauses_back(self, pos: int, reach: int):
        """The clauses before position pos, nearest first, no further back than `reach` characters."""
        k = bisect_left(self.clause_seps, pos) - 1  # the separator just before pos
        while k >= 0 and self.clause_seps[k] >= pos - reach:
            end = self.clause_seps[k]
            start = self.clause_seps[k - 1] + 1 if k else 0
            if end > start:
                yield start, end
            k -= 1

    def mentions_in(self, start: int, end: int) -> tuple[Mention, ...]:
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


@lru_cache(maxsize=8192)
def scan(paragraph: str) -> Scan:
    ms = mentions(paragraph)
    return Scan(paragraph, ms, tuple(m.start for m in ms),
                tuple(m.start() for m in _CLAUSE_SEP_RE.finditer(paragraph)),
                tuple(m.start() for m in _SENTENCE_END_RE.finditer(paragraph)))


def sentence_bounds(paragraph: str, pos: int) -> tuple[int, int]:
    return scan(paragraph).sentence(pos)


def clause_bounds(paragraph: str, pos: int) -> tuple[int, int]:
    return scan(paragraph).clause(pos)


@lru_cache(maxsize=16)
def paragraphs(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, line) for every line of a text: offsets into the whole text.

    Cached: every rule of one check reads the same text, and gets the same line objects, whose
    hashes Python keeps — so the per-paragraph caches of the rules are cheap to consult.
    """
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return tuple(out)


def shorten(s: str, limit: int = 48) -> str:
    """A quotation for a message: whole when short, else its start and end around “……”."""
    s = s.strip()
    if len(s) <= limit:
        return s
    half = (limit - 2) // 2
    return f"{s[:half]}……{s[-half:]}"

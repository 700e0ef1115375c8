"""Matching what a report prints onto the format's labels, tolerant of what real reports do.

Real labels differ from the official ones by spaces and line breaks, half- or full-width brackets
and quotes, missing or different numbering (「1、」「(1)」「一.」), a word added or dropped, a typo
(「行政法复议」).  A label is reduced to a key (normalise, drop numbering and punctuation); keys
are compared exactly first, then with the parenthetical part dropped, then by similarity — and a
similar label counts only when one candidate is clearly better than the next.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_QUOTES_PUNCT = re.compile(r"[\s\u00a0\u3000\u200b“”‘’\"'「」『』《》〈〉、，,。.．;；:：!！?？·…—\-_/／\\|]+")
_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十]+(?:部分|项|条)?|[一二三四五六七八九十]+(?=[、.．,，:：\s])"
    r"|[(（][一二三四五六七八九十\d]+[)）]|\d+(?=[、.．,，:：)）\s])|\d+(?=[\u4e00-\u9fff])(?!年)"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)[、.．,，:：)）\s]*")
_PAREN = re.compile(r"[(（][^()（）]*[)）]")

FUZZY_MIN = 0.78  # similarity a label needs to count as a typo of another
FUZZY_MARGIN = 0.08  # and by how much it must beat the next candidate


def norm(text: str) -> str:
    """Width, spaces, quotes and punctuation out; brackets kept (they matter to _PAREN)."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.replace("（", "(").replace("）", ")")
    return _QUOTES_PUNCT.sub("", t).lower()


def strip_numbering(text: str) -> str:
    """「三、」「（一）」「1.」「第一部分」 off the front of a label (before norm)."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    for _ in range(3):  # 「三、（一）1.」 — a few levels at most
        m = _NUMBERING.match(t)
        if not m or m.end() == 0:
            break
        t = t[m.end():].lstrip()
    return t


def numbering(text: str) -> str:
    """The numbering a label starts with ("" when none): tells 「（七）总计」 (a row) from 「总计」."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    m = _NUMBERING.match(t)
    return m.group(0).strip() if m else ""


def row_key(text: str) -> str:
    return norm(strip_numbering(text))


def short_key(key: str) -> str:
    """The key without its parenthetical part: 「部分公开(区分处理的…)」 → 「部分公开」."""
    return _PAREN.sub("", key).replace("(", "").replace(")", "")


@dataclass(frozen=True)
class Match:
    target: object
    score: float  # 1.0 exact; below: similar (a typo or a variant)
    how: str  # "exact" | "short" | "similar"

    @property
    def exact(self) -> bool:
        return self.how != "similar"


class LabelIndex:
    """Targets under their label keys; finds the target a printed label means, or None."""

    CACHE_MAX = 4096

    def __init__(self):
        self.full: dict[str, list[object]] = {}
        self.short: dict[str, list[object]] = {}
        self.entries: list[tuple[str, str, object]] = []
        self._cache: dict[str, Match | None] = {}

    def add(self, key: str, target: object) -> None:
        plain = key.replace("(", "").replace(")", "")
        self.full.setdefault(plain, []).append(target)
        sk = short_key(key)
        if sk:
            self.short.setdefault(sk, []).append(target)
        self.entries.append((plain, short_key(plain), target))

    def find(self, key: str) -> Match | None:
        if not key:
            return None
        if key in self._cache:
            return self._cache[key]
        found = self._find(key)
        if len(self._cache) >= self.CACHE_MAX:  # a long-running worker sees many labels
            self._cache.clear()
        self._cache[key] = found
        return found

    def _find(self, key: str) -> Match | None:
        plain = key.replace("(", "").replace(")", "")
        hits = _unique(self.full.get(plain, ()))
        if len(hits) == 1:
            return Match(hits[0], 1.0, "exact")
        if len(hits) > 1:
            return None
        sk = short_key(key)
        for table in (self.short, self.full):
            hits = _unique(table.get(sk, ()))
            if len(hits) == 1:
                return Match(hits[0], 0.99, "short")
        # Similar: the best clearly ahead of any other target.
        scored: dict[int, tuple[float, object]] = {}
        floor = FUZZY_MIN - FUZZY_MARGIN  # below this a candidate can neither win nor be a rival
        for k, k_short, target in self.entries:
            s = max(bounded_similarity(plain, k, floor), bounded_similarity(sk, k_short, floor) if sk else 0.0)
            if s < floor:
                continue
            prev = scored.get(id(target))
            if prev is None or s > prev[0]:
                scored[id(target)] = (s, target)
        if not scored:
            return None
        ranked = sorted(scored.values(), key=lambda x: -x[0])
        best = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        if best[0] >= FUZZY_MIN and best[0] - second >= FUZZY_MARGIN:
            return Match(best[1], best[0], "similar")
        return None


def bounded_similarity(a: str, b: str, floor: float) -> float:
    """How alike two keys are (difflib's ratio, 0–1), or 0 when cheap upper bounds already show it
    is below floor."""
    if not a or not b:
        return 0.0
    la, lb = len(a), len(b)
    if 2 * min(la, lb) / (la + lb) < floor:
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.quick_ratio() < floor:
        return 0.0
    return m.ratio()


def _unique(items) -> list[object]:
    out: list[object] = []
    for x in items:
        if not any(x is y for y in out):
            out.append(x)
    return out

"""Which 汇总 among the chosen sources would count a unit twice.

A sum draft (a district's 汇总) may be counted as one unit of a higher sum (the city's) — unless a
unit it lists, at any depth, is also among the other chosen sources: as a unit's own report, or
inside another chosen sum.  Adding both would count that unit twice, so such a sum is not
counted, and when two sums share units neither is (no guessing which one the office meant).

Names are matched as everywhere else in 汇总 (model/unit_names.score: 全称/简称, the region in
front, 办事处, brackets, widths).  A sum's own name counts too against what another sum contains
(a city's sum lists 「鼓楼区」 whose sum is chosen beside it).  Matching errs on the side of "the same
unit": a wrong refusal is named and visible, a unit counted twice is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.report import SummaryOf, SummedUnit
from model.unit_names import MIN_SUFFIX, keys, score


@dataclass(frozen=True)
class Source:
    """One chosen file: the unit it names, and what it adds up when it is a sum."""

    file: str  # as shown (relative to the chosen folder)
    unit: str  # the agency its report names (or its file's unit)
    summary: SummaryOf | None = None


@dataclass
class Overlap:
    """Why one sum cannot be counted: its units that are also reported on their own, and the other
    sums (by file) that contain some of the same units, with those units."""

    units: list[str] = field(default_factory=list)
    sums: list[tuple[str, list[str]]] = field(default_factory=list)
    # its units whose own reports are not among the sources: left out with the sum, counted nowhere
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    name: str
    parent: int  # index of the enclosing entry, -1 at the top


def _entries(units: list[SummedUnit]) -> list[_Entry]:
    """A sum's units at every depth, in order (a nested sum before its own units)."""
    out: list[_Entry] = []

    def walk(items: list[SummedUnit], parent: int) -> None:
        for u in items:
            out.append(_Entry(u.agency or u.file, parent))
            if u.units:
                walk(u.units, len(out) - 1)

    walk(units, -1)
    return out


def _tails(name: str) -> set[str]:
    """Buckets a name is found under: two names that score() calls one unit share one (equal keys, or
    one key ending with the other's, at least MIN_SUFFIX characters long)."""
    return {k[-MIN_SUFFIX:] for k in keys(name)[1:] if k}


class _Index:
    """A sum's entries, found by name without comparing every pair (a folder of 1,000 units)."""

    def __init__(self, entries: list[_Entry]):
        self.entries = entries
        self.buckets: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            for t in _tails(e.name):
                self.buckets.setdefault(t, []).append(i)

    def matching(self, name: str) -> set[int]:
        found = set()
        for t in _tails(name):
            for i in self.buckets.get(t, ()):
                if score(self.entries[i].name, name):
                    found.add(i)
        return found


def _topmost(entries: list[_Entry], hits: set[int]) -> list[str]:
    """The names hit, in order, leaving out those inside a nested sum that is itself hit."""
    names = []
    for i in sorted(hits):
        p = entries[i].parent
        while p >= 0 and p not in hits:
            p = entries[p].parent
        if p < 0 and entries[i].name not in names:
            names.append(entries[i].name)
    return names


def _uncovered(entries: list[_Entry], hits: set[int]) -> list[str]:
    """The units (entries with none inside) that no hit covers, itself or an enclosing sum."""
    parents = {e.parent for e in entries}
    out = []
    for i, e in enumerate(entries):
        if i in parents:
            continue
        p = i
        while p >= 0 and p not in hits:
            p = entries[p].parent
        if p < 0:
            out.append(e.name)
    return out


def find_overlaps(sources: list[Source]) -> dict[int, Overlap]:
    """Source index → Overlap, for each sum that must not be counted."""
    out: dict[int, Overlap] = {}
    flat = {i: [e.name for e in _entries(s.summary.units)] for i, s in enumerate(sources) if s.summary is not None}
    for i, s in enumerate(sources):
        if s.summary is None:
            continue
        entries = _entries(s.summary.units)
        index = _Index(entries)
        overlap = Overlap()
        unit_hits: set[int] = set()
        for j, other in enumerate(sources):
            if j == i:
                continue
            hits = index.matching(other.unit)
            if other.summary is None:
                unit_hits |= hits
                continue
            for name in flat[j]:
                hits |= index.matching(name)
            shared = _topmost(entries, hits)
            if not shared and any(score(s.unit, name) for name in flat[j]):
                shared = [s.unit]  # the other sum lists this one by its own name
            if shared:
                overlap.sums.append((other.file, shared))
        overlap.units = _topmost(entries, unit_hits)  # in the sum's own order
        overlap.missing = _uncovered(entries, unit_hits)
        if overlap.units or overlap.sums:
            out[i] = overlap
    return out

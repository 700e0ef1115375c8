"""The seed report (a real 2021 report of a 街道) ships as the sample and loads and checks."""

from __future__ import annotations

import re
from pathlib import Path

from model.checks import ERROR, check_report
from model.draft_io import load_draft
from model.samples import seed_path

SEED = Path(__file__).resolve().parent / "data" / "seed_2021_liuhao.txt"


def sample():
    return load_draft(seed_path())


def _norm(s: str) -> str:
    return re.sub(r"\s+|\*\*", "", s)


def test_every_paragraph_of_the_seed_is_in_the_sample():
    r = sample()
    all_text = _norm("".join(r.texts.values()))
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, s in enumerate(lines) if s.startswith("根据"))
    stop = next(i for i, s in enumerate(lines) if s.startswith("二、主动公开"))
    tail = next(i for i, s in enumerate(lines) if s.startswith("五、"))
    paragraphs = [s for s in lines[start:stop] + lines[tail + 1:]
                  if s.strip() and not re.match(r"^[一二三四五六]、", s)]
    assert len(paragraphs) >= 10
    for p in paragraphs:
        assert _norm(p) in all_text, p[:30]
    assert r.agency == "南山区六号街道" and r.year == 2021 and r.format_id == "2019"
    assert r.texts["s6"] == "无"


def test_every_legible_number_loads_and_checks():
    r = sample()
    # The extract shows: 第二十条第（一）项 规章 0 0 0; 表三 rows from 上年结转 to 无法提供1 all 0;
    # 表四 fifteen 0.
    for c in ("new_made", "new_published", "published_total"):
        assert r.cells[f"t2_1.regulations.{c}"] == 0
    t3 = [c for c in r.cells if c.startswith("t3.")]
    assert len(t3) == 12 * 6 and all(r.cells[c] == 0 for c in t3)
    assert all(r.values()[f"t4.cases.{c}"] == 0 for c in ("rv_total", "ld_total", "la_total"))
    findings = check_report(r)
    assert not [f for f in findings if f.severity == ERROR]
    assert {f.rule for f in findings} >= {"blank_cells", "format_year_mismatch"}

"""Report core: checking a full 2021 report, and load + save of a draft (in-process, medians).

Baselines, same run: json.loads + json.dumps of the same draft (the floor any JSON draft pays),
and summing the 175 cells of 表三 in a plain loop (the floor of any check).

The text rules (model/text_checks.py) are measured on the real 平潭 2024 report (its texts, about
1,700 characters) with last year's texts known, two sections still 待复核 and every option on:
once from cold (every per-paragraph cache cleared: the first check after opening a draft), and
again after one keystroke in a 100,000-character section (what typing costs the model).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from factories import full_report  # noqa: E402
from model.checks import check_report  # noqa: E402
from model.draft_io import dumps, load_draft, save_draft  # noqa: E402
from model.report import LastYear  # noqa: E402
from model.text_checks import clear_caches  # noqa: E402
from real_reports import PINGTAN_TEXTS, pingtan_2024  # noqa: E402

OPTIONS = {"overview_max_chars": 1000}


def text_report():
    """平潭 2024 after a rollover from 2023: last year's texts known, two sections 待复核."""
    r = pingtan_2024()
    r.last_year = LastYear(2023, {}, texts={k: v.replace("2024", "2023") for k, v in PINGTAN_TEXTS.items()})
    r.review = ["s1", "s5"]
    return r


def long_section_keystroke(repeats: int) -> float:
    """ms to check again after one character typed in the middle of a 100,000-character 总体情况."""
    r = text_report()
    paragraphs, n = [], 0
    base = PINGTAN_TEXTS["s1"].split("\n")
    while sum(len(p) + 1 for p in paragraphs) < 100_000:
        paragraphs.append(f"{base[n % len(base)]}（第{n}段）")
        n += 1
    big = "\n".join(paragraphs)
    r.texts["s1"] = big
    r.last_year.texts["s1"] = big.replace("2024", "2023")
    check_report(r, OPTIONS)
    middle = len(big) // 2
    typed = [0]

    def keystroke():
        typed[0] += 1
        r.texts["s1"] = big[:middle] + "字" * typed[0] + big[middle:]
        check_report(r, OPTIONS)

    return median_ms(keystroke, repeats=repeats)


def run(repeats: int = 5) -> list[Result]:
    report = full_report("2021")
    n = max(repeats, 5) * 40
    check = median_ms(lambda: check_report(report), repeats=n)
    plain_cells = {k: v for k, v in report.values().items() if k.startswith("t3.")}
    floor = median_ms(lambda: sum(v for v in plain_cells.values() if isinstance(v, int)), repeats=n)
    texts = text_report()
    cold = median_ms(lambda: (clear_caches(), check_report(texts, OPTIONS)), repeats=n)
    typing = long_section_keystroke(max(repeats, 5) * 4)

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bench.gknb"
        save_draft(path, report)
        raw = path.read_bytes()

        def load_save():
            save_draft(path, load_draft(path))

        io = median_ms(load_save, repeats=max(repeats, 5) * 4)
        json_floor = median_ms(lambda: json.dumps(json.loads(raw)), repeats=n)
    return [
        Result("check a full 2021 report", check, baseline_name="sum 表三 in a loop", baseline=floor,
               aim="≤ 2 ms"),
        Result("check 平潭 2024, every text rule, cold", cold, baseline_name="full report check",
               baseline=check, aim="≤ 5 ms"),
        Result("check after a keystroke in 100,000 characters", typing,
               baseline_name="full report check", baseline=check, aim="≤ 5 ms"),
        Result("load + save a draft (atomic, fsync, .bak)", io, baseline_name="json loads+dumps",
               baseline=json_floor, aim="≤ 20 ms"),
        Result("draft size", len(dumps(report)) / 1024, unit="KB"),
    ]


if __name__ == "__main__":
    print_table(run())

"""汇总: 1,000 units' drafts found, read, checked, reviewed and summed.

Baseline, same run: reading the same 1,000 files once in one process (load_draft in a loop, no
checks) — the floor of any review.  The aim is the issue's: the whole run in ≤ 2 s.  The run
with every core forced shows what the worker processes cost for drafts (they pay for imports of
Word and PDF files, see bench_import_parallel.py; a draft is read faster than a worker starts).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from factories import full_report  # noqa: E402
from model.draft_io import load_draft, save_draft  # noqa: E402
from model.parallel_read import read_units  # noqa: E402
from model.review_table import build_review  # noqa: E402
from model.summary import sum_review  # noqa: E402
from model.unit_reading import scan_sources  # noqa: E402

UNITS = 1000


def make_folder(folder: Path, n: int = UNITS) -> None:
    for i in range(n):
        r = full_report("2021", seed=i)
        r.agency = f"测试区第{i}单位"
        save_draft(folder / f"单位{i:04}.gknb", r)


def whole_run(folder: Path, workers: int | None = None) -> None:
    scan = scan_sources([folder])
    outcome = read_units(scan.files, scan.names, workers=workers)
    review = build_review(outcome.reads, scan.skipped)
    result = sum_review(review, agency="测试区")
    assert len(result.report.summary.units) == UNITS


def run(repeats: int = 5) -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        make_folder(folder)
        files = sorted(folder.glob("*.gknb"))
        reps = max(3, min(repeats, 5))
        floor = median_ms(lambda: [load_draft(p) for p in files], repeats=reps)
        auto = median_ms(lambda: whole_run(folder), repeats=reps)
        cores = os.cpu_count() or 1
        forced = median_ms(lambda: whole_run(folder, workers=cores), repeats=reps)
    return [
        Result(f"汇总 {UNITS} drafts: scan, read, check, review, sum", auto,
               baseline_name="load each draft once", baseline=floor, aim="≤ 2 s"),
        Result(f"the same on {cores} worker processes (forced)", forced,
               baseline_name="load each draft once", baseline=floor, aim="(information)"),
    ]


if __name__ == "__main__":
    print_table(run())

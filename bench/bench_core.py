"""Report core: checking a full 2021 report, and load + save of a draft (in-process, medians).

Baselines, same run: json.loads + json.dumps of the same draft (the floor any JSON draft pays),
and summing the 175 cells of 表三 in a plain loop (the floor of any check).
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


def run(repeats: int = 5) -> list[Result]:
    report = full_report("2021")
    n = max(repeats, 5) * 40
    check = median_ms(lambda: check_report(report), repeats=n)
    plain_cells = {k: v for k, v in report.values().items() if k.startswith("t3.")}
    floor = median_ms(lambda: sum(v for v in plain_cells.values() if isinstance(v, int)), repeats=n)

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
        Result("load + save a draft (atomic, fsync, .bak)", io, baseline_name="json loads+dumps",
               baseline=json_floor, aim="≤ 20 ms"),
        Result("draft size", len(dumps(report)) / 1024, unit="KB"),
    ]


if __name__ == "__main__":
    print_table(run())

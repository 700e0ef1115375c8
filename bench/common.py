"""Shared helpers for benchmarks: medians, ratios against a baseline measured in the same run.

Every bench/bench_*.py module exposes `run(repeats: int = 5) -> list[Result]` and prints its
table when run alone.  bench/run.py runs them all.  Figures are compared as ratios against a
baseline measured in the same run on the same machine, never against fixed times.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Result:
    name: str  # what was measured (Chinese or English, short)
    median: float  # in `unit`
    unit: str = "ms"
    baseline_name: str = ""
    baseline: float | None = None
    aim: str = ""  # the target, as words: "≤ 2 ms", "≤ 1.5×"

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.median / self.baseline


def median_ms(fn, repeats: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def median_after_warmup(measure, samples: int, warmup: int) -> float:
    """The median of measure(i) (a time in ms that the call measured itself) over `samples` calls,
    after `warmup` calls whose results are dropped (the first edits warm up caches)."""
    results = [measure(i) for i in range(warmup + samples)]
    return statistics.median(results[warmup:])


def process_ms(cmd: list[str], repeats: int = 5, env: dict | None = None, cwd: Path = ROOT) -> float:
    """Median wall time of a whole process, in ms (one warm-up run first)."""
    full_env = dict(os.environ, **(env or {}))
    samples = []
    for i in range(repeats + 1):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=full_env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i:
            samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def print_table(results: list[Result]) -> None:
    print(f"{'measure':44} {'median':>10} {'baseline':>28} {'ratio':>7}  aim")
    for r in results:
        base = f"{r.baseline_name} {r.baseline:.2f}" if r.baseline is not None else ""
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        print(f"{r.name:44} {r.median:8.2f}{r.unit:>2} {base:>28} {ratio:>7}  {r.aim}")

"""汇总 of published reports: XLSX files imported on every core (PDFs: bench_summary_pdf.py).

Baseline, same run: importing the same files once in one process (model.importing.import_report
in a loop).  The ratio shows what the worker processes buy: about 1 / cores plus their start-up.
The files are the app's own exports (export/pdf_report.write_pdf, export/xlsx_report.write_xlsx)
of ten different reports, each copied (an import costs the same whatever the numbers).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from export.xlsx_report import write_xlsx  # noqa: E402
from factories import full_report  # noqa: E402
from model.importing import import_report  # noqa: E402
from model.parallel_read import read_units, usable_cores  # noqa: E402

XLSX_FILES, DISTINCT = 100, 10


def make_files(folder: Path, writer, suffix: str, n: int) -> list[Path]:
    originals = []
    for i in range(DISTINCT):
        r = full_report("2021", seed=i)
        r.agency = f"测试区第{i}单位"
        path = folder / f"原件{i}{suffix}"
        writer(r, path)
        originals.append(path)
    paths = []
    for k in range(n):
        target = folder / f"单位{k:03}{suffix}"
        shutil.copyfile(originals[k % DISTINCT], target)
        paths.append(target)
    for p in originals:
        p.unlink()
    return paths


def measure(paths: list[Path], what: str, reps: int) -> Result:
    alone = median_ms(lambda: [import_report(p) for p in paths], repeats=reps, warmup=0)
    used = []

    def parallel():
        outcome = read_units(paths)
        assert all(r.ok for r in outcome.reads), [r.error for r in outcome.reads if not r.ok][:3]
        used.append(outcome.workers)

    spread = median_ms(parallel, repeats=reps, warmup=0)
    cores = usable_cores()
    return Result(f"import {len(paths)} {what} and check them, {used[-1]} of {cores} cores", spread,
                  baseline_name="import each once, one process", baseline=alone,
                  aim=f"≈ 1/{cores} + start-up")


def reps_for(repeats: int) -> int:
    return 1 if repeats <= 5 else 3  # one pass is hundreds of imports: minutes on a small PC


def run(repeats: int = 5) -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        return [measure(make_files(Path(d), write_xlsx, ".xlsx", XLSX_FILES), "XLSX files", reps_for(repeats))]


if __name__ == "__main__":
    print_table(run())

"""汇总 of published reports: 200 PDFs imported on every core.

Baseline, same run: importing the same 200 files once in one process (model.importing.import_report
in a loop).  The ratio shows what the worker processes buy: about 1 / cores plus their start-up.
The PDFs are the app's own exports (export/pdf_report.write_pdf) of ten different reports, each
copied twenty times (an import costs the same whatever the numbers).  Needs the importer (issue 11):
without model.importing this module reports one line and the others still run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from model.importing import import_report  # noqa: E402  (ModuleNotFoundError until issue 11 lands)

from export.pdf_report import write_pdf  # noqa: E402
from factories import full_report  # noqa: E402
from model.parallel_read import read_units  # noqa: E402

FILES, DISTINCT = 200, 10


def make_pdfs(folder: Path) -> list[Path]:
    originals = []
    for i in range(DISTINCT):
        r = full_report("2021", seed=i)
        r.agency = f"测试区第{i}单位"
        path = folder / f"原件{i}.pdf"
        write_pdf(r, path)
        originals.append(path)
    paths = []
    for n in range(FILES):
        target = folder / f"单位{n:03}.pdf"
        shutil.copyfile(originals[n % DISTINCT], target)
        paths.append(target)
    for p in originals:
        p.unlink()
    return paths


def run(repeats: int = 5) -> list[Result]:
    reps = 1 if repeats <= 5 else 3  # one pass is ~200 imports: minutes on a small PC
    with tempfile.TemporaryDirectory() as d:
        paths = make_pdfs(Path(d))
        alone = median_ms(lambda: [import_report(p) for p in paths], repeats=reps, warmup=0)
        outcome_workers = []

        def parallel():
            outcome = read_units(paths)
            assert all(r.ok for r in outcome.reads), [r.error for r in outcome.reads if not r.ok][:3]
            outcome_workers.append(outcome.workers)

        spread = median_ms(parallel, repeats=reps, warmup=0)
    cores = os.cpu_count() or 1
    return [Result(f"import {FILES} PDFs and check them, {outcome_workers[-1]} of {cores} cores", spread,
                   baseline_name="import each once, one process", baseline=alone,
                   aim=f"≈ 1/{cores} + start-up")]


if __name__ == "__main__":
    print_table(run())

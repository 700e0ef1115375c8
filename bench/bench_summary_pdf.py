"""汇总 of published reports: 200 PDFs imported on every core.

Baseline, same run: importing the same 200 files once in one process.  The PDFs are the app's own
exports (export/pdf_report.write_pdf) of ten reports, each copied twenty times.  Needs the
importer's PDF reader (model.importing.read_pdf, issue 11): without it this module reports one
line and the others still run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import Result, print_table
from bench.bench_summary_import import make_files, measure, reps_for

from export.pdf_report import write_pdf

PDF_FILES = 200


def run(repeats: int = 5) -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        return [measure(make_files(Path(d), write_pdf, ".pdf", PDF_FILES), "PDFs", reps_for(repeats))]


if __name__ == "__main__":
    print_table(run())

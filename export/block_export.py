"""The common frame of the writers that work from the report's blocks (Word, web page).

Each lays out `export.report_content.report_blocks(report)` its own way (`build(report, blocks,
meter) -> bytes`) and estimates its work from the same blocks (`estimate(blocks) -> units`,
export/progress.py); the bar fills while it builds, and reaches the end only once the file is
written atomically.
"""

from __future__ import annotations

from pathlib import Path

from export.output_file import OPENED_IN, write_output
from export.progress import NO_METER, Meter
from export.report_content import report_blocks
from model.report import Report


def build_from_blocks(report: Report, build, estimate, progress=None) -> bytes:
    blocks = report_blocks(report)
    meter = Meter(progress, estimate(blocks)) if progress else NO_METER
    data = build(report, blocks, meter)
    meter.finish()
    return data


def write_from_blocks(report: Report, path: Path, kind: str, build, estimate, progress=None) -> None:
    """Write the `kind` file ("docx", "html") atomically: a failed export leaves no half file."""
    blocks = report_blocks(report)
    meter = Meter(progress, estimate(blocks)) if progress else NO_METER
    write_output(Path(path), build(report, blocks, meter), OPENED_IN[kind])
    meter.finish()

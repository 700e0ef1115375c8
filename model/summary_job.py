"""One 汇总 run, as the window and the command line both do it: find the files, read this year's
and last year's together on every core, read the 名单, build the review.

Nothing here writes.  The sum itself (model.summary.sum_review) is made afterwards, from the
units the office keeps chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from model.errors import ReportError
from model.parallel_read import CancelFlag, Progress, read_units
from model.report import Report
from model.review_table import SKIPPED, Review, build_review, sum_description
from model.unit_list import UnitList, read_unit_list
from model.unit_reading import SourceScan, read_unit_report, scan_sources


@dataclass
class SummaryInputs:
    sources: list[Path]  # folders and/or files of this year's reports
    unit_list: Path | None = None  # the 名单
    year: int | None = None  # the year summed (default: the year most reports have)
    last: Path | None = None  # last year's folder of units' reports, or last year's region report


@dataclass
class SummaryRun:
    review: Review | None = None  # None when cancelled
    scan: SourceScan | None = None
    last_region: Report | None = None  # last year's region report, when `last` is a file
    last_source: str = ""
    cancelled: bool = False
    workers: int = 1
    notes: list[str] = field(default_factory=list)


def run_review(inputs: SummaryInputs, progress: Progress | None = None,
               cancel: CancelFlag | None = None) -> SummaryRun:
    """Scan, read and review; ReportError (Chinese) for a 名单 or last-year report that cannot be
    read — the office chose those files by name and must hear about them, not find them ignored."""
    unit_list: UnitList | None = read_unit_list(inputs.unit_list) if inputs.unit_list else None
    run = SummaryRun()
    run.scan = scan = scan_sources(inputs.sources)
    files, names = list(scan.files), dict(scan.names)
    last_files: list[Path] = []
    if inputs.last is not None:
        last = Path(inputs.last)
        run.last_source = last.name or str(last)
        if last.is_dir() and not last.is_symlink():
            last_scan = scan_sources([last])
            last_files = [p for p in last_scan.files if p not in names]
            for p in last_files:
                # named by the folder the office chose, so that the note points to a real file
                names[p] = f"{last.resolve().name or '上年'}/{last_scan.names[p]}"
        else:
            try:
                run.last_region, _kind, _notes = read_unit_report(last)
            except ReportError as exc:
                raise ReportError(f"无法读取上年报告：{exc}") from None
    outcome = read_units(files + last_files, names, progress, cancel)
    run.workers = outcome.workers
    if outcome.cancelled:
        run.cancelled = True
        return run
    reads = outcome.reads[:len(files)]
    last_reads = outcome.reads[len(files):] if inputs.last is not None and run.last_region is None else None
    run.review = build_review(reads, scan.skipped, unit_list, inputs.year, last_reads,
                              run.last_source if last_reads is not None else "")
    _refuse_chosen_sums(run.review, scan)
    if unit_list is not None:
        run.review.notes.extend(unit_list.notes)
    return run


def _refuse_chosen_sums(review: Review, scan: SourceScan) -> None:
    """A 汇总 chosen by name that would count units twice is refused, not skipped: the office named
    it to be added, so nothing is reviewed until it (or what it overlaps) is taken out.  A sum
    lying in a chosen folder is listed as 已跳过 instead; a sum that overlaps nothing is a unit."""
    refused = [r for r in review.rows
               if r.status == SKIPPED and r.read is not None and Path(r.read.path) in scan.chosen_files]
    if not refused:
        return
    lines = [f"所选的“{r.file}”是{sum_description(r.read.report)}，不能计入汇总："
             f"{r.overlap}。" for r in refused]
    raise ReportError("\n".join(lines) + "\n请从所选文件中去掉重复的报告（或这份汇总报告）后重新审核。")

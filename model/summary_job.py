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
from model.review_table import Review, build_review, is_sum, sum_description
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
                names[p] = f"上年/{last_scan.names[p]}"
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
    _refuse_chosen_sums(files, reads, scan)
    last_reads = outcome.reads[len(files):] if inputs.last is not None and run.last_region is None else None
    run.review = build_review(reads, scan.skipped, unit_list, inputs.year, last_reads,
                              run.last_source if last_reads is not None else "")
    if unit_list is not None:
        run.review.notes.extend(unit_list.notes)
    return run


def _refuse_chosen_sums(files: list[Path], reads, scan: SourceScan) -> None:
    """A 汇总 chosen by name is refused, not skipped: the office named it to be added, and adding
    a sum to units it was made of counts them twice — so nothing is reviewed until it is taken out
    (a sum merely lying in a chosen folder is listed as 已跳过 instead)."""
    sums = [r for p, r in zip(files, reads) if p in scan.chosen_files and is_sum(r.report)]
    if not sums:
        return
    names = "、".join(f"“{r.name}”" for r in sums)
    what = sum_description(sums[0].report) if len(sums) == 1 else f"{len(sums)} 份汇总报告"
    raise ReportError(f"所选的{names}是{what}，不能作为单位报告再计入汇总：它的数字已包含其中各单位的报告，"
                      "再相加会重复计算。请从所选文件中去掉它后重新审核。")

"""`main.py summarize`: review a folder of units' reports and write the region-wide sum.

    python main.py summarize FOLDER [MORE …] -o REGION.gknb [--units 名单.xlsx]
                   [--review 审核情况.xlsx] [--year N] [--last FOLDER_OR_DRAFT] [--agency NAME]

Exit 0: every unit read, of the year, once, without errors, none missing.  1: the sum was made
(or could be) but some units have errors, are missing, duplicated, of another year or unreadable
(all listed).  2: nothing usable (no report of the year, a 名单 that cannot be read, an output
that cannot be written).  The folders read are never written to; outputs inside them are refused.
It lives in export/ because it writes the review's XLSX.
"""

from __future__ import annotations

import sys
from pathlib import Path

from model import terms
from model.atomic_file import write_message
from model.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, _out
from model.cli_parser import integer
from model.draft_io import EXTENSION, YEAR_RANGE, save_draft
from model.errors import ReportError
from model.output_paths import OutputPathError, output_named, target_problem
from model.findings import ERROR, SEVERITY_ZH
from model.review_table import DUPLICATE, HAS_ERRORS, OK, Review, nested_text
from model.summary import SummaryError, sum_review
from model.summary_job import SummaryInputs, run_review


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def _output(raw: str | None, suffix: str, what: str, sources: list[Path], force: bool) -> tuple[Path | None, str]:
    """(path, "") for an output we may write, or (None, Chinese reason)."""
    if raw is None:
        return None, ""
    try:  # 「本区汇总」 → 本区汇总.gknb; never a draft called 「本区汇总.docx」
        out = output_named(raw, (suffix,), what)
    except OutputPathError as exc:
        return None, str(exc)
    for src in sources:
        if _same(out, src):
            return None, f"输出文件“{out}”就是要读取的“{src}”。汇总从不改动它读取的文件，请另选输出文件名。"
        if src.is_dir() and _inside(out, src):
            return None, f"输出文件“{out}”在要读取的“{src}”之中。汇总从不改动报送文件，请把输出放到别的文件夹。"
    try:
        exists = out.exists()
        folder_ok = out.parent.is_dir()
    except OSError as exc:
        return None, write_message(out, exc)
    if not folder_ok:
        return None, f"文件夹“{out.parent}”不存在，无法保存“{out.name}”。"
    if exists and not force:
        return None, f"“{out}”已存在，未覆盖（如需覆盖请加 --force）。"
    if target_problem(out):  # a link, a pipe, a folder
        return None, target_problem(out)
    return out, ""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _print_review(review: Review) -> None:
    for row in review.rows:
        if row.report is not None:
            counts = f"错误 {row.errors}，提示 {row.warnings}"
        elif row.year:  # a sum left out: not checked, yet its year and format are its file's
            counts = f"{row.year}年度，{row.format_name}"
        else:
            counts = ""
        why = row.problem_text()
        parts = [f"[{row.status}]", row.unit]
        if row.file:
            parts.append(f"（{row.file}）")
        if counts:
            parts.append(counts)
        if row.status == HAS_ERRORS:
            _out(" ".join(parts))
            for f in row.findings:
                if f.severity == ERROR:
                    _out(f"    错误：{f.message}")
        else:
            _out(" ".join(parts) + (f"：{why}" if why and row.status != OK else ""))
        # The numbers' 提示 too — a 万元 typed in 元, a unit far from the rest — which go into the
        # sum as filed; the texts' many hints are left to the window and the review table.
        for f in row.findings:
            if f.severity != ERROR and f.cells and not f.text_key:
                _out(f"    {SEVERITY_ZH[f.severity]}：{f.message}")
        if row.counted_sum:  # a district's sum counted as one unit: say so, with its units
            note = next((n for n in row.notes if n.startswith("汇总报告")), "")
            if note and note != why:
                _out(f"    {note}")
        for note in row.format_notes:  # a unit in the other format: what goes where, what does not
            _out(f"    {note}")
        if row.summable and not row.chosen and row.status != DUPLICATE:
            # read and of the year, yet not added: the office must see why (not in the 名单 …)
            left_out = next((n for n in row.notes if "未计入汇总" in n), "未勾选，未计入汇总。")
            _out(f"    {left_out}")
    for s in review.skipped:
        _out(f"[未读取] {s.name}：{s.reason}")
    for note in review.notes:
        _out(f"[名单] {note}")
    year = f"{review.year}年度，" if review.year else ""
    _out(f"{year}{review.count_text()}。")


def cmd_summarize(args) -> int:
    sources = [Path(s) for s in args.sources]
    if args.year is not None and not YEAR_RANGE[0] <= args.year <= YEAR_RANGE[1]:
        _out(f"{terms.YEAR} {args.year} 无效（应在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间）。", sys.stderr)
        return EXIT_UNREADABLE
    missing = [s for s in sources if not s.exists()]
    if missing:
        _out(f"找不到“{missing[0]}”。", sys.stderr)
        return EXIT_UNREADABLE
    outputs = {}
    read_from = sources + [Path(p) for p in (args.last, args.units) if p]  # no output over any input
    for key, raw, suffix, what in (("draft", args.output, EXTENSION, "汇总报告草稿"),
                                   ("review", args.review, ".xlsx", "审核情况表")):
        path, problem = _output(raw, suffix, what, read_from, args.force)
        if problem:
            _out(problem, sys.stderr)
            return EXIT_UNREADABLE
        outputs[key] = path
    try:
        run = run_review(SummaryInputs(sources, Path(args.units) if args.units else None, args.year,
                                       Path(args.last) if args.last else None))
    except ReportError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    review = run.review
    _print_review(review)
    if outputs["review"] is not None:
        try:
            from export.review_xlsx import write_review_xlsx

            write_review_xlsx(review, outputs["review"])
            _out(f"已导出审核情况表：{outputs['review']}")
        except ReportError as exc:
            _out(str(exc), sys.stderr)
            return EXIT_UNREADABLE
    try:
        result = sum_review(review, agency=args.agency or "", last_region=run.last_region,
                            last_source=run.last_source)
    except SummaryError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    _out(f"汇总了 {len(result.report.summary.units)} 个单位的报告{nested_text(result.report.summary)}。")
    for line in result.not_summed:
        _out(f"  未计入：{line}")
    for line in result.notes:
        _out(f"  {line}")
    if outputs["draft"] is not None:
        try:
            save_draft(outputs["draft"], result.report)
        except ReportError as exc:
            _out(str(exc), sys.stderr)
            return EXIT_UNREADABLE
        _out(f"已保存汇总报告草稿：{outputs['draft']}（正文请在年报助手中填写）")
    return EXIT_OK if review.all_clear() and not result.not_summed else EXIT_FINDINGS


def add_commands(sub) -> None:
    p = sub.add_parser("summarize", help="审核并汇总各单位报告（退出码 0 全部无误，1 有问题，2 无法汇总）")
    p.add_argument("sources", nargs="+", metavar="文件夹", help="各单位报告所在的文件夹（或文件）")
    p.add_argument("-o", "--output", metavar="汇总草稿", help="汇总报告草稿（.gknb）的保存路径")
    p.add_argument("--units", metavar="名单", help="应报送单位名单（.xlsx、.csv 或 .txt）")
    p.add_argument("--review", metavar="审核情况表", help="审核情况表（.xlsx）的保存路径")
    p.add_argument("--year", type=integer, default=None, metavar="年度", help=f"汇总的{terms.YEAR}（默认取多数报告的年度）")
    p.add_argument("--last", metavar="上年", help="上年的各单位报告文件夹，或上年的汇总报告草稿")
    p.add_argument("--agency", metavar="机关名称", help=f"汇总报告的{terms.AGENCY}（也可以之后在{terms.APP_NAME}中填写）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    p.set_defaults(func=cmd_summarize)

"""Command line without a window: `check` and `rollover` (main.py dispatches here).

Both read a draft, or any report the importer reads (Word, web page, PDF, XLSX)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from model import terms
from model.checks import ERROR, HINT, SEVERITY_ZH, run_checks
from model.cli_parser import integer
from model.atomic_file import BACKUP_SUFFIX, write_message
from model.draft_io import EXTENSION, YEAR_RANGE, load_draft, save_draft
from model.errors import ReportError
from model.output_paths import OutputPathError, output_named, refuse_unsafe_outputs, target_problem
from model.rollover import roll_over

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _out(text: str, stream=None) -> None:
    stream = stream or sys.stdout
    if stream is None:  # a windowless Windows build has no console to write to
        return
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:  # a console that cannot show Chinese still gets the ids and counts
        stream.buffer.write((text + "\n").encode("utf-8", "replace"))
    except BrokenPipeError:  # `… | head`: the reader has gone; the command still finishes its work
        _discard_rest(stream)


def _discard_rest(stream) -> None:
    """Send what is still to be written to this stream nowhere (also what is buffered, which
    Python would otherwise fail to flush at exit with an English traceback)."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # not a real file: nothing to redirect
        pass


def is_draft_name(path: Path) -> bool:
    """A draft, or a draft's backup (「报告.gknb.bak」, which the messages for a damaged draft
    advise opening)."""
    name = path.name.lower()
    return name.endswith(EXTENSION) or name.endswith(EXTENSION + BACKUP_SUFFIX)


def load_report(path: Path):
    """(report, import result or None): a draft as it is, any other report (Word, web page, PDF,
    XLSX) through the importer, in a child process that is stopped if it hangs."""
    if is_draft_name(path):
        return load_draft(path), None
    from model.importing.cli import load_any

    imported = load_any(path)
    return imported.report, imported


def cmd_check(args) -> int:
    try:
        report, imported = load_report(Path(args.draft))
    except ReportError as exc:  # DraftReadError, ImportFailed
        if args.json:
            _out(json.dumps({"error": str(exc)}, ensure_ascii=False))
        else:
            _out(f"无法读取：{exc}", sys.stderr)
        return EXIT_UNREADABLE
    result = run_checks(report, _check_options(args))
    findings = result.findings
    n_err = sum(f.severity == ERROR for f in findings)
    n_hint = sum(f.severity == HINT for f in findings)
    if args.json:
        dismissed = [dict(f.as_dict(), dismissed={"reason": d.reason}) for f, d in result.dismissed]
        data = {"file": str(args.draft), "format": report.format_id, "year": report.year,
                "errors": n_err, "warnings": len(findings) - n_err - n_hint, "hints": n_hint,
                "findings": [f.as_dict() for f in findings], "dismissed": dismissed}
        if imported is not None:  # what the import could not read is not checked: say so
            data["imported"] = {"kind": imported.kind, "doubtful": [d.as_dict() for d in imported.doubtful]}
        _out(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        if imported is not None:
            _out(imported.messages[0] if imported.messages else f"已读取“{imported.source}”。")
            if imported.doubtful:
                _out(f"  其中 {len(imported.doubtful)} 处未能读取或待核对（可用 import 命令查看），检查结果以读到的内容为准。")
        for f in findings:
            cells = f"  [{', '.join(f.cells[:6])}{' …' if len(f.cells) > 6 else ''}]" if f.cells else ""
            where = f"  〈{f.text_key} {f.span[0]}–{f.span[1]}〉" if f.span is not None else ""
            _out(f"{SEVERITY_ZH[f.severity]} {f.rule}: {f.message}{cells}{where}")
        tail = f"，另有 {len(result.dismissed)} 条已忽略" if result.dismissed else ""
        _out(f"{report.title}：{n_err} 个错误，{len(findings) - n_err - n_hint} 个提示，"
             f"{n_hint} 条建议{tail}。")
    return EXIT_FINDINGS if n_err else EXIT_OK


def _check_options(args) -> dict:
    """The clerk's check settings (the 总体情况 length limit), or the command line's."""
    from model.settings import Settings

    limit = args.overview_limit
    if limit is None:
        limit = Settings().get("overview_max_chars")
    return {"overview_max_chars": limit} if isinstance(limit, int) and limit > 0 else {}


def cmd_rollover(args) -> int:
    src = Path(args.last)
    imported = None
    try:  # last year's draft, or its Word file, web page, PDF or XLSX (model/importing)
        last, imported = load_report(src)
    except ReportError as exc:  # DraftReadError, ImportFailed
        _out(f"无法读取：{exc}", sys.stderr)
        return EXIT_UNREADABLE
    try:  # 「2025」 → 2025.gknb; a draft is never saved as 「2025.docx」
        out = output_named(args.output, (EXTENSION,), "新草稿")
    except OutputPathError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    year = args.year if args.year is not None else last.year + 1
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:  # a draft no version could open again
        _out(f"{terms.YEAR} {year} 无效（应在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间）。", sys.stderr)
        return EXIT_UNREADABLE
    try:
        exists = out.exists()
    except OSError as exc:  # e.g. a file name longer than the file system allows
        _out(write_message(out, exc), sys.stderr)
        return EXIT_UNREADABLE
    if exists and not args.force:
        _out(f"“{out}”已存在，未覆盖（如需覆盖请加 --force）。", sys.stderr)
        return EXIT_UNREADABLE
    try:  # --force never means "over last year's draft, its .bak or its .lock"
        refuse_unsafe_outputs(src, [out])
    except OutputPathError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    if target_problem(out):
        _out(target_problem(out), sys.stderr)
        return EXIT_UNREADABLE
    try:
        # A path from a non-UTF-8 file name (Linux) carries lone surrogates: keep it readable.
        source = str(src).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        result = roll_over(last, new_year=args.year, source=source)
        save_draft(out, result.report)
    except ReportError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    _out(f"已创建 {result.report.year} 年度报告草稿：{out}")
    if imported is not None:
        _out(f"  上年报告：{imported.messages[0] if imported.messages else imported.source}")
        if imported.doubtful:
            _out(f"  其中 {len(imported.doubtful)} 处未能读取或待核对（可用 import 命令查看），请核对带入的数据。")
    for line in result.carried:
        _out(f"  带入：{line}")
    for line in result.not_mapped:
        _out(f"  未带入：{line}")
    return EXIT_OK


def add_commands(sub) -> None:
    p = sub.add_parser("check", help="检查报告（退出码 0 无错误，1 有错误，2 无法读取）")
    p.add_argument("draft", metavar="报告", help="草稿（.gknb），或 Word、网页、PDF、Excel 格式的报告")
    p.add_argument("--json", action="store_true", help="以 JSON 输出全部检查结果")
    p.add_argument("--overview-limit", type=integer, default=None, metavar="字数",
                   help="“一、总体情况”的字数上限（默认按本机设置；0 为不限）")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("rollover", help="由上年报告（草稿、Word、网页、PDF 或 Excel）创建下一年度报告草稿")
    p.add_argument("last", metavar="上年报告", help="上年的草稿（.gknb），或 Word、网页、PDF、Excel 格式的报告")
    p.add_argument("-o", "--output", required=True, metavar="新草稿", help="新草稿文件（.gknb）")
    p.add_argument("--year", type=integer, default=None, metavar="年度", help="新报告年度（默认上年加一）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    p.set_defaults(func=cmd_rollover)

"""`python main.py import SOURCE -o DRAFT.gknb [--json]`: any report file → a draft.

Exit codes: 0 everything read; 1 imported, with cells or sections it could not read or is unsure
of (listed); 2 nothing importable (a message), or the draft could not be written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from model.atomic_file import write_message
from model.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, _out
from model.draft_io import EXTENSION, save_draft
from model.errors import ImportFailed, ReportError
from model.importing.result import ImportResult
from model.output_paths import OutputPathError, output_named, target_problem


def load_any(path: Path) -> ImportResult:
    """A report from any importable file, read in a child process that is stopped if it hangs."""
    from model.importing.isolated import import_isolated

    return import_isolated(Path(path))


def readable_name(path: Path) -> str:
    # A path from a non-UTF-8 file name (Linux) carries lone surrogates: keep it printable.
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def output_path(text: str, source: Path, force: bool) -> tuple[Path | None, str]:
    """(path, "") or (None, Chinese reason) for a draft to be written."""
    try:  # 「年报」 → 年报.gknb; a draft is never saved as 「年报.docx」
        out = output_named(text, (EXTENSION,), "新草稿")
    except OutputPathError as exc:
        return None, str(exc)
    try:
        exists = out.exists()
        same = exists and source.exists() and out.resolve() == source.resolve()
    except OSError as exc:  # e.g. a file name longer than the file system allows
        return None, write_message(out, exc)
    if same:
        return None, "输出文件不能是导入的源文件本身。"
    if exists and not force:
        return None, f"“{out}”已存在，未覆盖（如需覆盖请加 --force）。"
    if target_problem(out):  # a link, a pipe, a folder, a missing folder
        return None, target_problem(out)
    return out, ""


def summary(result: ImportResult, output: Path | None) -> dict:
    r = result.report
    return {"file": result.source, "kind": result.kind, "format": r.format_id, "year": r.year,
            "agency": r.agency, "date": r.date, "output": readable_name(output) if output else None,
            "cells_read": sum(1 for c in r.cells if c in r.fmt.cells),
            "texts_read": sorted(k for k, v in r.texts.items() if v.strip()),
            "complete": result.complete,
            "doubtful": [d.as_dict() for d in result.doubtful],
            "unused_lines": result.unused_lines, "messages": result.messages}


def cmd_import(args) -> int:
    src = Path(args.source)
    out, problem = output_path(args.output, src, args.force)
    if out is None:
        return _fail(args, problem)
    try:
        result = load_any(src)
    except ImportFailed as exc:
        return _fail(args, str(exc))
    try:
        save_draft(out, result.report)
    except ReportError as exc:
        return _fail(args, str(exc))
    if args.json:
        _out(json.dumps(summary(result, out), ensure_ascii=False, indent=1))
    else:
        for line in result.messages:
            _out(line)
        for d in result.doubtful:
            seen = f"（来源：“{d.source}”）" if d.source else ""
            _out(f"  {'未读取' if d.kind == 'unread' else '待核对'} {d.key}：{d.reason}{seen}")
        if result.unused_lines:
            _out(f"  来源中有 {len(result.unused_lines)} 行未使用：")
            for line in result.unused_lines[:50]:
                _out(f"    {line}")
            if len(result.unused_lines) > 50:
                _out("    ……")
        _out(f"已创建草稿：{readable_name(out)}")
    return EXIT_OK if result.complete else EXIT_FINDINGS


def _fail(args, message: str) -> int:
    if args.json:
        _out(json.dumps({"file": readable_name(Path(args.source)), "error": message}, ensure_ascii=False))
    else:
        _out(message, sys.stderr)
    return EXIT_UNREADABLE


def add_commands(sub) -> None:
    p = sub.add_parser("import", help="导入 Word、网页、PDF、Excel 格式的年度报告为草稿"
                                      "（退出码 0 全部读取，1 有未读取或待核对之处，2 无法导入）")
    p.add_argument("source", metavar="报告", help="报告文件（.docx .html .htm .pdf .xlsx .gknb）")
    p.add_argument("-o", "--output", required=True, metavar="草稿", help="新草稿文件（.gknb）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出读取结果（格式、年度、未读取或待核对的单元格）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿")
    p.set_defaults(func=cmd_import)

"""`main.py export`: write the PDF, XLSX, Word file and/or web page of a draft without opening a window."""

from __future__ import annotations

import sys
from pathlib import Path

from model.checks import check_report, errors
from model.cli import EXIT_OK, EXIT_UNREADABLE, _out
from model.draft_io import load_draft
from model.errors import DraftReadError, ReportError


def cmd_export(args) -> int:
    if not (args.pdf or args.xlsx or args.docx or args.html):
        _out("请至少指定 --pdf、--xlsx、--docx 或 --html 中的一项。", sys.stderr)
        return EXIT_UNREADABLE
    try:
        report = load_draft(Path(args.draft))
    except DraftReadError as exc:
        _out(f"无法读取：{exc}", sys.stderr)
        return EXIT_UNREADABLE
    errs = errors(check_report(report))
    if errs:
        _out(f"警告：报告有 {len(errs)} 个错误（可用 check 命令查看），仍按要求导出。", sys.stderr)
    try:
        if args.pdf:
            from export.pdf_report import write_pdf

            write_pdf(report, Path(args.pdf))
            _out(f"已导出 PDF：{args.pdf}")
        if args.xlsx:
            from export.xlsx_report import write_xlsx

            write_xlsx(report, Path(args.xlsx))
            _out(f"已导出 Excel：{args.xlsx}")
        if args.docx:
            from export.docx_report import write_docx

            write_docx(report, Path(args.docx))
            _out(f"已导出 Word：{args.docx}")
        if args.html:
            from export.html_report import write_html

            write_html(report, Path(args.html))
            _out(f"已导出网页：{args.html}")
    except ReportError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def add_commands(sub) -> None:
    p = sub.add_parser("export", help="导出 PDF、Excel、Word 或网页")
    p.add_argument("draft")
    p.add_argument("--pdf", help="PDF 输出路径")
    p.add_argument("--xlsx", help="Excel (xlsx) 输出路径")
    p.add_argument("--docx", help="Word (docx) 输出路径，供领导审签")
    p.add_argument("--html", help="网页 (html) 输出路径，供网站年报专栏发布")
    p.set_defaults(func=cmd_export)

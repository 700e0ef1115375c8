"""`main.py export`: write the PDF, XLSX, Word file and/or web page of a draft without opening a window."""

from __future__ import annotations

import sys
from pathlib import Path

from export import side_outputs
from model.checks import report_errors
from model.cli import EXIT_OK, EXIT_UNREADABLE, _out
from model.draft_io import loads, read_draft_bytes
from model.errors import DraftReadError, ReportError
from model.output_paths import OutputPathError, output_named, refuse_unsafe_outputs, target_problem


# Reports that are not drafts: export asks for them to be imported (and checked) first.
REPORTS_TO_IMPORT = (".docx", ".doc", ".wps", ".html", ".htm", ".pdf", ".xlsx", ".xls", ".et", ".ofd")


def cmd_export(args) -> int:
    if not (args.pdf or args.xlsx or args.docx or args.html):
        _out("请至少指定 --pdf、--xlsx、--docx 或 --html 中的一项。", sys.stderr)
        return EXIT_UNREADABLE
    if font_dir_problem(args):
        _out(font_dir_problem(args), sys.stderr)
        return EXIT_UNREADABLE
    try:  # every output of this command at once: named for its kind; none may be the draft, its
        # .bak/.lock, or another output; each can be written — else nothing is written at all
        given = [Path(raw) for raw in (args.pdf, args.xlsx, args.docx, args.html) if raw]
        refuse_unsafe_outputs(Path(args.draft), given)  # as typed: `--pdf X --html X` is a slip
        outputs = {kind: output_named(raw, suffixes, what) for kind, raw, suffixes, what in (
            ("pdf", args.pdf, (".pdf",), "PDF"), ("xlsx", args.xlsx, (".xlsx",), "Excel 表格"),
            ("docx", args.docx, (".docx",), "Word 文件"), ("html", args.html, (".html", ".htm"), "网页"))
            if raw}
        refuse_unsafe_outputs(Path(args.draft), list(outputs.values()))
    except OutputPathError as exc:
        _out(str(exc), sys.stderr)
        return EXIT_UNREADABLE
    problem = next((why for why in map(target_problem, outputs.values()) if why), "")
    if problem:
        _out(problem, sys.stderr)
        return EXIT_UNREADABLE
    if Path(args.draft).suffix.lower() in REPORTS_TO_IMPORT:
        _out(f"“{Path(args.draft).name}”不是年报助手草稿。请先导入为草稿（python main.py import "
             f"{Path(args.draft).name} -o 草稿.gknb），核对后再导出。", sys.stderr)
        return EXIT_UNREADABLE
    try:
        draft_bytes, _ = read_draft_bytes(Path(args.draft))
        report = loads(draft_bytes, Path(args.draft).name)
    except DraftReadError as exc:
        _out(f"无法读取：{exc}", sys.stderr)
        return EXIT_UNREADABLE
    jobs = [(kind, str(outputs[kind])) for kind in ("xlsx", "docx", "html") if kind in outputs]
    # With a PDF to build, the other outputs are built by a child process meanwhile (and
    # written here after the PDF, in order: export.side_outputs).
    side = side_outputs.start(report, jobs, draft_bytes) if "pdf" in outputs and jobs else None
    errs = report_errors(report)
    if errs:
        _out(f"警告：报告有 {len(errs)} 个错误（可用 check 命令查看），仍按要求导出。", sys.stderr)
    if "pdf" in outputs:
        from export.pdf_report import write_pdf

        try:
            write_pdf(report, outputs["pdf"], font_choice(args))
        except BaseException as exc:
            if side is not None:
                side.discard()
            if not isinstance(exc, ReportError):
                raise
            _out(str(exc), sys.stderr)
            return EXIT_UNREADABLE
        _out(f"已导出 PDF：{outputs['pdf']}")
    done = side.result() if side is not None else side_outputs.write_outputs(report, jobs)
    for kind, path, problem in done:
        if problem:
            _out(problem, sys.stderr)
            return EXIT_UNREADABLE
        _out(f"{side_outputs.DONE[kind]}：{path}")
    return EXIT_OK


def font_choice(args):
    """--fonts and --font-dir over the choice saved in the window (default: this computer's
    official faces, the bundled ones where missing)."""
    from export.font_lookup import FontChoice, saved_choice

    choice = saved_choice()
    profile = getattr(args, "fonts", None) or choice.profile
    folders = tuple(getattr(args, "font_dir", None) or ()) + choice.folders
    return FontChoice(profile, choice.roles if profile == choice.profile else (), folders)


def font_dir_problem(args) -> str:
    """A --font-dir that is not a folder (mistyped, or a font file given instead): said, not
    silently searched in vain."""
    for raw in getattr(args, "font_dir", None) or ():
        if not Path(raw).is_dir():
            return f"字体文件夹“{raw}”不存在或不是文件夹：--font-dir 应指向存放字体文件的文件夹。"
    return ""


def cmd_fonts(args) -> int:
    """Which face each part of the PDF will use on this computer, and why."""
    from export.font_lookup import ROLE_NAMES, plan_faces

    if font_dir_problem(args):
        _out(font_dir_problem(args), sys.stderr)
        return EXIT_UNREADABLE

    plans = plan_faces(font_choice(args))
    skipped = []
    for role, plan in plans.items():
        where = f"（{plan.face.path}）" if plan.face else ""
        _out(f"{ROLE_NAMES[role]}：{plan.label}{where} — {plan.note}")
        skipped += [s for s in plan.finding.skipped if s not in skipped]
    for reason in skipped:
        _out(f"  {reason}")
    return EXIT_OK


def _font_options(p) -> None:
    p.add_argument("--fonts", choices=("auto", "bundled"),
                   help="PDF 字体：auto 本机公文字体（缺少的用自带字体），bundled 软件自带字体；默认沿用窗口中的选择")
    p.add_argument("--font-dir", action="append", metavar="文件夹",
                   help="另在此文件夹中查找公文字体（可重复）")


def add_commands(sub) -> None:
    p = sub.add_parser("export", help="导出 PDF、Excel、Word 或网页")
    p.add_argument("draft", metavar="草稿", help="年报助手草稿（.gknb）")
    p.add_argument("--pdf", metavar="文件", help="PDF 输出路径")
    p.add_argument("--xlsx", metavar="文件", help="Excel (xlsx) 输出路径")
    p.add_argument("--docx", metavar="文件", help="Word (docx) 输出路径，供领导审签")
    p.add_argument("--html", metavar="文件", help="网页 (html) 输出路径，供网站年报专栏发布")
    _font_options(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("fonts", help="列出 PDF 各部分将使用的字体")
    _font_options(p)
    p.set_defaults(func=cmd_fonts)

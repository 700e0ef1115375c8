"""Importing reports made elsewhere: a Word file, a saved web page, a PDF, a workbook, or a draft.

    from model.importing import import_report
    result = import_report(Path("2024年报.docx"))   # ImportResult; ImportFailed if nothing importable
    result.report, result.kind, result.doubtful, result.unused_lines, result.messages

Each reader (read_docx, read_html, read_pdf, read_xlsx) turns its file into a SourceDoc — lines
and tables in reading order — and one mapping (assemble: tables.py, texts.py) turns that into a
Report of the detected format.  Pure Python, no Qt; safe to call in a worker process (no global
state; heavy libraries are imported only by the reader that needs them, so a .gknb costs nothing).
To bound a hostile file completely, run it through isolated.import_isolated (a child process that
can be stopped).
"""

from __future__ import annotations

from pathlib import Path

from model.errors import DraftReadError, ImportFailed
from model.importing.limits import DEFAULT_SECONDS, MAX_FILE_BYTES, Budget, too_large
from model.importing.result import DOUBTFUL, UNREAD, Doubt, ImportResult
from model.importing.sniff import FILE_FILTER, IMPORTABLE_SUFFIXES, REFUSED_SUFFIXES, detect_kind
from model.safe_files import TOO_LARGE, ReadRefused, open_regular, read_rest, refusal_message

__all__ = ["import_report", "ImportResult", "Doubt", "ImportFailed", "UNREAD", "DOUBTFUL",
           "IMPORTABLE_SUFFIXES", "REFUSED_SUFFIXES", "FILE_FILTER", "is_importable"]

KINDS = ("docx", "html", "pdf", "xlsx", "gknb")
HEAD_BYTES = 4096  # what detect_kind looks at
_NO_LIMIT_YET = 1 << 62  # the open checks the type; the size is checked once the kind is known


def is_importable(path: Path) -> bool:
    """By name only: a file the import dialog offers (or explains)."""
    suffix = Path(path).suffix.lower()
    return suffix in IMPORTABLE_SUFFIXES or suffix in REFUSED_SUFFIXES


def import_report(path: Path, *, seconds: float = DEFAULT_SECONDS, follow_links: bool = True) -> ImportResult:
    """Read any report file into a Report of this app.  Raises ImportFailed (Chinese message)
    when nothing can be imported; never writes anything.  follow_links=False refuses a symbolic
    link (a folder of units' reports); a file the clerk picked is read through one."""
    path = Path(path)
    budget = Budget(seconds)
    kind, data = read_source(path, follow_links)
    if kind == "gknb":
        return _import_draft(path, data)
    if kind == "zip":
        kind = _zip_kind(data, path.name)
    try:
        doc = _reader(kind)(path.name, data, budget)
        from model.importing.assemble import assemble

        return assemble(doc, budget)
    except ImportFailed:
        raise
    except RecursionError:
        raise ImportFailed(f"“{path.name}”的结构嵌套过深，无法读取，未导入。") from None
    except MemoryError:
        raise ImportFailed(f"读取“{path.name}”时内存不足，文件可能过大或已损坏，未导入。") from None
    except Exception as exc:  # a library failing on a malformed file: a message, never a traceback
        raise ImportFailed(f"“{path.name}”无法读取，文件可能已损坏（{type(exc).__name__}）。"
                           "可尝试用 Word、WPS 或浏览器打开后另存为新文件再导入。") from None


def read_source(path: Path, follow_links: bool = True) -> tuple[str, bytes]:
    """(kind, bytes) of a source, from one open of one regular file (model.safe_files): its first
    bytes say the kind (a renamed file cannot hide it), the kind's size limit bounds the rest."""
    try:
        f, st = open_regular(path, _NO_LIMIT_YET, follow_links)
    except ReadRefused as exc:
        raise ImportFailed(refusal_message(exc, "报告文件")) from None
    with f:
        draft = path.suffix.lower() == ".gknb"  # our own: known by its name, nothing sniffed
        try:
            head = b"" if draft else f.read(HEAD_BYTES)
        except OSError as exc:
            raise ImportFailed(f"无法读取报告文件“{path.name}”（系统错误代码 {exc.errno}）。") from None
        if not draft and not head:
            raise ImportFailed(f"“{path.name}”是空文件，未导入。")
        kind = "gknb" if draft else detect_kind(path, head)
        limit = MAX_FILE_BYTES["docx" if kind == "zip" else kind]
        if st.st_size > limit:
            raise too_large(path.name, st.st_size, limit)
        try:
            data = read_rest(f, path, limit, head)
        except ReadRefused as exc:
            if exc.reason == TOO_LARGE:  # it grew while we read
                raise too_large(path.name, exc.size, limit) from None
            raise ImportFailed(refusal_message(exc, "报告文件")) from None
    return kind, data


def _zip_kind(data: bytes, name: str) -> str:
    from model.importing.limits import open_zip

    names = set(open_zip(data, name, "文件").namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ImportFailed(f"“{name}”是一个压缩包，但不是 Word 或 Excel 文件，未导入。")


def _reader(kind: str):
    if kind == "docx":
        from model.importing.read_docx import read_docx
        return read_docx
    if kind == "html":
        from model.importing.read_html import read_html
        return read_html
    if kind == "xlsx":
        from model.importing.read_xlsx import read_xlsx
        return read_xlsx
    if kind == "pdf":
        from model.importing.read_pdf import read_pdf
        return read_pdf
    raise ImportFailed(f"不支持的文件类型：{kind}")


def _import_draft(path: Path, data: bytes) -> ImportResult:
    from model.draft_io import loads

    try:
        report = loads(data, path.name)
    except DraftReadError as exc:
        raise ImportFailed(str(exc)) from None
    fmt = report.fmt
    return ImportResult(report=report, kind="gknb", source=path.name,
                        messages=[f"从草稿“{path.name}”读取：{fmt.name}，{report.year} 年度。"])

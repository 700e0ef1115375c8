"""Which kind of source a file is — by its name and by its first bytes, which a renamed file cannot hide.

Kinds we read: docx, html, pdf, xlsx, gknb.  Kinds we explain instead of reading (.doc, .wps, .et,
.xls and anything else in the old binary Office container) get a message that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from model.errors import ImportFailed

KIND_SUFFIXES = {
    "gknb": (".gknb",),
    "docx": (".docx", ".docm"),
    "html": (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml"),
    "pdf": (".pdf",),
    "xlsx": (".xlsx", ".xlsm"),
}
IMPORTABLE_SUFFIXES = frozenset(s for suffixes in KIND_SUFFIXES.values() for s in suffixes)
# Picked in the dialog only to be told what to do with them.
REFUSED_SUFFIXES = frozenset({".doc", ".wps", ".et", ".xls", ".dps", ".ppt", ".pptx", ".ofd",
                              ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".txt", ".rtf"})

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _patterns(suffixes) -> str:
    return " ".join(f"*{s}" for s in suffixes)


# Qt finds the patterns only inside ASCII parentheses: 「年度报告 (*.docx …)」.
FILE_FILTER = ";;".join([
    f"年度报告 ({_patterns(['.docx', '.html', '.htm', '.mht', '.pdf', '.xlsx', '.gknb', '.doc', '.wps', '.et'])})",
    "Word 文件 (*.docx)",
    f"网页 ({_patterns(KIND_SUFFIXES['html'])})",
    "PDF 文件 (*.pdf)",
    "Excel 表格 (*.xlsx)",
    "年报助手草稿 (*.gknb)",
    "所有文件 (*)",
])

_REFUSALS = {
    ".doc": "这是旧版 Word 文件（.doc），无法直接读取。请在 Word 或 WPS 中打开它，"
            "选择“另存为”，保存类型选“Word 文档（*.docx）”，再导入新文件。",
    ".wps": "这是 WPS 文字文件（.wps），无法直接读取。请在 WPS 中打开它，选择“另存为”，"
            "文件类型选“Word 文件（*.docx）”，再导入新文件。",
    ".et": "这是 WPS 表格文件（.et），无法直接读取。请在 WPS 中打开它，选择“另存为”，"
           "文件类型选“Excel 文件（*.xlsx）”，再导入新文件。",
    ".xls": "这是旧版 Excel 文件（.xls），无法直接读取。请在 Excel 或 WPS 中打开它，"
            "另存为“Excel 工作簿（*.xlsx）”，再导入新文件。",
    ".ofd": "这是 OFD 版式文件，无法读取。请改用报告的 Word 文件、网页或 PDF。",
    ".rtf": "这是 RTF 文件，无法直接读取。请在 Word 或 WPS 中打开它，另存为 .docx 后再导入。",
    ".txt": "这是纯文本文件，其中没有表格，无法读取统计表。请改用报告的 Word 文件、网页或 PDF。",
}
_IMAGE = "这是图片文件，其中的文字无法读取。请改用报告的 Word 文件、网页或文字版 PDF，或手工录入。"
_PRESENTATION = "这是演示文稿，不是年度报告。请改用报告的 Word 文件、网页或 PDF。"


def refusal(suffix: str, name: str) -> str:
    if suffix in (".jpg", ".jpeg", ".png", ".tif", ".tiff"):
        text = _IMAGE
    elif suffix in (".ppt", ".pptx", ".dps"):
        text = _PRESENTATION
    else:
        text = _REFUSALS.get(suffix, _REFUSALS[".doc"])
    return f"“{name}”：{text}"


def detect_kind(path: Path, head: bytes) -> str:
    """The kind to read, from the suffix checked against the first bytes; ImportFailed otherwise."""
    name = path.name
    suffix = path.suffix.lower()
    if head.startswith(_OLE):
        # The old binary container: .doc, .wps, .et, .xls — whatever the name says.
        if suffix in (".wps", ".et", ".xls"):
            raise ImportFailed(refusal(suffix, name))
        if suffix in KIND_SUFFIXES["xlsx"]:
            raise ImportFailed(refusal(".xls", name))
        if suffix == ".pdf" or suffix in KIND_SUFFIXES["html"]:
            raise ImportFailed(f"“{name}”的内容不是{suffix[1:].upper()}，而是旧版 Office 文件。"
                               "请在 Word 或 WPS 中打开它，另存为 .docx 后再导入。")
        raise ImportFailed(refusal(".doc", name))
    if suffix in REFUSED_SUFFIXES:
        raise ImportFailed(refusal(suffix, name))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in KIND_SUFFIXES["gknb"]:
        return "gknb"
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if suffix == ".pdf":
        raise ImportFailed(f"“{name}”不是有效的 PDF 文件（文件开头没有 PDF 标记），可能已损坏。")
    if head.startswith(_ZIP):
        if suffix in KIND_SUFFIXES["xlsx"]:
            return "xlsx"
        if suffix in KIND_SUFFIXES["docx"]:
            return "docx"
        return "zip"  # decided by its content types (a .docx renamed to .html still reads)
    if suffix in KIND_SUFFIXES["docx"] or suffix in KIND_SUFFIXES["xlsx"]:
        if _looks_like_html(stripped):  # WPS and some sites save HTML under a .doc(x)/.xls(x) name
            return "html"
        raise ImportFailed(f"“{name}”不是有效的 {suffix[1:]} 文件（可能已损坏，或只是改了扩展名）。")
    if suffix in KIND_SUFFIXES["html"] or _looks_like_html(stripped):
        return "html"
    if not suffix:
        raise ImportFailed(f"“{name}”没有扩展名，无法判断是什么文件。支持：Word（.docx）、网页（.html）、"
                           "PDF、Excel（.xlsx）和年报助手草稿（.gknb）。")
    raise ImportFailed(f"不支持“{suffix}”文件。支持：Word（.docx）、网页（.html/.htm）、PDF、"
                       "Excel（.xlsx）和年报助手草稿（.gknb）。")


def _looks_like_html(head: bytes) -> bool:
    low = head[:2048].lower()
    if low.startswith((b"\xff\xfe", b"\xfe\xff")):
        low = low.decode("utf-16", "ignore").encode("ascii", "ignore").lower()
    return (low.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body"))
            or b"<html" in low or b"mime-version:" in low)

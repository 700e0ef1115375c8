"""Bounds on what an import will read: a file from a stranger must never hang or exhaust the app.

The file is read once, through model.safe_files (a regular file, never a pipe or a device) and
no further than its kind's limit (MAX_FILE_BYTES; model.importing.read_source).  Every reader
checks sizes before it parses (a zip's members before anything is unpacked), refuses
XML that declares a DTD (entity expansion: no Office file ever needs one), and checks a Budget —
a deadline and counts of pages, rows and characters — as it goes.  The import also runs in a child
process that the caller can stop (model/importing/isolated.py), so even a parser stuck inside a
library is bounded.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib

from model.errors import ImportFailed

MB = 1024 * 1024
# Largest file accepted, by kind.  A published report is a few hundred KB (a PDF with images a few
# MB); these leave a wide margin and still keep parsing bounded.
MAX_FILE_BYTES = {"docx": 40 * MB, "xlsx": 40 * MB, "html": 20 * MB, "pdf": 80 * MB, "gknb": 50 * MB}
# Zip containers (.docx, .xlsx): checked from the central directory before anything is unpacked,
# then again while reading (a lying directory does not get past the streaming check).
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL = 200 * MB  # all members, uncompressed
MAX_XML_MEMBER = 16 * MB  # one XML part, uncompressed (a 100-page Word body is ~5 MB)
MAX_SHEET_CELLS = 100_000  # cells in all of a workbook's sheets (the three tables have ~300)
MAX_MERGED_AREA = 100_000  # cells one merged range may cover (openpyxl makes an object for each)
MAX_ZIP_RATIO = 200  # uncompressed / compressed for members over 1 MB (text XML compresses ~10×)
# Content: far beyond any real report, far below what would take long.
MAX_PDF_PAGES = 300
MAX_PAGE_CHARS = 60_000  # characters on one PDF page (a dense A4 page holds ~2,000)
MAX_TABLE_ROWS = 3000  # rows in one source table (表三 has 28)
MAX_TABLE_COLS = 200
MAX_TABLE_CELLS = 60_000
MAX_TEXT_CHARS = 3_000_000  # all paragraphs together
MAX_PARAGRAPHS = 50_000
DEFAULT_SECONDS = 30.0  # cooperative deadline inside import_report

_CHUNK = 1 << 16


class Budget:
    """A deadline that long loops check; raises ImportFailed when it has passed."""

    def __init__(self, seconds: float = DEFAULT_SECONDS):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ImportFailed(f"读取超过 {self.seconds:.0f} 秒仍未完成，已停止。文件可能过大或已损坏；"
                               "请用 Word 或 WPS 打开后另存为新文件再试。")


def too_large(name: str, size: int, limit: int) -> ImportFailed:
    return ImportFailed(f"“{name}”过大（{size / MB:.1f} MB，上限 {limit / MB:.0f} MB），不像一份年度报告，未导入。")


def open_zip(data: bytes, name: str, what: str) -> zipfile.ZipFile:
    """The zip container in `data` (nothing unpacked yet); ImportFailed when it is none."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ImportFailed(f"“{name}”不是有效的{what}（文件可能已损坏或不完整）。") from None


def open_office_zip(data: bytes, name: str, what: str, part: str, part_name: str,
                    budget: Budget) -> zipfile.ZipFile:
    """A Word or Excel container a library may then parse: a zip whose directory is sane, holding
    the `part` its kind needs, every XML part streamed once within its bounds (check_zip,
    scan_xml_members)."""
    zf = open_zip(data, name, what)
    check_zip(zf, name, what)
    if part not in zf.namelist():
        raise ImportFailed(f"“{name}”不是{what}（缺少{part_name}部分），未导入。")
    scan_xml_members(zf, name, what, budget)
    return zf


def check_zip(zf: zipfile.ZipFile, name: str, what: str) -> None:
    """Refuse a zip bomb from its directory, before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportFailed(f"“{name}”包含 {len(infos)} 个内部文件，不是正常的{what}，未导入。")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_XML_MEMBER and info.filename.lower().endswith((".xml", ".rels")):
            raise ImportFailed(f"“{name}”内部的 {info.filename} 解压后过大，不是正常的{what}，未导入。")
        if info.file_size > MB and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ImportFailed(f"“{name}”的压缩比异常（疑似“压缩炸弹”），未导入。")
    if total > MAX_ZIP_TOTAL:
        raise ImportFailed(f"“{name}”解压后总大小超过 {MAX_ZIP_TOTAL // MB} MB，不是正常的{what}，未导入。")


_CELL_TAG = re.compile(rb"<c[ >/]")
_MERGE_REF = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def scan_xml_members(zf: zipfile.ZipFile, name: str, what: str, budget: Budget) -> None:
    """Stream every XML part once: no part may exceed its size (whatever the directory claims),
    none may declare a DTD — Office files never do, entity-expansion attacks always do — and a
    workbook's sheets may hold only so many cells and merged areas (checked here because openpyxl
    builds an object for every cell a merged range covers)."""
    cells = 0
    for info in zf.infolist():
        lower = info.filename.lower()
        if not lower.endswith((".xml", ".rels", ".vml")):
            continue
        sheet = lower.startswith("xl/worksheets/")
        seen = 0
        tail = b""
        try:
            with zf.open(info) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    seen += len(chunk)
                    if seen > MAX_XML_MEMBER:
                        raise ImportFailed(f"“{name}”内部的 {info.filename} 解压后过大，不是正常的{what}，未导入。")
                    window = tail + chunk
                    upper = window.upper()
                    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
                        raise ImportFailed(f"“{name}”含有 XML 实体声明（DTD），正常的{what}不会有；"
                                           "为安全起见未导入。")
                    if sheet:
                        cells += len(_CELL_TAG.findall(chunk))
                        if cells > MAX_SHEET_CELLS:
                            raise ImportFailed(f"“{name}”的工作表中有超过 {MAX_SHEET_CELLS} 个单元格，"
                                               "远多于年度报告的统计表，未导入。")
                        for m in _MERGE_REF.finditer(window):
                            rows = abs(int(m.group(4)) - int(m.group(2))) + 1
                            cols = abs(_column_number(m.group(3)) - _column_number(m.group(1))) + 1
                            if rows * cols > MAX_MERGED_AREA:
                                raise ImportFailed(f"“{name}”中有覆盖 {rows * cols} 个单元格的合并区域，"
                                                   "不是正常的年度报告表格，未导入。")
                    tail = chunk[-96:]
                    budget.check()
        except ImportFailed:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError):
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression
            raise ImportFailed(f"“{name}”已损坏（内部文件 {info.filename} 无法解压），未导入。") from None

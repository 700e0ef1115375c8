"""Units' reports on disk: which files in a folder are reports, and reading one of them.

`scan_sources` walks the folders the office chose (real subfolders too, never through a link)
and sorts what it finds into report files and the rest (skipped, each with a Chinese reason).
`read_unit_report` is the one function that turns a file into a Report: a draft of ours is
parsed here, every published source (Word, web page, PDF, XLSX) goes through the importer
(model.importing), which also explains the Office files it cannot read (.doc, .wps, .xls …).
`read_unit` wraps it for the review: never raises, checks the report, keeps size and mtime.
Nothing here writes, renames or touches a file's times.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from model.checks import Finding, check_report
from model.draft_io import EXTENSION, MAX_BYTES, loads
from model.errors import ReportError
from model.importing import DOUBTFUL, UNREAD, import_report
from model.importing.sniff import KIND_SUFFIXES
from model.report import Report
from model.safe_files import ReadRefused, read_regular, refusal_message, size_text

# What the review calls each kind of source (the importer's kinds).
KIND_LABELS = {"gknb": "草稿", "docx": "Word", "html": "网页", "pdf": "PDF", "xlsx": "Excel"}
# Sources the importer reads; a draft is read directly.
IMPORT_KINDS = {s: KIND_LABELS[k] for k, suffixes in KIND_SUFFIXES.items() if k != "gknb" for s in suffixes}
# Office files a unit may well send but that cannot be read: they get a row (无法读取, with the
# importer's advice: 另存为 .docx …) instead of disappearing among the skipped files.
EXPLAINED_KINDS = {".doc": "Word", ".wps": "WPS", ".et": "WPS", ".xls": "Excel", ".ofd": "OFD", ".rtf": "RTF"}
KIND_NAMES = {EXTENSION: "草稿", **IMPORT_KINDS, **EXPLAINED_KINDS}
MAX_SOURCE_BYTES = MAX_BYTES  # 50 MB for a draft: a report with pictures fits; a video does not
MAX_DEPTH = 4  # folder levels below the chosen one
MAX_ENTRIES = 20_000  # a folder of more is not a folder of reports: stop, say so
# Our own side files, and Office's: never reports, never worth a line.
_QUIET_SUFFIXES = (".bak", ".lock", ".tmp")


@dataclass(frozen=True)
class Skipped:
    name: str  # relative to the chosen folder
    reason: str  # Chinese


@dataclass
class SourceScan:
    files: list[Path] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)  # file → name shown (relative path)
    skipped: list[Skipped] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)  # the folders chosen (outputs stay out of them)
    chosen_files: set[Path] = field(default_factory=set)  # files chosen by name, not found in a folder
    seen: set = field(default_factory=set)  # each file once, however it was reached (_identity)


@dataclass
class UnitRead:
    """One file read for the review (picklable: it travels back from a worker process)."""

    path: str
    name: str  # shown: relative to the chosen folder
    kind: str  # 草稿 / Word / PDF / 网页 / Excel
    size: int = 0
    mtime_ns: int = 0
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # why it could not be read (Chinese); "" when read
    notes: list[str] = field(default_factory=list)  # the importer's doubts, in Chinese

    @property
    def ok(self) -> bool:
        return self.report is not None


def is_source_name(name: str) -> bool:
    return Path(name).suffix.lower() in KIND_NAMES


def _quiet(name: str) -> bool:
    low = name.lower()
    return name.startswith((".", "~$")) or low.endswith(_QUIET_SUFFIXES) or low in ("thumbs.db", "desktop.ini")


def scan_sources(chosen: list[Path]) -> SourceScan:
    """Report files under the chosen folders and files, in a stable order."""
    scan = SourceScan()
    count = [0]
    for item in chosen:
        item = Path(item)
        try:
            st = os.lstat(item)
        except OSError:
            scan.skipped.append(Skipped(item.name or str(item), "找不到此文件或文件夹。"))
            continue
        if stat.S_ISDIR(st.st_mode):
            scan.roots.append(item)
            _walk(item, item, 0, scan, count)
        else:
            _consider(item, item.name, st, scan)
            if item in scan.names:
                scan.chosen_files.add(item)
    scan.files.sort(key=lambda p: scan.names[p])
    return scan


def _walk(root: Path, folder: Path, depth: int, scan: SourceScan, count: list[int]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        scan.skipped.append(Skipped(_rel(root, folder) or folder.name, f"无法打开此文件夹（系统错误代码 {exc.errno}）。"))
        return
    for entry in entries:
        count[0] += 1
        if count[0] > MAX_ENTRIES:
            if count[0] == MAX_ENTRIES + 1:
                scan.skipped.append(Skipped(_rel(root, folder) or folder.name,
                                            f"文件夹中的文件超过 {MAX_ENTRIES} 个，其余未查看。"))
            return
        path = Path(entry.path)
        name = _rel(root, path)
        if _quiet(entry.name):
            continue
        try:
            if entry.is_symlink():
                scan.skipped.append(Skipped(name, "快捷方式（链接），为安全起见不读取它指向的内容。"))
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth >= MAX_DEPTH:
                    scan.skipped.append(Skipped(name, f"文件夹层级过深（超过 {MAX_DEPTH} 层），未查看。"))
                else:
                    _walk(root, path, depth + 1, scan, count)
                continue
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            scan.skipped.append(Skipped(name, f"无法查看（系统错误代码 {exc.errno}）。"))
            continue
        _consider(path, name, st, scan)


def _consider(path: Path, name: str, st: os.stat_result, scan: SourceScan) -> None:
    if stat.S_ISLNK(st.st_mode):
        scan.skipped.append(Skipped(name, "快捷方式（链接），为安全起见不读取它指向的内容。"))
    elif not stat.S_ISREG(st.st_mode):
        scan.skipped.append(Skipped(name, "不是普通文件，未读取。"))
    elif not is_source_name(path.name):
        what = path.suffix.lower() or "无扩展名"
        scan.skipped.append(Skipped(name, f"不是年度报告文件（{what}），未读取。"))
    elif path not in scan.names and _identity(path, st) not in scan.seen:
        scan.seen.add(_identity(path, st))
        scan.files.append(path)
        scan.names[path] = name


def _identity(path: Path, st: os.stat_result):
    """One file, whether chosen with its folder and again by itself, by a path with 「..」 in it or
    by a second hard link: device and inode where the system gives them (a Windows folder listing
    gives 0), else the absolute path as the system compares names."""
    if st.st_ino:
        return st.st_dev, st.st_ino
    return os.path.normcase(os.path.abspath(path))


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_unit_report(path: Path) -> tuple[Report, str, list[str]]:
    """(report, kind, notes) of one unit's file, or ReportError with a Chinese message.

    THE one way a file becomes a report for the review and the sum: a draft is parsed here,
    every other source goes through the importer.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    # Never through a link, never a pipe or a device (model.safe_files), whoever sent the file.
    if suffix == EXTENSION:
        try:
            data, _ = read_regular(path, MAX_SOURCE_BYTES, follow_links=False)
        except ReadRefused as exc:
            raise ReportError(refusal_message(exc, "草稿文件")) from None
        return loads(data, path.name), KIND_NAMES[EXTENSION], []
    if suffix in IMPORT_KINDS or suffix in EXPLAINED_KINDS:
        result = import_report(path, follow_links=False)  # ImportFailed (a ReportError) says why
        return result.report, KIND_LABELS.get(result.kind, KIND_NAMES[suffix]), _import_notes(result)
    raise ReportError(f"“{path.name}”不是年度报告文件。")


def _import_notes(result) -> list[str]:
    """What the office must know of an import: what was not read or is doubtful, and the
    importer's remarks (its first message only says what was detected)."""
    notes = []
    unread = [d for d in result.doubtful if d.kind == UNREAD]
    doubtful = [d for d in result.doubtful if d.kind == DOUBTFUL]
    if unread or doubtful:
        parts = ([f"{len(unread)} 处未能读取"] if unread else []) + ([f"{len(doubtful)} 处数值不够确定"] if doubtful else [])
        kind = KIND_LABELS.get(result.kind, "文件")
        kind = f" {kind} " if kind.isascii() else kind  # 「从 PDF 导入」, 「从网页导入」
        notes.append(f"从{kind}导入时有 {'、'.join(parts)}，请对照原文核实。")
    notes += [m for m in result.messages[1:] if not m.startswith("已去掉")]
    return notes


def read_unit(path: str, name: str = "") -> UnitRead:
    """Read and check one file; any failure becomes the row's error text, never an exception."""
    p = Path(path)
    out = UnitRead(path=str(p), name=name or p.name, kind=KIND_NAMES.get(p.suffix.lower(), p.suffix))
    try:
        st = os.lstat(p)
        out.size, out.mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        pass
    if out.size == 0 and out.mtime_ns and p.suffix.lower() != EXTENSION:
        out.error = f"“{p.name}”是空文件（0 字节）。"
        return out
    try:
        report, kind, notes = read_unit_report(p)
    except ReportError as exc:
        out.error = str(exc)
        return out
    except (MemoryError, RecursionError):
        out.error = f"“{p.name}”过于复杂（{size_text(out.size)}），无法读取。"
        return out
    except Exception as exc:  # noqa: BLE001 - a foreign file must never stop the whole review
        out.error = f"“{p.name}”读取出错（{type(exc).__name__}），可能已损坏。"
        return out
    out.kind, out.report, out.notes = kind, report, notes
    out.findings = check_report(report)
    return out

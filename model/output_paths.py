"""Never write an output over an input: one rule for every export, on the command line and in the window.

`refuse_unsafe_outputs(draft, outputs)` is called with the draft being exported and *all* the files
one command or dialog is about to write (PDF, XLSX, and any kind added later).  It refuses, with a
Chinese message, an output that is

* the draft itself — also through a symbolic link or a second hard link, and whatever the case of
  the letters on a file system that ignores case;
* the draft's `.bak` or `.lock` (its backup, and the lock another window relies on);
* the same file as another output of the same command (`--pdf X --xlsx X` would leave only one).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Sequence

from model.atomic_file import backup_path, write_message
from model.errors import ReportError
from model.safe_files import same_file_key


class OutputPathError(ReportError):
    """An output path that would destroy an input or another output."""


def _same_existing(a: Path, b: Path) -> bool:
    """Two existing names of one file (hard links, a link to it, case variants)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_unsafe_outputs(draft: Path | None, outputs: Sequence[Path]) -> None:
    protected: list[tuple[Path, str]] = []
    if draft is not None:
        draft = Path(draft)
        real = Path(os.path.realpath(draft))
        itself = f"要导出的草稿“{draft.name or draft}”本身"
        protected = [(draft, itself), (real, itself)]
        for p in {real, draft}:
            if p.name:  # "", ".", "/": no file of that name, hence no .bak or .lock beside it
                protected += [(backup_path(p), f"草稿的备份文件“{backup_path(p).name}”"),
                              (p.with_name(p.name + ".lock"), f"草稿的锁文件“{p.name}.lock”")]
    keys = {}
    for p, what in protected:
        keys.setdefault(same_file_key(p), what)
    seen: dict[str, Path] = {}
    for out in outputs:
        out = Path(out)
        key = same_file_key(out)
        what = keys.get(key)
        if what is None:
            what = next((w for p, w in protected if _same_existing(out, p)), None)
        if what is not None:
            raise OutputPathError(f"输出文件“{out}”就是{what}，导出会把它覆盖。请另选输出文件名。")
        twin = seen.get(key) or next((s for s in seen.values() if _same_existing(out, s)), None)
        if twin is not None:
            raise OutputPathError(f"两个输出文件“{twin}”和“{out}”是同一个文件，后一个会覆盖前一个。"
                                  "请为每种格式指定不同的文件名。")
        seen[key] = out


# Extensions that name a kind of document: an output named with one of them is meant to be that
# kind (`--xlsx 年报.pdf` is a slip, not a wish for an XLSX called .pdf).
DOCUMENT_SUFFIXES = {
    ".gknb": "年报助手草稿", ".pdf": "PDF", ".xlsx": "Excel", ".xls": "Excel", ".et": "WPS 表格",
    ".docx": "Word", ".doc": "Word", ".wps": "WPS 文字", ".html": "网页", ".htm": "网页",
    ".ofd": "OFD", ".rtf": "RTF", ".csv": "CSV", ".txt": "文本", ".json": "JSON", ".zip": "压缩包",
}


def output_named(raw: str, suffixes: tuple[str, ...], what: str) -> Path:
    """The path an output of kind `what` (「PDF」「草稿」) goes to: as given when it ends in one of
    `suffixes`; with the first of them added when it has no extension or one that names no
    document (「年报」「年报.2024」); refused when it names another kind (`--xlsx 年报.pdf`, a draft
    called 2025.docx) or is no file name at all."""
    out = Path(raw)
    if out.name in ("", ".", "..") or str(raw).endswith(("/", os.sep)) or _is_folder(out):
        raise OutputPathError(f"输出路径“{raw}”是文件夹，不是文件名，请给出{what}的文件名。")
    suffix = out.suffix.lower()
    if suffix in suffixes:
        return out
    if suffix in DOCUMENT_SUFFIXES:
        raise OutputPathError(f"“{out.name}”是{DOCUMENT_SUFFIXES[suffix]}文件的名称，不能用来保存{what}："
                              f"{what}的文件名应以 {' 或 '.join(suffixes)} 结尾。")
    return out.with_name(out.name + suffixes[0])


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long: the write will say so
        return False


def target_problem(path: Path) -> str:
    """Why `path` cannot be written (Chinese), or "": checked for every output of a command
    before any is written, so one bad name leaves nothing half done — a folder, a pipe, a link
    (never written through on the command line, --force or not), a missing folder, a name too
    long.  The write checks again."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a name too long, a folder in the path that is a file …
        return write_message(path, exc)
    if st is not None and stat.S_ISDIR(st.st_mode):
        return write_message(path, OSError(errno.EISDIR, ""))
    if st is not None and stat.S_ISLNK(st.st_mode):  # never write through a link we did not make
        return f"“{path}”是快捷方式（链接），为安全起见不写入它指向的文件。请另选文件名。"
    if st is not None and not stat.S_ISREG(st.st_mode):
        return f"“{path}”不是普通文件，无法保存到这里。请另选文件名。"
    folder = path.parent
    if not folder.is_dir():
        return f"文件夹“{folder}”不存在，无法保存“{path.name}”。请选择其他位置。"
    return ""

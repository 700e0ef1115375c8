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

import os
from pathlib import Path
from typing import Sequence

from model.atomic_file import backup_path
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

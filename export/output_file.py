"""Writing a finished export: atomically, and with a useful message when the old file is open.

A failed export never leaves half a file (model.atomic_file).  On Windows the usual reason a
write fails over an existing file is that Excel, Word or WPS still has it open: the message says
so in the clerk's words.
"""

from __future__ import annotations

from pathlib import Path

from model.atomic_file import write_atomic
from model.errors import DraftWriteError


# The programs that may hold each kind of export open (named in the message when a write fails).
OPENED_IN = {"xlsx": "Excel 或 WPS", "docx": "Word 或 WPS", "html": "浏览器或编辑器"}


def write_output(path: Path, data: bytes, opened_in: str) -> None:
    """Write `data` to `path` atomically; `opened_in` names the programs that may hold the old
    file open, e.g. 「Excel 或 WPS」."""
    path = Path(path)
    try:
        write_atomic(path, data, keep_backup=False)
    except DraftWriteError as exc:
        if _exists(path):
            raise DraftWriteError(f"{exc} 如果该文件正在 {opened_in} 中打开，请先关闭它再导出。") from exc
        raise


def _exists(path: Path) -> bool:
    """path.exists() that answers False where the name itself is the problem (too long, invalid)
    instead of raising: the write error already says what went wrong."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False

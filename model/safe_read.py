"""Reading files other people sent: regular files only, never through a link, never unbounded.

A folder of units' reports may hold anything: a link to elsewhere, a named pipe that would block
a read forever, a device, a 4 GB video.  `read_regular_file` opens without following a final
link (where the system can say so), without blocking, checks what it opened is a regular file no
larger than the limit, and reads at most limit + 1 bytes however the file grows meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.errors import ReportError


class SourceReadError(ReportError):
    """A file that could not be read safely; str() is the Chinese reason."""


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"


def check_regular(path: Path, limit: int) -> os.stat_result:
    """lstat the path: a regular file no larger than `limit`, or SourceReadError."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise SourceReadError(f"找不到文件“{path.name}”。") from None
    except OSError as exc:
        raise SourceReadError(f"无法读取“{path.name}”（系统错误代码 {exc.errno}）。") from None
    if stat.S_ISLNK(st.st_mode):
        raise SourceReadError(f"“{path.name}”是快捷方式（链接），为安全起见不读取它指向的文件。")
    if stat.S_ISDIR(st.st_mode):
        raise SourceReadError(f"“{path.name}”是文件夹，不是文件。")
    if not stat.S_ISREG(st.st_mode):
        raise SourceReadError(f"“{path.name}”不是普通文件。")
    if st.st_size > limit:
        raise SourceReadError(f"“{path.name}”过大（{size_text(st.st_size)}，超过 {size_text(limit)}），未读取。")
    return st


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; SourceReadError otherwise."""
    path = Path(path)
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:  # ELOOP: it became a link since the lstat
        raise SourceReadError(f"无法读取“{path.name}”（系统错误代码 {exc.errno}）。") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SourceReadError(f"“{path.name}”不是普通文件。")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise SourceReadError(f"“{path.name}”过大（超过 {size_text(limit)}），未读取。")
        return b"".join(chunks)
    except OSError as exc:
        raise SourceReadError(f"无法读取“{path.name}”（系统错误代码 {exc.errno}）。") from None
    finally:
        os.close(fd)

"""The two rules every file the app touches follows: how it is read, and how a new one is made.

* Reading (`read_regular`, `open_regular`): regular files only, and never more than a stated
  number of bytes.  The type and the size are checked on the path before it is opened (a FIFO is
  never opened, so nothing waits for a writer that never comes; /dev/zero is never read), then
  the file is opened without blocking (O_NONBLOCK: a FIFO swapped in between cannot make the open
  wait) and checked again on the open descriptor, which is what is read; the read itself stops
  one byte past the limit.  Every file the clerk or a stranger supplies is read here: drafts,
  their .bak, locks, recovery copies, settings, import sources, 名单 files, units' reports and
  font files (mapped or read in part through `open_regular`), each with the limit of its use.
* Creating (`open_exclusive`, `create_exclusive`): O_CREAT|O_EXCL, and O_NOFOLLOW where the system
  has it, so a name that already exists — a file, a folder, or a symbolic link planted there,
  even one pointing nowhere — is never opened, truncated or written through.  Locks and temp
  files are made here.

Reads raise `ReadRefused` (the reason, the size seen); `refusal_message` says why in Chinese,
naming what was being read (草稿文件, 名单文件, 字体文件, 报告文件 …).  Creation raises OSErrors,
which the callers word themselves.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from model.digests import sha256_hex

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO that slipped past the check never waits
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20

# Why a read was refused (ReadRefused.reason).
MISSING, FOLDER, NOT_REGULAR, LINK, TOO_LARGE, DENIED, OTHER = (
    "missing", "folder", "not_regular", "link", "too_large", "denied", "other")


class ReadRefused(Exception):
    """A file that was not read: what was wrong (`reason`), and for TOO_LARGE the size seen."""

    def __init__(self, reason: str, path: Path, size: int = 0, limit: int = 0, code: int | None = None):
        super().__init__(f"{reason}: {path}")
        self.reason, self.path, self.size, self.limit, self.errno = reason, Path(path), size, limit, code


@dataclass(frozen=True)
class FileStamp:
    """What a file on disk was when it was read or written: its size, mtime and a hash of its bytes.

    Two stamps describe the same content when size and hash agree; the mtime is kept to say
    *when* a file changed (a file copied back with identical bytes has not changed)."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: "FileStamp | None") -> bool:
        return other is not None and self.size == other.size and self.sha256 == other.sha256


def stamp_of(data: bytes, st: os.stat_result | None) -> FileStamp:
    return FileStamp(len(data), st.st_mtime_ns if st is not None else 0, sha256_hex(data))


def _refused_from_oserror(exc: OSError, path: Path) -> ReadRefused:
    if exc.errno == errno.ENOENT:
        return ReadRefused(MISSING, path, code=exc.errno)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadRefused(DENIED, path, code=exc.errno)
    if exc.errno == errno.EISDIR:
        return ReadRefused(FOLDER, path, code=exc.errno)
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
        return ReadRefused(LINK, path, code=exc.errno)
    return ReadRefused(OTHER, path, code=exc.errno)


def _kind_refusal(st: os.stat_result, path: Path, limit: int) -> ReadRefused | None:
    if stat.S_ISLNK(st.st_mode):
        return ReadRefused(LINK, path)
    if stat.S_ISDIR(st.st_mode):
        return ReadRefused(FOLDER, path)
    if not stat.S_ISREG(st.st_mode):  # a FIFO, a device (/dev/zero), a socket
        return ReadRefused(NOT_REGULAR, path)
    if st.st_size > limit:
        return ReadRefused(TOO_LARGE, path, size=st.st_size, limit=limit)
    return None


def open_regular(path: Path, limit: int, follow_links: bool = True) -> tuple[BinaryIO, os.stat_result]:
    """An unbuffered binary file open on a regular file of at most `limit` bytes, and the stat of
    exactly what was opened; ReadRefused otherwise.  The caller closes the file.

    follow_links=False refuses a symbolic link itself (for files we make: locks, recovery copies;
    for files strangers send: units' reports); a draft the clerk opened through a link is read
    through it."""
    path = Path(path)
    try:
        st = os.stat(path) if follow_links else os.lstat(path)
    except OSError as exc:
        raise _refused_from_oserror(exc, path) from None
    except ValueError:  # a NUL in the name
        raise ReadRefused(OTHER, path) from None
    refusal = _kind_refusal(st, path, limit)
    if refusal is not None:
        raise refusal
    flags = os.O_RDONLY | _BINARY | _NONBLOCK | _CLOEXEC | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refused_from_oserror(exc, path) from None
    try:
        fst = os.fstat(fd)  # the name may have changed since the check: what was opened counts
        refusal = _kind_refusal(fst, path, limit)
        if refusal is not None:
            raise refusal
        return os.fdopen(fd, "rb", buffering=0), fst
    except OSError as exc:
        os.close(fd)
        raise _refused_from_oserror(exc, path) from None
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int, follow_links: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, and its stat; ReadRefused otherwise
    (see open_regular for follow_links)."""
    f, st = open_regular(path, limit, follow_links)
    with f:
        return read_rest(f, Path(path), limit), st


def read_rest(f: BinaryIO, path: Path, limit: int, head: bytes = b"") -> bytes:
    """`head` (what was read of `f` already) and the rest of `f`; ReadRefused (TOO_LARGE) as soon
    as the whole passes `limit`, however the file grows while it is read."""
    chunks, total = [head], len(head)
    if total > limit:
        raise ReadRefused(TOO_LARGE, path, size=total, limit=limit)
    try:
        while True:
            chunk = f.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadRefused(TOO_LARGE, path, size=total, limit=limit)
    except OSError as exc:
        raise _refused_from_oserror(exc, path) from None
    return b"".join(chunks)


def size_text(n: int) -> str:
    """A size for a message: 12 字节, 340 KB, 51.2 MB."""
    if n >= 1024 * 1024:
        return f"{round(n / (1024 * 1024), 1):g} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"


def refusal_message(exc: ReadRefused, what: str, shown: str | None = None) -> str:
    """Chinese for why a file was not read.  `what` says what it was read as (草稿文件, 名单文件,
    字体文件, 报告文件, 恢复副本 …); `shown` is how the file is named to the clerk (its name by
    default; drafts show the whole path)."""
    name = exc.path.name if shown is None else shown
    if exc.reason == MISSING:
        return f"找不到{what}“{name}”。"
    if exc.reason == FOLDER:
        return f"“{name}”是文件夹，不是{what}。"
    if exc.reason == NOT_REGULAR:
        return f"“{name}”不是普通文件（是设备、管道或套接字），不能作为{what}读取。"
    if exc.reason == LINK:
        return f"“{name}”是快捷方式（链接），为安全起见没有读取它指向的{what}。"
    if exc.reason == TOO_LARGE:
        seen = f"{size_text(exc.size)}，" if exc.size else ""
        return f"“{name}”过大（{seen}超过{what}的上限 {size_text(exc.limit)}），没有读取。"
    if exc.reason == DENIED:
        return f"没有权限读取{what}“{name}”。"
    code = f"系统错误代码 {exc.errno}" if exc.errno is not None else "文件名无效"
    return (f"无法读取{what}“{name}”（{code}）。请检查文件是否仍在原处、"
            "U 盘或网络盘是否仍连接。")


def open_exclusive(path: Path, mode: int = 0o666) -> int:
    """A new file's descriptor, open for writing; FileExistsError when the name exists in any form
    (a file, a folder, a symbolic link — followed never, even when it points nowhere)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY | _CLOEXEC, mode)


def create_exclusive(path: Path, data: bytes, mode: int = 0o666) -> os.stat_result:
    """Create `path` holding `data`, only if nothing has that name yet.  Returns its stat.

    On a failed write the half-made file is removed: it is ours, made a moment ago."""
    fd = open_exclusive(path, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    os.close(fd)
    return st


def real_path(path: Path) -> Path:
    """The file a path names once every symbolic link is followed (the draft itself for a link to
    it); two paths name the same draft when their real paths are equal."""
    return Path(os.path.realpath(path))


def same_file_key(path: Path) -> str:
    """A key that is equal for two names of the same file: links followed, case folded where the
    file system ignores case (Windows)."""
    return os.path.normcase(os.path.realpath(path))


def host_name() -> str:
    """This computer's name, as written into locks and temp file names."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # pragma: no cover - Windows; only for the host name, never a connection

    return socket.gethostname()


def pid_alive(pid) -> bool:
    """Whether a process with this id runs on this computer.  Any value that is not a plausible
    pid (a bool, a float, 10**30, a string) is "no", never an exception: these come from files."""
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True

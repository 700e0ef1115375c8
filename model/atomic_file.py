"""Write a file so that a crash at any moment leaves the old or the new content, never a mix.

Sequence (after git-cola's settings save): write a temp file beside the target, flush and fsync
it, copy the current file to <name>.bak, then rename the temp file over the target (atomic on
POSIX and on NTFS through os.replace) and fsync the folder.

Modes: mkstemp makes its file 0600, which would leave drafts, PDFs and XLSX files unreadable to
colleagues on a shared folder or to a web server.  A replaced file keeps its mode (the .bak gets
the mode of the file it copies); a new file gets the usual 0666 & ~umask, as open() would give it.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import stat
import tempfile
import threading
import time
from pathlib import Path

from model.errors import DraftWriteError

BACKUP_SUFFIX = ".bak"
# A temp file this old is left from a save that was killed midway (crash, power cut), never one
# still being written: removed on the next save (on Windows a leading dot does not hide it).
STALE_TEMP_SECONDS = 3600


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def write_atomic(path: Path, data: bytes, keep_backup: bool = True) -> None:
    path = Path(path)
    folder = path.parent
    try:
        special = path.exists() and not path.is_file()
    except OSError:
        special = False  # a name the system cannot even look up: mkstemp below says why
    if special:  # a folder, a device (/dev/full), a pipe: renaming over it would replace it
        raise DraftWriteError(f"“{path}”不是普通文件，无法保存到这里。请另选文件名。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # the folder is the problem, except when the name is too long
        raise DraftWriteError(write_message(path if exc.errno == errno.ENAMETOOLONG else folder, exc)) from exc
    try:
        _give_mode(fd, path)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.exists():
            _refresh_backup(path)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DraftWriteError(write_message(path, exc)) from exc
    _fsync_dir(folder)
    _remove_stale_temps(path)


def _remove_stale_temps(path: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for p in path.parent.glob(glob.escape(f".{path.name}.") + "*.tmp"):  # also .<name>.bak.*.tmp
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass


def _refresh_backup(path: Path) -> None:
    """The previous version becomes the backup, itself replaced atomically."""
    bak = backup_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=path.parent)
    try:
        _give_mode(fd, path)
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, bak)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _give_mode(fd: int, like: Path) -> None:
    """The temp file's mode: that of the file it replaces (or copies), else 0666 & ~umask."""
    if not hasattr(os, "fchmod"):  # Windows: files have no such modes (ACLs are inherited)
        return
    try:
        mode = stat.S_IMODE(os.stat(like).st_mode)
    except OSError:  # a new file
        mode = 0o666 & ~current_umask()
    os.fchmod(fd, mode)


_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the system tells it (Linux ≥ 4.7)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:  # elsewhere the only way to read it is to set it and set it back
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"磁盘已满，无法保存到“{path}”。请清理磁盘空间后再保存；当前内容仍在窗口中，没有丢失。"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有权限写入“{path}”。请选择其他文件夹（如“文档”）保存；当前内容没有丢失。"
    if exc.errno == errno.ENOENT:
        return f"文件夹“{path}”不存在，无法保存。请选择其他位置。"
    if exc.errno == errno.ENAMETOOLONG:
        return f"文件名或路径过长，无法保存到“{path}”。请用较短的文件名或文件夹。"
    if exc.errno == errno.EISDIR:
        return f"“{path}”是文件夹，无法保存为文件。请另选文件名。"
    # The OS text is English on most systems: name the error by its number, for a technician.
    return f"无法保存到“{path}”（系统错误代码 {exc.errno}）。请换一个文件夹再试；当前内容没有丢失。"

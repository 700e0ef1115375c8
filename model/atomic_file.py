"""Write a file so that a crash at any moment leaves the old or the new content, never a mix.

Sequence (after git-cola's settings save): write a temp file beside the target, flush and fsync
it, copy the current file to <name>.bak, then rename the temp file over the target (atomic on
POSIX and on NTFS through os.replace) and fsync the folder.

Modes: a temp file is made 0600 (as mkstemp makes it), which would leave drafts, PDFs and XLSX files unreadable to
colleagues on a shared folder or to a web server.  A replaced file keeps its mode (the .bak gets
the mode of the file it copies); a new file gets the usual 0666 & ~umask, as open() would give it.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
import threading
import time
from pathlib import Path

from model.errors import DraftWriteError
from model.safe_files import host_name, open_exclusive, pid_alive

BACKUP_SUFFIX = ".bak"
# A temp file this old is left from a save that was killed midway (crash, power cut), never one
# still being written: removed on the next save (on Windows a leading dot does not hide it).
STALE_TEMP_SECONDS = 3600
# Written in pieces: a 100 MB PDF in one write() is a single call of ~0.4 s that an export's
# 取消 (an exception raised in the worker thread between Python steps) has to wait for.
WRITE_PIECE = 4 << 20


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def write_atomic(path: Path, data: bytes, keep_backup: bool = True) -> None:
    path = Path(path)
    folder = path.parent
    try:
        special = path.exists() and not path.is_file()
    except OSError:
        special = False  # a name the system cannot even look up: creating the temp file says why
    if special:  # a folder, a device (/dev/full), a pipe: renaming over it would replace it
        raise DraftWriteError(f"“{path}”不是普通文件，无法保存到这里。请另选文件名。")
    if keep_backup:
        _check_backup_slot(path)
    remove_dead_temps(folder)  # what killed saves left here: gone before this save adds its own
    try:
        fd, tmp = _create_temp(path)
    except OSError as exc:  # the folder is the problem, except when the name is too long
        raise DraftWriteError(write_message(path if exc.errno == errno.ENAMETOOLONG else folder, exc)) from exc
    try:
        _give_mode(fd, path)
        with os.fdopen(fd, "wb") as f:
            view = memoryview(data)
            for k in range(0, len(view), WRITE_PIECE):  # an export's 取消 lands between pieces
                f.write(view[k:k + WRITE_PIECE])
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.exists():
            _refresh_backup(path)
        os.replace(tmp, path)
    except BackupError:
        _unlink_quietly(tmp)
        raise
    except OSError as exc:
        _unlink_quietly(tmp)
        raise DraftWriteError(write_message(path, exc)) from exc
    except BaseException:  # interrupted (a cancelled export, Ctrl+C): never leave the temp file
        _unlink_quietly(tmp)
        raise
    _fsync_dir(folder)
    _remove_stale_temps(path)


def _unlink_quietly(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# -- temp files: made exclusively, named after their process, removed once it is gone -------------
# .<name>.<host tag>-<pid>.<random>.tmp — the name part is shortened so that a long draft name
# still leaves room; the host tag keeps a process on another computer (a shared folder) from
# being judged by this computer's process list.
_TEMP_NAME = re.compile(r"\A\..*\.(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]{1,10})\.[0-9a-z]{8}\.tmp\Z", re.S)
_TEMP_NAME_CHARS = 80


def host_tag() -> str:
    from model.digests import sha1_hex

    return sha1_hex(host_name().encode("utf-8", "surrogateescape"))[:6]


def _create_temp(path: Path) -> tuple[int, str]:
    """A new temp file beside `path` (like tempfile.mkstemp: O_EXCL, no link followed, mode 0600
    until _give_mode sets the mode the finished file should have)."""
    tag = f"{host_tag()}-{os.getpid()}"
    stem = path.name[:_TEMP_NAME_CHARS]
    for _ in range(100):
        tmp = path.parent / f".{stem}.{tag}.{os.urandom(4).hex()}.tmp"
        try:
            return open_exclusive(tmp, 0o600), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temp file name", str(path.parent))


def remove_dead_temps(folder: Path) -> int:
    """Remove the temp files in `folder` that a process of this computer left when it was killed
    midway through a save (its pid is gone).  Returns how many were removed."""
    mine, removed = host_tag(), 0
    try:
        names = os.listdir(folder)
    except (OSError, ValueError):
        return 0
    for name in names:
        m = _TEMP_NAME.match(name)
        if m is None or m["host"] != mine or pid_alive(int(m["pid"])):
            continue
        p = Path(folder) / name
        try:
            if stat.S_ISREG(os.lstat(p).st_mode):  # only a file we could have made
                os.unlink(p)
                removed += 1
        except OSError:
            pass
    return removed


def _remove_stale_temps(path: Path) -> None:
    """Temp files named the old way (no pid) once they are an hour old."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for p in path.parent.glob(glob.escape(f".{path.name[:_TEMP_NAME_CHARS]}.") + "*.tmp"):  # also .<name>.bak.*.tmp
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass


# -- the backup: a .bak that cannot be kept is named as the problem, never the draft ----------------
class BackupError(DraftWriteError):
    """The draft could be saved, but its previous version cannot be kept as <name>.bak (that name
    is a folder, a device, or cannot be replaced).  The window asks whether to save without it."""

    def __init__(self, message: str, backup: Path):
        super().__init__(message)
        self.backup = backup


def _backup_message(bak: Path, why: str) -> str:
    return (f"无法保留上一版本作为备份：{why}。草稿没有保存，当前内容没有丢失。"
            f"请移走或改名“{bak}”后再保存，或选择不保留备份直接保存。")


def _check_backup_slot(path: Path) -> None:
    bak = backup_path(path)
    try:
        st = os.lstat(bak)
    except (OSError, ValueError):
        return  # no backup yet (or a name we cannot even look up: the save says why)
    if stat.S_ISDIR(st.st_mode):
        raise BackupError(_backup_message(bak, f"“{bak.name}”是一个文件夹"), bak)
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):  # a link is replaced, never followed
        raise BackupError(_backup_message(bak, f"“{bak.name}”不是普通文件"), bak)


def _refresh_backup(path: Path) -> None:
    """The previous version becomes the backup, itself replaced atomically."""
    from model.safe_files import ReadRefused, read_regular

    bak = backup_path(path)
    try:
        old, _ = read_regular(path, _BACKUP_READ_LIMIT)
    except ReadRefused as exc:
        if exc.reason == "missing":  # deleted meanwhile: nothing to keep
            return
        raise BackupError(_backup_message(bak, f"无法读取上一版本“{path.name}”"), bak) from None
    fd, tmp = _create_temp(bak)
    try:
        _give_mode(fd, path)
        with os.fdopen(fd, "wb") as out:
            out.write(old)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.replace(tmp, bak)
        except OSError as exc:  # the .bak name itself is the problem, not the disk
            if exc.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST, errno.EACCES, errno.EPERM,
                             errno.ENOTDIR):
                raise BackupError(_backup_message(bak, f"“{bak.name}”无法被替换（{_errno_zh(exc)}）"),
                                  bak) from exc
            raise
    except BaseException:
        _unlink_quietly(tmp)
        raise


# The previous version is copied whole; the save of a draft reads it anyway (bounded by the draft
# limit), outputs are never backed up.  This only bounds a file replaced by something huge.
_BACKUP_READ_LIMIT = 64 * 1024 * 1024


def _errno_zh(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有权限"
    if exc.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
        return "同名文件夹已存在"
    return f"系统错误代码 {exc.errno}"


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

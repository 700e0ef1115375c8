"""<draft>.lock: which window of which process on which computer has a draft open.

* Created atomically (model.safe_files.create_exclusive: O_CREAT|O_EXCL, no link followed): of two
  windows opening a draft at the same moment, exactly one takes the lock; the other learns who
  has it.
* It holds the owner's pid, host and a token naming the window.  Only the window whose token it
  holds removes it: a second window that opened the draft anyway never deletes the first one's lock.
* A lock whose process is gone (same computer) is stale and taken over.  It is first renamed
  aside and checked to be the very file judged stale, so two windows taking over at the same
  moment cannot both win.  A lock still being written (empty or half a record, a moment old) is
  given a moment before it is judged.
* Anything at the lock's name that is not a regular file of lock size — a symbolic link, a
  folder, a FIFO, a device — is never read through, written or removed: the draft opens without a
  lock (acquire() says REFUSED) and the window tells the clerk why.
* Every value read from a lock is checked: a pid that is not a plausible process id, a host that
  is not a short string, JSON that is not an object — the lock is "garbled", owned by no one.

The lock finds the window; the window is asked to come to the front through gui/instance_channel.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from model.safe_files import (FOLDER, LINK, MISSING, NOT_REGULAR, TOO_LARGE, ReadRefused, create_exclusive,
                              host_name, pid_alive, read_regular, real_path)
from model.terms import APP_NAME

LOCK_LIMIT = 4096  # a lock is under 200 bytes; anything larger is not ours
HELD, OTHER, REFUSED, UNAVAILABLE = "held", "other", "refused", "unavailable"
WRITING_GRACE_S = 2.0  # a garbled lock younger than this may be one being written right now
_LIVE_TOKENS: set[str] = set()  # locks held by windows of this process


def _host() -> str:
    return host_name()


def lock_path(draft: Path) -> Path:
    """<draft>.lock beside the file itself: a draft opened through a link has the same lock."""
    real = real_path(Path(draft))
    return real.with_name(real.name + ".lock")


def parse_record(data: bytes) -> dict | None:
    """{"pid", "host", "token"} from a lock's bytes, or None when any of it is not what we write."""
    try:
        info = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(info, dict):
        return None
    pid, host, token = info.get("pid"), info.get("host", ""), info.get("token", "")
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
        return None
    if not isinstance(host, str) or len(host) > 255 or not isinstance(token, str) or len(token) > 64:
        return None
    return {"pid": pid, "host": host, "token": token}


class DraftLock:
    def __init__(self, draft: Path):
        self.path = lock_path(draft)
        self.token = os.urandom(8).hex()
        self.held = False
        self.owner: dict | None = None  # after acquire() == OTHER: who has it
        self.problem = ""  # after acquire() == REFUSED: why, in Chinese

    # -- reading ---------------------------------------------------------------------------------
    def _read(self):
        """(state, record, stat, bytes); state is none | record | garbled | refused."""
        try:
            data, st = read_regular(self.path, LOCK_LIMIT, follow_links=False)
        except ReadRefused as exc:
            if exc.reason == MISSING:
                return "none", None, None, b""
            if exc.reason in (LINK, FOLDER, NOT_REGULAR, TOO_LARGE):
                kind = {LINK: "一个链接", FOLDER: "一个文件夹", NOT_REGULAR: "设备或管道",
                        TOO_LARGE: "一个过大的文件"}[exc.reason]
                self.problem = (f"锁文件“{self.path}”是{kind}，不是本软件创建的，没有使用它。"
                                "本窗口照常打开草稿，但另一个窗口再打开它时不会收到提醒。")
            else:
                self.problem = f"无法读取锁文件“{self.path}”（系统错误代码 {exc.errno}），没有使用它。"
            return "refused", None, None, b""
        record = parse_record(data)
        return ("record" if record else "garbled"), record, st, data

    def _is_live_other(self, record: dict) -> bool:
        if record["token"] and record["token"] == self.token:
            return False
        if record["host"] != _host():
            return True  # another computer (a shared folder): its processes cannot be checked
        if record["pid"] == os.getpid():
            return bool(record["token"]) and record["token"] in _LIVE_TOKENS  # another window here
        return pid_alive(record["pid"])

    def other_owner(self) -> dict | None:
        """The owner's record when another live window holds the draft, else None."""
        state, record, _, _ = self._read()
        if state != "record" or not self._is_live_other(record):
            return None
        return {"pid": record["pid"], "host": record["host"]}

    # -- taking and giving back -------------------------------------------------------------------
    def acquire(self) -> str:
        """HELD; OTHER (self.owner says who); REFUSED (self.problem says why); UNAVAILABLE (the
        folder cannot hold a lock: read-only medium, no permission — the draft still opens)."""
        record_bytes = json.dumps({"app": APP_NAME, "pid": os.getpid(), "host": _host(),
                                   "token": self.token}, ensure_ascii=False).encode("utf-8")
        deadline = time.monotonic() + WRITING_GRACE_S + 0.5
        for _ in range(200):
            try:
                create_exclusive(self.path, record_bytes)
                self.held = True
                _LIVE_TOKENS.add(self.token)
                return HELD
            except FileExistsError:
                pass
            except (OSError, ValueError):
                return UNAVAILABLE
            state, record, st, data = self._read()
            if state == "none":
                continue  # removed a moment ago: try again
            if state == "refused":
                return REFUSED
            if state == "record" and self._is_live_other(record):
                self.owner = {"pid": record["pid"], "host": record["host"]}
                return OTHER
            if state == "garbled" and time.time() - st.st_mtime < WRITING_GRACE_S \
                    and time.monotonic() < deadline:
                time.sleep(0.05)  # another window is writing it this very moment
                continue
            self._remove_stale(st, data)
        return UNAVAILABLE

    def _remove_stale(self, st: os.stat_result, data: bytes) -> None:
        """Remove the lock judged stale — that file, not one another window made meanwhile."""
        grave = self.path.with_name(f".{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}.stale")
        try:
            os.rename(self.path, grave)  # renames a link itself, never its target
        except OSError:
            return
        try:
            data2, st2 = read_regular(grave, LOCK_LIMIT, follow_links=False)
            same = data2 == data and (st2.st_ino, st2.st_dev) == (st.st_ino, st.st_dev)
        except ReadRefused:
            same = False
        if not same:  # a fresh lock slipped in between our read and the rename: put it back
            try:
                if hasattr(os, "link"):
                    os.link(grave, self.path)  # fails if yet another appeared; never overwrites
                else:  # pragma: no cover - Windows: rename does not overwrite either
                    os.rename(grave, self.path)
                    return
            except OSError:
                pass
        try:
            os.unlink(grave)
        except OSError:
            pass

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        _LIVE_TOKENS.discard(self.token)
        state, record, _, _ = self._read()
        if state == "record" and record["token"] == self.token:  # only the lock this window made
            try:
                os.unlink(self.path)
            except OSError:
                pass

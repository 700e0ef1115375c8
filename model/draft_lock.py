"""Tell a second instance that a draft is already open elsewhere.

A small lock file <draft>.lock beside the draft holds the owner's pid and host.  It is advisory:
the second instance is warned and may still open the draft (read-only work is common), and a
lock whose process is gone is stale and taken over.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def _host() -> str:
    import socket  # only for its host name; imported late, it is not needed to draw the window

    return socket.gethostname()


def lock_path(draft: Path) -> Path:
    draft = Path(draft)
    return draft.with_name(draft.name + ".lock")


def pid_alive(pid: int) -> bool:
    # A garbled lock or recovery file may hold anything: no real pid is a bool or above 2**31-1
    # (os.kill would raise OverflowError and stop the window from opening the draft).
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class DraftLock:
    def __init__(self, draft: Path):
        self.path = lock_path(draft)
        self.held = False

    def other_owner(self) -> dict | None:
        """The live owner's record when another process holds the draft, else None."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            pid = info.get("pid", 0)
            host = str(info.get("host", ""))
        except (OSError, ValueError, TypeError, AttributeError):
            return None
        if isinstance(pid, bool) or not isinstance(pid, int):  # acquire() writes an int; not ours
            return None
        if pid == os.getpid() and host == _host():
            return None
        if host == _host() and not pid_alive(pid):
            return None
        return {"pid": pid, "host": host}

    def acquire(self) -> None:
        """Take the lock (best effort: an unwritable folder just means no lock)."""
        try:
            self.path.write_text(json.dumps({"pid": os.getpid(), "host": _host()}),
                                 encoding="utf-8")
            self.held = True
        except OSError:
            self.held = False

    def release(self) -> None:
        if not self.held:
            return
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            if info.get("pid") == os.getpid():
                self.path.unlink()
        except (OSError, ValueError):
            pass
        self.held = False

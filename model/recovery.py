"""Recovery copies written by autosave, offered again after a crash.

Each window has its own recovery file in <state>/recovery, named `<pid>-<random>.gknb`: one slot
per window, never per draft, so two windows on the same draft never overwrite or delete each
other's copy.  It is a normal draft plus "recovery_of" (the draft it belongs to), "recovery_saved_at"
and "recovery_pid".  A clean close deletes it; a leftover one means the app did not close
cleanly, and the next start offers it.

* A copy whose process (from its name) still runs belongs to another open window: not offered.
* Every other copy is offered — also one that cannot be read (too large, damaged, not a regular
  file): it is listed with the reason, never skipped in silence.
* Every value in a copy is checked: a time out of range or of the wrong type is "unknown", a
  pid that is not a plausible process id is "no process".
* Before offering, a start claims each copy by renaming it to a name of its own process
  (`claim`), so two windows starting at the same moment never both restore the same work.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from model import draft_io
from model.atomic_file import write_atomic
from model.draft_io import EXTENSION, check_size, loads, read_refusal_message, report_to_dict
from model.errors import DraftReadError
from model.report import Report
from model.safe_files import ReadRefused, pid_alive, read_regular
from model.user_dirs import ensure, state_dir

RECOVERY_SLACK = 4096  # a copy is checked against the draft limit; reading allows its three keys


def recovery_limit() -> int:
    return draft_io.MAX_BYTES + RECOVERY_SLACK
_SLOT_NAME = re.compile(r"\A(?P<pid>[0-9]{1,10})-[0-9a-f]{8,32}" + re.escape(EXTENSION) + r"\Z")
_EARLIEST, _LATEST = 946684800.0, 32503680000.0  # 2000-01-01 … 3000-01-01: a plausible save time


def recovery_dir() -> Path:
    return state_dir() / "recovery"


@dataclass
class Recovery:
    """A recovery copy on disk: its file, the draft it belongs to, when it was written."""

    path: Path  # the recovery file
    original: str  # the draft it belongs to, or "" for a report never saved
    saved_at: float  # 0.0 when unknown
    report: Report | None  # None when the copy cannot be read; `problem` says why
    problem: str = ""


def new_slot_path() -> Path:
    return recovery_dir() / f"{os.getpid()}-{os.urandom(6).hex()}{EXTENSION}"


class RecoverySlot:
    """The recovery file of one window, for its whole life (whatever draft it shows)."""

    def __init__(self, original: Path | None = None, path: Path | None = None):
        self.path = Path(path) if path is not None else new_slot_path()
        self.original = ""
        self.retarget(original)

    def retarget(self, original: Path | None) -> None:
        self.original = str(Path(original).resolve()) if original else ""

    def write(self, report: Report) -> None:
        data = report_to_dict(report)
        data["recovery_of"] = self.original
        data["recovery_saved_at"] = time.time()
        data["recovery_pid"] = os.getpid()
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        check_size(encoded)  # what a draft could not hold is refused here too, with the same message
        ensure(self.path.parent)
        write_atomic(self.path, encoded, keep_backup=False)

    def discard(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass


def saved_time(value) -> float:
    """A recovery_saved_at that can be shown as a date, else 0.0 ("unknown")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    try:
        v = float(value)
    except OverflowError:  # an int with hundreds of digits
        return 0.0
    if not math.isfinite(v) or not _EARLIEST <= v <= _LATEST:
        return 0.0
    try:
        datetime.datetime.fromtimestamp(v)
    except (OverflowError, OSError, ValueError):
        return 0.0
    return v


def _owner_pid(path: Path) -> int | None:
    m = _SLOT_NAME.match(path.name)
    return int(m["pid"]) if m else None


def _belongs_to_live_other(pid) -> bool:
    return isinstance(pid, int) and not isinstance(pid, bool) and pid != os.getpid() and pid_alive(pid)


def pending_recoveries() -> list[Recovery]:
    """Recovery files left by a session that did not close cleanly, newest first; copies that
    cannot be read come last, with the reason."""
    out, broken = [], []
    folder = recovery_dir()
    try:
        entries = sorted(folder.glob(f"*{EXTENSION}"))
    except OSError:
        return out
    for p in entries:
        if _belongs_to_live_other(_owner_pid(p)):
            continue  # another running window's work in progress, not a crash
        try:
            data, st = read_regular(p, recovery_limit(), follow_links=False)
            report = loads(data, p.name, limit=recovery_limit())
        except ReadRefused as exc:
            if exc.reason == "missing":
                continue  # claimed by another start a moment ago
            broken.append(Recovery(p, "", 0.0, None, read_refusal_message(exc, "恢复副本")))
            continue
        except DraftReadError as exc:
            broken.append(Recovery(p, "", 0.0, None, str(exc)))
            continue
        pid = report.extra.pop("recovery_pid", 0)
        if _owner_pid(p) is None and _belongs_to_live_other(pid):
            continue  # a copy named by an older version: its content names the process
        original = report.extra.pop("recovery_of", "")
        saved_at = saved_time(report.extra.pop("recovery_saved_at", None)) or saved_time(st.st_mtime)
        if not isinstance(original, str) or len(original) > 4096 or "\x00" in original:
            original = ""
        out.append(Recovery(p, original, saved_at, report))
    out.sort(key=lambda r: r.saved_at, reverse=True)
    return out + broken


def claim(rec: Recovery) -> Recovery | None:
    """Rename a pending copy to a name of this process, so no other start offers it too.  None
    when another start claimed it first.  A crash after this leaves it under this (then dead)
    process's name: offered at the next start."""
    target = new_slot_path()
    try:
        os.rename(rec.path, target)  # a link or a FIFO is renamed as itself, never followed
    except FileNotFoundError:
        return None
    except OSError:
        return rec  # cannot rename (read-only folder): still offer it where it is
    return Recovery(target, rec.original, rec.saved_at, rec.report, rec.problem)

"""Recovery copies written by autosave, offered again after a crash.

Each open report has one recovery file in <state>/recovery, named after the draft it belongs
to (or a fresh id for an unsaved report).  It is a normal draft plus a "recovery_of" key naming
the original path.  A clean close deletes it; a leftover one means the app did not close
cleanly, and the next start offers it.
"""

from __future__ import annotations

import os
import json
import time
from dataclasses import dataclass
from pathlib import Path

from model.atomic_file import write_atomic
from model.draft_lock import pid_alive
from model.draft_io import EXTENSION, loads, report_to_dict
from model.errors import DraftReadError
from model.report import Report
from model.user_dirs import ensure, state_dir


def recovery_dir() -> Path:
    return state_dir() / "recovery"


@dataclass
class Recovery:
    path: Path  # the recovery file
    original: str  # the draft it belongs to, or "" for a report never saved
    saved_at: float
    report: Report


class RecoverySlot:
    """The recovery file of one open report."""

    def __init__(self, original: Path | None = None):
        import hashlib  # here, not at module level: the window's first paint does not need them
        import uuid

        key = hashlib.sha1(str(Path(original).resolve()).encode("utf-8")).hexdigest()[:16] \
            if original else "new-" + uuid.uuid4().hex[:12]
        self.path = recovery_dir() / f"{key}{EXTENSION}"
        self.original = str(Path(original).resolve()) if original else ""

    def write(self, report: Report) -> None:
        data = report_to_dict(report)
        data["recovery_of"] = self.original
        data["recovery_saved_at"] = time.time()
        data["recovery_pid"] = os.getpid()
        ensure(self.path.parent)
        write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"), keep_backup=False)

    def discard(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass


def pending_recoveries() -> list[Recovery]:
    """Recovery files left by a session that did not close cleanly, newest first."""
    out = []
    folder = recovery_dir()
    if not folder.is_dir():
        return out
    for p in folder.glob(f"*{EXTENSION}"):
        try:
            report = loads(p.read_bytes(), p.name)
        except (OSError, DraftReadError):
            continue
        pid = report.extra.pop("recovery_pid", 0)
        if isinstance(pid, int) and pid != os.getpid() and pid_alive(pid):
            continue  # another running instance's work in progress, not a crash
        original = report.extra.pop("recovery_of", "")
        saved_at = report.extra.pop("recovery_saved_at", p.stat().st_mtime)
        out.append(Recovery(p, original if isinstance(original, str) else "",
                            float(saved_at) if isinstance(saved_at, (int, float)) else 0.0, report))
    out.sort(key=lambda r: r.saved_at, reverse=True)
    return out

"""Helpers for the 汇总 tests: unit drafts written by hand, and readers the worker processes run
(importable by name, as a spawned worker needs them)."""

from __future__ import annotations

import os
from pathlib import Path

from factories import full_report
from model.draft_io import save_draft
from model.unit_reading import read_unit


def write_unit(folder: Path, file: str, agency: str, year: int = 2024, seed: int = 1, format_id: str = "2021",
               **cells) -> Path:
    """A clean full report of `agency` (or with `cells` changed) saved as folder/file."""
    r = full_report(format_id, seed=seed, year=year)
    r.agency = agency
    for key, v in cells.items():
        r.cells[key.replace("__", ".")] = v
    path = Path(folder) / file
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(path, r)
    return path


def snapshot(folder: Path) -> dict:
    """Every entry under `folder` (links not followed): its kind, bytes and mtime."""
    out = {".": os.lstat(folder).st_mtime_ns}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            p = Path(root) / name
            st = os.lstat(p)
            data = None
            if p.is_file() and not p.is_symlink() and st.st_size < 1_000_000:
                data = p.read_bytes()
            out[str(p.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns, data)
    return out


def crashing_reader(path: str, name: str = ""):
    """Reads like the app, except that a file named crash* kills its worker process."""
    if Path(path).name.startswith("crash"):
        os._exit(3)
    return read_unit(path, name)


def hanging_reader(path: str, name: str = ""):
    """Reads like the app, except that a file named hang* never returns (a parser stuck in a loop)."""
    if Path(path).name.startswith("hang"):
        import threading

        threading.Event().wait()
    return read_unit(path, name)

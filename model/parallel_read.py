"""Reading many units' files at once: worker processes on every core, progress, 取消.

A folder of 100 Word or PDF reports takes a minute in one process; the office's PC has several
cores.  Files go to a ProcessPoolExecutor in chunks (many cheap drafts per chunk, few costly
imports, so progress moves and 取消 is heard within a file or two).  A handful of drafts is read
in this process: starting workers would cost more than it saves.

Workers are started with "spawn" everywhere: it is what Windows does anyway, and forking a
process that runs Qt threads is unsafe.  A worker that dies (a crafted file crashing a parser)
breaks the pool; the files not yet read are then read again one by one, and a file that kills
its worker again is reported as unreadable instead of taking the review down.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from model.draft_io import EXTENSION
from model.unit_reading import KIND_NAMES, UnitRead, read_unit

# Rough cost of reading and checking one file, in milliseconds (measured on a 2-core PC: a draft
# 0.5–0.7 ms, an imported PDF or Word file a hundred or more).
DRAFT_COST, IMPORT_COST = 0.6, 150.0
CHUNK_COST = 40.0  # per task: large enough to hide the round trip, small enough to cancel soon
# Starting the workers (spawn: a fresh interpreter importing the model) costs about this much;
# the pool is used only when the time it saves on the other cores is larger.
STARTUP_COST = 400.0
POLL_SECONDS = 0.05


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class ReadOutcome:
    reads: list[UnitRead] = field(default_factory=list)  # in the order of the paths given
    cancelled: bool = False
    workers: int = 1  # processes used (1: read in this process)


def _cost(path: str) -> float:
    return DRAFT_COST if path.lower().endswith(EXTENSION) else IMPORT_COST


def _read_chunk(reader, items: list[tuple[int, str, str]]) -> list[tuple[int, UnitRead]]:
    return [(i, reader(path, name)) for i, path, name in items]


def _chunks(items: list[tuple[int, str, str]], workers: int) -> list[list[tuple[int, str, str]]]:
    total = sum(_cost(p) for _, p, _ in items)
    # At least four chunks per worker, so a slow one does not leave the others idle at the end.
    limit = max(DRAFT_COST, min(CHUNK_COST, total / (workers * 4)))
    out, cur, cur_cost = [], [], 0
    for item in items:
        c = _cost(item[1])
        if cur and cur_cost + c > limit:
            out.append(cur)
            cur, cur_cost = [], 0
        cur.append(item)
        cur_cost += c
    if cur:
        out.append(cur)
    return out


def read_units(paths: list[Path], names: dict[Path, str] | None = None, progress: Progress | None = None,
               cancel: CancelFlag | None = None, workers: int | None = None,
               reader: Callable[[str, str], UnitRead] = read_unit) -> ReadOutcome:
    """Read every file; results in the order of `paths`.

    workers=None: every core, when the work saved outweighs starting the workers (a few hundred
    drafts are read faster in this process); a number: that many worker processes, always.
    """
    names = names or {}
    items = [(i, str(p), names.get(p, Path(p).name)) for i, p in enumerate(paths)]
    results: dict[int, UnitRead] = {}
    total = len(items)
    cpu = workers or usable_cores()
    if workers is None and not pays_to_spread(sum(_cost(p) for _, p, _ in items), cpu):
        cpu = 1
    if cpu <= 1 or not items:
        return _in_process(items, results, total, progress, cancel, reader)
    outcome = ReadOutcome(workers=cpu)
    todo, singles = _chunks(items, cpu), False
    while todo:
        try:
            cancelled = _pool_round(todo, min(cpu, len(todo)), results, total, progress, cancel, reader,
                                    probe=not singles)
        except _PoolUnavailable:  # workers cannot start here at all: read in this process
            left = [item for chunk in todo for item in chunk if item[0] not in results]
            rest = _in_process(left, results, total, progress, cancel, reader)
            outcome.cancelled, outcome.workers = rest.cancelled, 1
            break
        if cancelled:
            outcome.cancelled = True
            break
        left = [item for chunk in todo for item in chunk if item[0] not in results]  # submission order
        if singles and left:
            # One file per task, and the pool broke again: the culprit is among the first few
            # tasks not finished.  Each of them alone, in a process of its own.
            suspects, left = left[:cpu + 1], left[cpu + 1:]
            for item in suspects:
                results[item[0]] = _alone(reader, item)
                _tell(progress, len(results), total)
        singles = True
        todo = [[item] for item in left]
    outcome.reads = [results[i] for i in sorted(results)]
    return outcome


def usable_cores() -> int:
    """The cores this process may run on (a container or a job object may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # Windows, macOS
        return os.cpu_count() or 1


def pays_to_spread(work_ms: float, cpu: int) -> bool:
    """Is the time the other cores save larger than the time it takes to start them?"""
    return cpu > 1 and work_ms * (1 - 1 / cpu) > STARTUP_COST


class _PoolUnavailable(Exception):
    """Worker processes could not be started (not the fault of any file)."""


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _in_process(items, results, total, progress, cancel, reader) -> ReadOutcome:
    outcome = ReadOutcome(workers=1)
    for i, path, name in items:
        if cancel is not None and cancel.is_set():
            outcome.cancelled = True
            break
        results[i] = reader(path, name)
        _tell(progress, len(results), total)
    outcome.reads = [results[i] for i in sorted(results)]
    return outcome


def _wait(futures, cancel) -> bool:
    """Wait until one of the futures is done; False when cancelled meanwhile."""
    while True:
        if cancel is not None and cancel.is_set():
            return False
        done, _ = cf.wait(futures, timeout=POLL_SECONDS, return_when=cf.FIRST_COMPLETED)
        if done:
            return True


def _pool_round(chunks, n_workers, results, total, progress, cancel, reader, probe: bool) -> bool:
    """Run the chunks, filling `results`; True when cancelled.  A chunk whose worker died (the
    pool broke) is left out of `results`, for the caller to retry."""
    ctx = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx)
    try:
        if probe:  # can a worker start at all?  (A frozen app without freeze_support cannot.)
            started = pool.submit(os.getpid)
            if not _wait([started], cancel):
                return True
            try:
                started.result()
            except Exception:  # noqa: BLE001 - BrokenProcessPool, or an OSError starting it
                raise _PoolUnavailable() from None
        pending = {pool.submit(_read_chunk, reader, chunk) for chunk in chunks}
        while pending:
            if not _wait(pending, cancel):
                for f in pending:
                    f.cancel()
                return True
            for f in [f for f in pending if f.done()]:
                pending.discard(f)
                try:
                    for i, read in f.result():
                        results[i] = read
                except BrokenProcessPool:
                    continue
                _tell(progress, len(results), total)
        return False
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(reader, item) -> UnitRead:
    """One file in a process of its own: if it kills that process, it is the culprit."""
    i, path, name = item
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        try:
            return pool.submit(_read_chunk, reader, [item]).result()[0][1]
        except BrokenProcessPool:
            p = Path(path)
            return UnitRead(path=path, name=name, kind=KIND_NAMES.get(p.suffix.lower(), p.suffix),
                            error=f"“{p.name}”读取时使读取进程意外退出，文件可能已损坏。")

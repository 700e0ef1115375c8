"""Reading many units' files at once: worker processes on every core, progress, 取消.

A folder of 100 Word or PDF reports takes a minute in one process; the office's PC has several
cores.  Files go to a ProcessPoolExecutor in chunks (many cheap drafts per chunk, few costly
imports, so progress moves and 取消 is heard within a file or two).  A handful of drafts is read
in this process: starting workers would cost more than it saves.

Workers are started with "spawn" everywhere: it is what Windows does anyway, and forking a
process that runs Qt threads is unsafe.  Each worker gets a memory ceiling (POSIX).  A worker
that dies (a crafted file crashing a parser) breaks the pool; the files not yet read are then
read again one by one, and a file that kills its worker again is reported as unreadable instead
of taking the review down.  A worker that hangs (a parser looping inside a library, past the
importer's own deadline) is killed when nothing has finished for STALL_SECONDS, and its file is
found the same way.  取消 kills the workers at once.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
import time
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
# Nothing finished for this long: a worker hangs.  The importer stops itself after 30 s of work;
# this leaves room for a slow PC reading a big PDF.
STALL_SECONDS = 120.0
WORKER_MEMORY_MB = 2048  # per worker (POSIX): a hostile file cannot exhaust the office's PC


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
               reader: Callable[[str, str], UnitRead] = read_unit,
               stall_seconds: float = STALL_SECONDS) -> ReadOutcome:
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
                                    probe=not singles, stall=stall_seconds)
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
                results[item[0]] = _alone(reader, item, stall_seconds)
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


def _limit_memory(megabytes: int) -> None:  # runs in each worker as it starts
    if sys.platform == "win32":
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _new_pool(n_workers: int) -> cf.ProcessPoolExecutor:
    return cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=_limit_memory, initargs=(WORKER_MEMORY_MB,))


def _kill_workers(pool: cf.ProcessPoolExecutor) -> None:
    """End the pool's processes now (a hang, 取消); their futures fail with BrokenProcessPool.

    A worker killed while writing a large result leaves half a message in the result pipe, and
    the pool's manager thread waits for the rest for ever — and with it `shutdown(wait=True)` and
    Python's exit (seen in the suite: 取消 while results flowed).  This process's own copy of the
    pipe's writing end is closed too: with every writer gone the manager reads end-of-file, takes
    the pool for broken and ends."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError, ValueError):
            pass
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass


def _wait(futures, cancel, deadline: float) -> str:
    """Wait until one of the futures is done: "done", "cancelled", or "stalled" past `deadline`."""
    while True:
        if cancel is not None and cancel.is_set():
            return "cancelled"
        done, _ = cf.wait(futures, timeout=POLL_SECONDS, return_when=cf.FIRST_COMPLETED)
        if done:
            return "done"
        if time.monotonic() > deadline:
            return "stalled"


def _pool_round(chunks, n_workers, results, total, progress, cancel, reader, probe: bool, stall: float) -> bool:
    """Run the chunks, filling `results`; True when cancelled.  A chunk whose worker died (the
    pool broke, or was ended because nothing finished for `stall` seconds) is left out of
    `results`, for the caller to retry."""
    pool = _new_pool(n_workers)
    abandoned = broken = ended = False
    try:
        # Every worker is started before any work is handed out.  Under "spawn" a submit starts
        # a worker when none is idle, and in CPython 3.11 one started while a dying worker breaks
        # the pool is missed by the pool's manager thread, which then waits for it for ever
        # (seen in the suite).  Started first, no submit starts one.  It also answers whether a
        # worker can start at all (a frozen app without freeze_support cannot).
        started = [pool.submit(os.getpid) for _ in range(n_workers)]
        deadline = time.monotonic() + stall
        while not all(f.done() for f in started):
            state = _wait([f for f in started if not f.done()], cancel, deadline)
            if state == "cancelled":
                ended = True
                _kill_workers(pool)
                return True
            if state == "stalled":
                break
        try:
            for f in started:
                f.result(timeout=0)
        except Exception:  # noqa: BLE001 - BrokenProcessPool, an OSError starting it, no start at all
            ended = True
            _kill_workers(pool)
            if probe:
                raise _PoolUnavailable() from None
            broken = True
            return False  # nothing handed out: the caller retries it all
        pending = set()
        for chunk in chunks:
            try:
                pending.add(pool.submit(_read_chunk, reader, chunk))
            except BrokenProcessPool:  # a worker died while we were still handing out work:
                broken = True
                break  # the chunks not handed out stay out of `results` and are retried
        last_done = time.monotonic()
        killed = False  # the workers were ended for a stall and nothing has finished since
        while pending:
            state = _wait(pending, cancel, last_done + stall)
            if state == "cancelled":
                # No future is cancelled here: the ended pool fails them all itself, and CPython
                # 3.11's manager thread stops with InvalidStateError on one already cancelled.
                ended = True
                _kill_workers(pool)
                return True
            if state == "stalled":
                if killed:
                    # Ended workers fail their futures through the pool's manager thread, and
                    # CPython 3.11's can die in a race (a submit starting a worker while it winds
                    # up a broken pool: "dictionary changed size during iteration", seen in the
                    # suite); then those futures never end.  Leave them: their files are retried.
                    abandoned = True
                    return False
                ended = True
                _kill_workers(pool)  # the pending futures now fail; their files are retried
                killed = True
                last_done = time.monotonic()
                continue
            for f in [f for f in pending if f.done()]:
                pending.discard(f)
                killed = False
                try:
                    for i, read in f.result():
                        results[i] = read
                except (BrokenProcessPool, cf.CancelledError):
                    broken = True
                    continue
                last_done = time.monotonic()
                _tell(progress, len(results), total)
        return False
    finally:
        if broken or abandoned:  # no worker of a broken pool may outlive it (see above)
            _kill_workers(pool)
        # An abandoned pool is not waited for: its queues may never drain.
        # Futures of a pool whose workers were ended are failed by the pool (see above).
        pool.shutdown(wait=not abandoned, cancel_futures=not (broken or abandoned or ended))


def _alone(reader, item, stall: float) -> UnitRead:
    """One file in a process of its own: if it kills or hangs that process, it is the culprit."""
    i, path, name = item
    p = Path(path)
    pool = _new_pool(1)
    try:
        return pool.submit(_read_chunk, reader, [item]).result(timeout=stall)[0][1]
    except BrokenProcessPool:
        error = f"“{p.name}”读取时使读取进程意外退出（可能所需内存过多或文件已损坏），未读取。"
    except cf.TimeoutError:
        _kill_workers(pool)
        error = f"“{p.name}”读取超过 {stall:.0f} 秒仍未完成，已停止。文件可能过大或已损坏。"
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return UnitRead(path=path, name=name, kind=KIND_NAMES.get(p.suffix.lower(), p.suffix), error=error)

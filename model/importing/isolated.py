"""Importing in a child process that can be stopped: a hostile file cannot hang or exhaust the app.

The readers bound what they read (limits.py), but a parser deep inside a library can still loop
or allocate on a crafted file.  So the window and the command line import in a separate process:
it gets a memory ceiling (POSIX), the parent waits at most `timeout` seconds and kills it on a
timeout or when the clerk cancels.  The result comes back as JSON — the draft format for the
report, validated by draft_io.loads like any file — never as pickled objects.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path

from model.errors import DraftReadError, ImportFailed
from model.importing.result import Doubt, ImportResult

TIMEOUT = 90.0  # seconds the parent waits (the child's own budget is shorter)
CHILD_BUDGET = 60.0
MEMORY_MB = 2048  # address-space ceiling of the child (POSIX only)
MAX_RESULT = 64 * 1024 * 1024


class ImportCancelled(ImportFailed):
    """The clerk stopped the import."""


def result_to_json(result: ImportResult) -> bytes:
    from model.draft_io import report_to_dict

    return json.dumps({"ok": True, "report": report_to_dict(result.report), "kind": result.kind,
                       "doubtful": [d.as_dict() for d in result.doubtful],
                       "unused_lines": result.unused_lines, "messages": result.messages,
                       "source": result.source}, ensure_ascii=False).encode("utf-8")


def result_from_json(data: bytes, name: str) -> ImportResult:
    from model.draft_io import loads

    try:
        obj = json.loads(data.decode("utf-8"))
        if not obj.get("ok"):
            raise ImportFailed(str(obj.get("error") or f"“{name}”无法导入。"))
        report = loads(json.dumps(obj["report"], ensure_ascii=False).encode("utf-8"), name)
        return ImportResult(report=report, kind=str(obj["kind"]),
                            doubtful=[Doubt.from_dict(d) for d in obj.get("doubtful", [])],
                            unused_lines=[str(x) for x in obj.get("unused_lines", [])],
                            messages=[str(x) for x in obj.get("messages", [])], source=str(obj.get("source", "")))
    except ImportFailed:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, DraftReadError):
        raise ImportFailed(f"读取“{name}”的过程返回了无法识别的结果，未导入。") from None


def _child(path: str, conn, memory_mb: int, seconds: float, runner: str = "") -> None:
    """Runs in the child process.  runner ("module:function") replaces import_report in tests
    (a function that hangs, or allocates without end)."""
    _limit_memory(memory_mb)
    try:
        if runner:
            import importlib

            module, _, func = runner.partition(":")
            run = getattr(importlib.import_module(module), func)
        else:
            from model.importing import import_report as run
        payload = result_to_json(run(Path(path), seconds=seconds))
    except ImportFailed as exc:
        payload = json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False).encode("utf-8")
    except MemoryError:
        payload = json.dumps({"ok": False, "error": f"读取“{Path(path).name}”所需内存过多，文件可能过大或已损坏，未导入。"},
                             ensure_ascii=False).encode("utf-8")
    except BaseException as exc:  # anything else: a message, and the parent decides
        payload = json.dumps({"ok": False, "error": f"“{Path(path).name}”无法读取（{type(exc).__name__}）。"},
                             ensure_ascii=False).encode("utf-8")
    try:
        conn.send_bytes(payload)
    finally:
        conn.close()


def _limit_memory(memory_mb: int) -> None:
    if not memory_mb or sys.platform == "win32":
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


class IsolatedImport:
    """One import running in a child process.  start(), then poll() until it returns a result
    (or raises ImportFailed); stop() ends it at any time."""

    def __init__(self, path: Path, timeout: float = TIMEOUT, memory_mb: int = MEMORY_MB,
                 budget: float = CHILD_BUDGET, runner: str = ""):
        self.path = Path(path)
        self.runner = runner
        self.timeout, self.memory_mb, self.budget = timeout, memory_mb, budget
        self.process = None
        self.conn = None
        self.started = 0.0
        self.result: ImportResult | None = None
        self.error: ImportFailed | None = None

    def start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt, no shared state
        self.conn, child_conn = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child, args=(str(self.path), child_conn, self.memory_mb, self.budget, self.runner),
                                   name="nianbao-import", daemon=True)
        self.process.start()
        child_conn.close()
        self.started = time.monotonic()

    @property
    def running(self) -> bool:
        return self.process is not None and self.result is None and self.error is None

    def poll(self, wait: float = 0.0) -> ImportResult | None:
        """The result when the child has finished; None while it runs.  ImportFailed on failure,
        on a timeout, or when the child died (killed for memory); ImportCancelled after stop()."""
        if self.result is not None:
            return self.result
        if self.error is not None:
            raise self.error
        if self.process is None:
            raise RuntimeError("start() first")
        try:
            self.result = self._poll(wait)
        except ImportFailed as exc:
            self.error = exc
            self._end()
            raise
        if self.result is not None:
            self._end()
        return self.result

    def _poll(self, wait: float) -> ImportResult | None:
        name = self.path.name
        try:
            ready = self.conn.poll(wait)
            if not ready and not self.process.is_alive():
                ready = self.conn.poll(0)  # it may have answered just before it exited
        except (OSError, EOFError):
            ready = False
        if ready:
            try:
                data = self.conn.recv_bytes(MAX_RESULT)
            except (OSError, EOFError):
                raise ImportFailed(f"读取“{name}”的过程意外终止（可能所需内存过多），未导入。") from None
            return result_from_json(data, name)
        if not self.process.is_alive():
            raise ImportFailed(f"读取“{name}”的过程意外终止（可能所需内存过多或文件已损坏），未导入。")
        if time.monotonic() - self.started > self.timeout:
            raise ImportFailed(f"读取“{name}”超过 {self.timeout:.0f} 秒仍未完成，已停止。文件可能过大或已损坏。")
        return None

    def stop(self) -> None:
        """End the child now (the clerk cancelled); a later poll() raises ImportCancelled."""
        if self.result is None and self.error is None and self.process is not None:
            self.error = ImportCancelled("已取消导入。")
        self._end()

    def _end(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def import_isolated(path: Path, timeout: float = TIMEOUT, memory_mb: int = MEMORY_MB,
                    cancelled=None) -> ImportResult:
    """Blocking: import in a child process.  A draft (.gknb) is read directly (it is our own
    bounded JSON reader, and cheap)."""
    path = Path(path)
    if path.suffix.lower() == ".gknb":
        from model.importing import import_report

        return import_report(path)
    job = IsolatedImport(path, timeout=timeout, memory_mb=memory_mb, budget=min(CHILD_BUDGET, timeout))
    job.start()
    try:
        while True:
            result = job.poll(0.1)
            if result is not None:
                return result
            if cancelled is not None and cancelled():
                job.stop()
                raise ImportCancelled("已取消导入。")
    finally:
        job.stop()

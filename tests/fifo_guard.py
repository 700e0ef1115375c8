"""FIFOs in tests: a named pipe put where a file was, and a guard so a read that blocks on one fails
the test instead of hanging the suite.

A plain open() of a FIFO for reading waits until a writer comes.  `run_guarded` runs the call in a
thread; if it is still running after the guard's seconds, the test opens the FIFO for writing
(which lets the blocked open return) and fails.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

GUARD_SECONDS = 20  # a refusal takes milliseconds; only a blocked open ever reaches this


def run_guarded(call, fifo: Path, seconds: float = GUARD_SECONDS):
    """call()'s result (or its exception, raised here); a failed test if it blocks on `fifo`."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        try:  # a writer lets the blocked open return; the worker then reads an empty pipe
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        worker.join(seconds)
        pytest.fail(f"still waiting on the FIFO “{fifo.name}” after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def swap_for_fifo_after_check(monkeypatch, path: Path) -> None:
    """`path` is a regular file when it is first stat'ed (or lstat'ed), and a FIFO from then on:
    the race in which a file is replaced between a check on its name and the open that follows."""
    done = []

    def then_swap(real):
        def checked(p, *args, **kwargs):
            result = real(p, *args, **kwargs)
            if not done and os.fspath(p) == os.fspath(path):
                done.append(True)
                spare = path.with_name(path.name + ".fifo")
                os.mkfifo(spare)
                os.replace(spare, path)
            return result
        return checked

    monkeypatch.setattr(os, "stat", then_swap(os.stat))
    monkeypatch.setattr(os, "lstat", then_swap(os.lstat))

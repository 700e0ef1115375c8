"""Hold back the garbage collector's full passes while an export runs.

A full pass walks every object the process holds, in one step that keeps Python's lock: for the
PDF of a 16-million-character report (26,000 pages, about 15 reportlab objects each) that is
0.1–0.4 s, during which the window does not repaint and 取消 — an exception raised in the worker
between Python steps — cannot land.  CPython starts a full pass when a quarter more objects have
survived since the last one, so in a growing export the passes come at ever larger sizes.

`full_passes_held()` raises the oldest generation's threshold out of reach for the duration (the
young generations are still collected as usual, so short-lived cycles are freed at once) and puts
it back afterwards; nested and concurrent holds (two exports on two threads) are counted, the
last one out restores the threshold it found.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_saved: tuple[int, int, int] | None = None
OUT_OF_REACH = 1 << 30


@contextmanager
def full_passes_held():
    global _holders, _saved
    with _lock:
        if _holders == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], OUT_OF_REACH)
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None

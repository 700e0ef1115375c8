"""Work around a reference-count bug of PySide6 6.12.0 on Python < 3.12.

PySide6 6.12.0 hands out None (every call of a void Qt method, every empty QVariant) and
True/False without counting the reference, as if they were immortal as in Python 3.12.  After a
few thousand such calls the interpreter aborts with "Fatal Python error: none_dealloc" (or
bool_dealloc) — a clerk's afternoon in the window makes far more.  6.11 and earlier do not leak,
but only 6.12 ships QtPdf in the lean PySide6-Pdf package that printing needs.

The fix lends None, True and False a huge reference count, so that they can never reach zero,
and only when the leak is actually observed.  gui/__init__.py applies it, so importing any part
of the window is enough; tests/conftest.py applies it too.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

_applied = False


def guard_none_refcount() -> bool:
    """Apply the work-around if this PySide6 leaks; returns True when it was applied."""
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("")
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48
    _applied = True
    return True

"""Qt window of 年报助手 (depends on model/ and export/)."""

# PySide6 reads the source of every module named in an import after PySide6 itself is loaded
# (its import hook looks for the word "PySide6" in each, for its __feature__ switches): a fraction
# of a millisecond a module, over a hundred at start.  The pure-Python modules the window needs
# are imported first, so that what they import in turn (json, decimal, dataclasses, inspect,
# platformdirs, …) is never read; bench/bench_startup.py measures the start.
from model import changes, draft_io, draft_lock, recovery, settings  # noqa: F401,E402

from gui.pyside_guard import guard_none_refcount  # noqa: E402

guard_none_refcount()  # before any widget exists: see gui/pyside_guard.py

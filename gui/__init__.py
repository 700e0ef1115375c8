"""Qt window of 年报助手 (depends on model/ and export/)."""

from gui.pyside_guard import guard_none_refcount

guard_none_refcount()  # before any widget exists: see gui/pyside_guard.py

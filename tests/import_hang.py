"""Stand-ins for import_report, run inside the import child process by tests/test_import_hostile.py
(model.importing.isolated's runner hook): one never finishes, one allocates without end."""

from __future__ import annotations

import threading


def hang(path, seconds=0.0):
    threading.Event().wait()  # blocks until the parent kills the process


def hog(path, seconds=0.0):
    chunks = []
    while True:
        chunks.append(bytearray(256 * 1024 * 1024))  # until the child's memory ceiling stops it

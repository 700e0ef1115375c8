"""Put Python-made data on the clipboard, and hand it back to Qt before Python exits.

A QMimeData made in Python and put on the clipboard is deleted by Qt in an exit handler that runs
after the interpreter has finalized; PySide then crashes the process (seen with PySide6 6.12).
So the app remembers what it put there, and on the way out replaces it with the same text set
through QClipboard.setText, which Qt owns entirely: the clerk can still paste the block into
another program after closing the app.  What another program copied is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

_ours: list[QMimeData] = []


def put(mime: QMimeData) -> None:
    _ours[:] = [mime]
    QApplication.clipboard().setMimeData(mime)


def put_block(text: str, html: str) -> None:
    """A copied block of cells: plain text (TSV) and the same cells as an HTML table."""
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(html)
    put(mime)


def release() -> None:
    """Call before the interpreter shuts down (after the event loop has ended)."""
    app = QApplication.instance()
    if app is None or not _ours:
        return
    clipboard = app.clipboard()
    if clipboard.mimeData() is _ours[0]:
        clipboard.setText(clipboard.text())
    _ours.clear()

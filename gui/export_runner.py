"""Exports run on a worker thread, never on the window's: a progress dialog with 取消 meanwhile.

A huge report can take minutes to lay out; on the window's thread that froze the window, with no
way to stop.  Here the writer (export.pdf_report.write_pdf, export.xlsx_report.write_xlsx, or any
`write(report, path)`) runs on a thread of its own, with a copy of the report taken before it
starts, so the clerk's later typing cannot change what is being written.  The window keeps
painting; a window-modal progress dialog shows what is written and for how long.  A writer that
accepts `progress=` gets a callback(fraction 0…1) and the bar fills (the PDF, XLSX, Word and web
page writers all do: export/progress.py); otherwise it is a busy bar.

取消 stops the writer: an ExportCancelled exception is raised inside the worker thread at its next
Python instruction (CPython's PyThreadState_SetAsyncExc; the layout is Python, so that is at once).
It waits for a C call in progress to return, so the writers never make one over a whole huge text
(text handled in 64 K pieces, lines kept in arrays the garbage collector does not walk, files
written in 4 MB pieces): 取消 lands within a few tens of milliseconds (docs/reliability.md §9).
Python drops an exception raised inside a garbage-collection or weak-reference callback or a
__del__ ("Exception ignored in …"), so a 取消 landing there would be lost: it is sent again every
200 ms until the worker has ended, and the progress callback raises it as well once 取消 is pressed.
Every writer writes through model.atomic_file.write_atomic, which removes its temp file on any
exception: a cancelled export leaves the old output as it was, or — if 取消 came after the final
rename — the complete new one; never half a file.
"""

from __future__ import annotations

import ctypes
import inspect
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from gui.message_box import make_plain
from model.errors import ReportError

SHOW_AFTER_MS = 400  # a quick export never flashes a dialog
CANCEL_AGAIN_MS = 200


class ExportCancelled(BaseException):
    """Raised in the worker thread when the clerk presses 取消 (BaseException: no writer's
    `except Exception` swallows it)."""


class _Signals(QObject):
    finished = Signal(str, str)  # outcome (done | cancelled | failed), Chinese message
    progressed = Signal(float)


class ExportJob:
    """One `write(report, path)` on its own thread."""

    def __init__(self, write, report, path: Path):
        self.write, self.report, self.path = write, report, Path(path)
        self.signals = _Signals()
        self.outcome: tuple[str, str] | None = None
        self.thread = threading.Thread(target=self._run, name="export", daemon=True)
        self._lock = threading.Lock()
        self._finished = False
        self._cancel_sent = False
        self._cancelled = threading.Event()

    def start(self) -> None:
        self.thread.start()

    def _accepts_progress(self) -> bool:
        try:
            return "progress" in inspect.signature(self.write).parameters
        except (TypeError, ValueError):
            return False

    def _run(self) -> None:
        outcome = None
        try:
            try:
                if self._accepts_progress():
                    self.write(self.report, self.path, progress=self._progress)
                else:
                    self.write(self.report, self.path)
                outcome = ("done", "")
            except ExportCancelled:
                outcome = ("cancelled", "")
            except ReportError as exc:
                outcome = ("failed", str(exc))
            except OSError as exc:
                outcome = ("failed", f"无法写入“{self.path}”（系统错误代码 {exc.errno}）。请换一个文件夹再试。")
            except MemoryError:
                outcome = ("failed", "内存不足，无法完成导出。请关闭其他程序后再试。")
            except Exception as exc:  # noqa: BLE001 - a bug in a writer: say so, keep the window
                outcome = ("failed", f"导出时发生内部错误（{type(exc).__name__}），没有生成文件。")
            if outcome[0] == "failed" and self._cancelled.is_set():
                # 取消 can land inside a library's bare `except:` (reportlab has several), which
                # swallows it and fails on in a half-done state (seen once: a KeyError).  The
                # clerk asked to stop and no file was made: that is a cancel, not an error.
                outcome = ("cancelled", "")
            self._finish()
        except ExportCancelled:  # 取消 arrived just as the writer returned
            outcome = outcome or ("cancelled", "")
            self._finish()
        self.outcome = outcome
        self.signals.finished.emit(*outcome)

    def _progress(self, fraction: float) -> None:
        if self._cancelled.is_set():
            raise ExportCancelled
        self.signals.progressed.emit(fraction)

    def _finish(self) -> None:
        with self._lock:
            self._finished = True
            if self._cancel_sent:  # clear one still pending, so it cannot strike after this
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread.ident), None)

    def cancel(self) -> None:
        """Stop the writer; safe to call again (each call raises it anew in the worker)."""
        with self._lock:
            if self._finished or self.thread.ident is None:
                return
            self._cancel_sent = True
            self._cancelled.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread.ident),
                                                       ctypes.py_object(ExportCancelled))


def run_export(parent, kind: str, write, report, path: Path) -> tuple[str, str]:
    """Write `report` to `path` on a worker thread while the window stays live; returns
    (outcome, message) once the worker has ended: done | cancelled | failed."""
    job = ExportJob(write, report, path)
    dialog = QProgressDialog(parent)
    dialog.setObjectName("export_progress")
    dialog.setWindowTitle(f"导出{kind}")
    label = QLabel()
    label.setObjectName("export_progress_label")
    dialog.setLabel(label)  # plain text: the path is the clerk's
    cancel_button = QPushButton("取消")
    cancel_button.setObjectName("export_cancel")
    dialog.setCancelButton(cancel_button)
    dialog.setRange(0, 0)  # busy until a writer reports progress
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    make_plain(dialog)
    shower = QTimer(dialog, singleShot=True, interval=SHOW_AFTER_MS)
    shower.timeout.connect(dialog.show)
    started = time.monotonic()

    def describe():
        seconds = int(time.monotonic() - started)
        label.setText(f"正在导出{kind}到“{path}”…" + (f"（已用 {seconds} 秒）" if seconds else ""))
    describe()
    ticker = QTimer(dialog, interval=1000)
    ticker.timeout.connect(describe)
    ticker.start()

    def progressed(fraction: float):
        if dialog.maximum() == 0:
            dialog.setRange(0, 1000)
        dialog.setValue(max(0, min(1000, int(fraction * 1000))))

    loop = QEventLoop()
    job.signals.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    job.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    resend = QTimer(dialog, interval=CANCEL_AGAIN_MS)

    def cancel_again():
        job.cancel()  # in case Python dropped it (see the module's docstring)
        if not job.thread.is_alive():  # a 取消 that struck outside the worker's handlers ended it
            loop.quit()
    resend.timeout.connect(cancel_again)

    def cancel():
        label.setText(f"正在取消导出{kind}…")
        cancel_button.setEnabled(False)  # once is enough
        job.cancel()
        resend.start()
    dialog.canceled.connect(cancel)
    job.start()
    shower.start()
    if job.outcome is None:
        loop.exec()
    job.thread.join()
    shower.stop()
    ticker.stop()
    resend.stop()
    dialog.hide()
    dialog.deleteLater()
    if job.outcome is None and job._cancel_sent:
        return ("cancelled", "")
    return job.outcome or ("failed", "导出没有完成。")

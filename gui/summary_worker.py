"""A 汇总 run off the GUI thread: model.summary_job.run_review in a QThread, with progress and 取消.

The window stays responsive while the files are read (by worker processes when there are many);
progress arrives as a queued signal, and 取消 sets a flag the reader checks between files.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from model.errors import ReportError
from model.summary_job import SummaryInputs, SummaryRun, run_review


class _Job(QObject):
    progress = Signal(int, int)  # files read, files in all
    finished = Signal(object)  # SummaryRun
    failed = Signal(str)  # Chinese message

    def __init__(self, inputs: SummaryInputs, cancel: threading.Event):
        super().__init__()
        self.inputs, self.cancel = inputs, cancel

    def run(self) -> None:
        try:
            result = run_review(self.inputs, progress=self.progress.emit, cancel=self.cancel)
        except ReportError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - never leave the window waiting for nothing
            self.failed.emit(f"审核时出错（{type(exc).__name__}），请重试或检查所选文件夹。")
            return
        self.finished.emit(result)


class SummaryWorker(QObject):
    """Starts one run at a time; `progress`, `finished` (SummaryRun) and `failed` (message) arrive
    on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._cancel = threading.Event()

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, inputs: SummaryInputs) -> None:
        if self._thread is not None:
            raise RuntimeError("a run is already going")
        self._cancel = threading.Event()
        self._thread = QThread(self)
        self._job = _Job(inputs, self._cancel)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progress.connect(self.progress)
        self._job.finished.connect(self._done)
        self._job.failed.connect(self._fail)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self) -> None:
        """Cancel and wait for the thread to end (before the window closes)."""
        if self._thread is not None:
            self._cancel.set()
            for signal, slot in ((self._job.finished, self._done), (self._job.failed, self._fail)):
                signal.disconnect(slot)  # nobody waits for this run's result any more
            self._cleanup()

    def _done(self, run: SummaryRun) -> None:
        self._cleanup()
        self.finished.emit(run)

    def _fail(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(message)

    def _cleanup(self) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if job is not None:
            job.deleteLater()

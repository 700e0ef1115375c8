"""Memory: peak resident size (VmHWM) of the app process with the sample open, offscreen.

Baseline, same run: a bare PySide6 window with the same tabs — a QMainWindow with a menu bar,
7 tabs, three of them a 30×8 QTableView (the app's 表二/表三/表四), the others a QPlainTextEdit.
Two moments are measured:

* first paint: `main.py SAMPLE` quitting on its first paint (NIANBAO_QUIT_AFTER_PAINT, the same
  hook the start-up bench uses) vs the bare window quitting on its first paint;
* every tab shown: the window is built the way gui.app builds it, then each tab is made
  current and painted in turn before quitting, and the bare window does the same.

Peak RSS is read per child from os.wait4's rusage (Linux: ru_maxrss in KiB), each child started
by a tiny launcher process so that no parent's peak leaks into it.  Aim: ≤ 1.5× the bare window.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, print_table
from model.samples import seed_path  # noqa: E402  (after bench.common: it puts the checkout on sys.path)

TABS_SHOWN = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def visit_tabs_then_quit(app, tabs):
    state = {"i": 0}
    def step():
        if state["i"] >= tabs.count():
            app.quit()
            return
        tabs.setCurrentIndex(state["i"])
        tabs.currentWidget().repaint()
        state["i"] += 1
        QTimer.singleShot(20, step)
    QTimer.singleShot(50, step)
"""

BARE = TABS_SHOWN + r"""
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QTabWidget, QTableView
from PySide6.QtCore import QEvent, QObject

app = QApplication(sys.argv)
w = QMainWindow()
w.menuBar().addMenu("File")
tabs = QTabWidget()
for i in range(7):
    if i in (2, 3, 4):
        view = QTableView()
        view.setModel(QStandardItemModel(30, 8))
        tabs.addTab(view, f"table {i}")
    else:
        tabs.addTab(QPlainTextEdit("x" * 2000), f"text {i}")
w.setCentralWidget(tabs)
w.resize(1366, 768)
w.show()
if sys.argv[1] == "paint":
    class Quit(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False
    quitter = Quit()
    tabs.currentWidget().installEventFilter(quitter)
else:
    visit_tabs_then_quit(app, tabs)
sys.exit(app.exec())
"""

APP_ALL_TABS = TABS_SHOWN + r"""
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from gui.qt_setup import configure_before_app, setup_application
configure_before_app()
app = QApplication([sys.argv[0]])
setup_application(app)
from gui.main_window import MainWindow
w = MainWindow(Path(sys.argv[2]))
w.show()
visit_tabs_then_quit(app, w.tabs)
app.exec()
w.files.close_clean()  # no recovery copy or lock left behind by the benchmark
"""


# The child's rusage keeps the peak of the process it was forked from (ru_maxrss survives exec):
# measured from this benchmark process, which has Qt and reportlab loaded, every child would
# read at least as big as this process.  So a tiny Python process starts each child and reports
# its peak (its own ~10 MiB is below any Qt process's).
MEASURE = r"""
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_rss_mib(cmd: list[str], env: dict) -> float:
    """Peak resident set of one child process, in MiB."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    code, kib = int(out[0]), int(out[1])
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd[:2])} … exited with {code}")
    return kib / 1024  # KiB on Linux


def run(repeats: int = 5) -> list[Result]:
    if not hasattr(os, "wait4"):
        raise RuntimeError("bench_memory needs os.wait4 (Linux or macOS)")
    home = tempfile.mkdtemp(prefix="nianbao-bench-mem-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=home)
    src = seed_path()
    sample = Path(home) / "sample.gknb"
    shutil.copyfile(src, sample)
    cmds = {
        "bare paint": ([sys.executable, "-c", BARE, "paint"], env),
        "app paint": ([sys.executable, str(ROOT / "main.py"), str(sample)], dict(env, NIANBAO_QUIT_AFTER_PAINT="1")),
        "bare tabs": ([sys.executable, "-c", BARE, "tabs"], env),
        "app tabs": ([sys.executable, "-c", APP_ALL_TABS, str(ROOT), str(sample)], env),
    }
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(repeats + 1):  # taking turns, one warm-up round
        for name, (cmd, e) in cmds.items():
            v = peak_rss_mib(cmd, e)
            if i:
                samples[name].append(v)
    shutil.rmtree(home, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in samples.items()}
    return [
        Result("峰值内存：打开示例报告，首次绘制", med["app paint"], "MiB",
               "bare PySide6 window, same tabs", med["bare paint"], "≤ 1.5×"),
        Result("峰值内存：打开示例报告，逐个显示全部标签页", med["app tabs"], "MiB",
               "bare PySide6 window, same tabs", med["bare tabs"], "≤ 1.5×"),
    ]


if __name__ == "__main__":
    print_table(run())

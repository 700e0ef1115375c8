"""Start-up: from launch to the first painted main window, offscreen.

Measured against a bare PySide6 window built in the same run: QMainWindow with a menu bar, the
same number of tabs (7) and a 30×8 QTableView, quitting on its first paint too.  Aim: ≤ 1.5×.
Both start with the same interpreter, environment and quit-on-paint mechanism, so the ratio is
what the app adds (formats, checks, grids, settings, the last report).  The bare window draws the
same Chinese text as the app — its menu titles and tab titles — in the same font: where the
system has no Chinese font it loads the bundled one, as the app does (gui/qt_setup.ensure_cjk_font),
and it uses the app's point size.  Drawing Chinese makes Qt load a fallback font, which the bare
window would otherwise never pay for.

Three figures per program: the wall time from launch to the end of the first paint (what the
clerk waits for: each program prints the moment, see gui/main_window.py), the wall time of the
whole process, and its CPU time.  The last two include what runs after the first paint and at
exit (the app checks the report and builds its hidden pages right after the first paint, in the
same turn of the event loop as the quit), so they are the stricter measures.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Result, print_table
from model.samples import seed_path  # noqa: E402  (after bench.common: it puts the checkout on sys.path)

BARE = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView, QPlainTextEdit

same = json.loads(sys.argv[1])  # the app's texts and font (see run())

def done():
    import time
    print(f"first-paint {time.time():.6f}", flush=True)
    app.quit()

class Quit(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

app = QApplication(sys.argv[:1])
font = QFont(app.font())
if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(same["font"]))
    if families:
        font.setFamilies(families[:1])
font.setPointSize(max(font.pointSize(), same["point_size"]))
app.setFont(font)
w = QMainWindow()
for title in same["menus"]:
    w.menuBar().addMenu(title)
tabs = QTabWidget()
view = QTableView()
view.setModel(QStandardItemModel(30, 8))
tabs.addTab(view, same["tabs"][0])
for title in same["tabs"][1:]:
    tabs.addTab(QPlainTextEdit(), title)
w.setCentralWidget(tabs)
w.resize(1366, 768)
quitter = Quit()
view.installEventFilter(quitter)
w.show()
sys.exit(app.exec())
"""

# What the bare window shows, as the app shows it: gui/main_window.py's menu titles, the tabs of a
# new report (基本信息 and the six sections of the year's format), gui/qt_setup.py's bundled font
# and UI point size.
MENUS = ("文件(&F)", "编辑(&E)", "查看(&V)", "帮助(&H)")
UI_POINT_SIZE = 10


def _same_as_the_app() -> str:
    import json

    from model import terms
    from model.formats import format_for_year, load_format
    from model.paths import resource_path

    year = time.localtime().tm_year - 1  # gui/file_controller.default_year: a new report's year
    tabs = [terms.INFO_PAGE] + [s.tab_title for s in load_format(format_for_year(year)).sections]
    return json.dumps({"menus": MENUS, "tabs": tabs, "point_size": UI_POINT_SIZE,
                       "font": str(resource_path("fonts", "wqy-microhei.ttc"))}, ensure_ascii=False)


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: no rusage; the CPU rows then read 0
        return 0.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _interleaved_ms(cmds: dict[str, tuple[list[str], dict]], repeats: int, env: dict):
    """Median wall and CPU time (ms) per command, the commands taking turns (one warm-up round).

    Taking turns matters on a shared 2-core machine: a burst of load elsewhere then slows the
    baseline and the app alike instead of skewing the ratio.  CPU time (user + system of the
    child) is what the start costs regardless of how busy the machine is.
    """
    full_env = dict(os.environ, **env)
    paint: dict[str, list[float]] = {k: [] for k in cmds}
    wall: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(repeats + 1):
        for name, (cmd, own_env) in cmds.items():
            c = _children_cpu()
            launched = time.time()
            t = time.perf_counter()
            out = subprocess.run(cmd, cwd=ROOT, env=dict(full_env, **own_env), check=True,
                                 capture_output=True, text=True).stdout
            if i:
                wall[name].append((time.perf_counter() - t) * 1000)
                cpu[name].append((_children_cpu() - c) * 1000)
                painted = [float(line.split()[1]) for line in out.splitlines()
                           if line.startswith("first-paint ")]
                if not painted:
                    raise RuntimeError(f"{name}: no first-paint line in its output")
                paint[name].append((painted[0] - launched) * 1000)
    med = statistics.median
    return ({k: med(v) for k, v in paint.items()}, {k: med(v) for k, v in wall.items()},
            {k: med(v) for k, v in cpu.items()})


def _compile_sources() -> None:
    """Byte-compile the app as an install does (PyInstaller bundles .pyc files).

    Under PYTHONDONTWRITEBYTECODE every start would otherwise compile all of model/ and gui/
    from source, a cost no clerk pays; the bare baseline has almost no Python to compile.
    """
    for folder in ("model", "gui", "export"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    compileall.compile_file(str(ROOT / "main.py"), quiet=1)


def run(repeats: int = 5) -> list[Result]:
    _compile_sources()
    home = tempfile.mkdtemp(prefix="nianbao-bench-")
    # Its own settings folder for the new report: with the draft's, the app would reopen the
    # last draft (the sample) instead of starting a new report.
    new_home = tempfile.mkdtemp(prefix="nianbao-bench-new-")
    env = {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_QUIT_AFTER_PAINT": "1", "NIANBAO_HOME": home}
    src = seed_path()
    sample = Path(home) / "sample.gknb"  # a copy: the app puts a lock file beside what it opens
    shutil.copyfile(src, sample)
    paint, ms, cpu = _interleaved_ms({
        "bare": ([sys.executable, "-c", BARE, _same_as_the_app()], {}),
        "new": ([sys.executable, str(ROOT / "main.py")], {"NIANBAO_HOME": new_home}),
        "draft": ([sys.executable, str(ROOT / "main.py"), str(sample)], {}),
    }, repeats, env)
    return [
        Result("启动到首次绘制完成（新报告）", paint["new"], "ms", "bare PySide6 window, same text", paint["bare"], "≤ 1.5×"),
        Result("启动到首次绘制完成（打开示例报告）", paint["draft"], "ms", "bare PySide6 window, same text", paint["bare"],
               "≤ 1.5×"),
        Result("整个进程（新报告）", ms["new"], "ms", "bare PySide6 window, same text", ms["bare"], "≤ 1.5×"),
        Result("整个进程（打开示例报告）", ms["draft"], "ms", "bare PySide6 window, same text", ms["bare"], "≤ 1.5×"),
        Result("启动 CPU 时间（新报告）", cpu["new"], "ms", "bare PySide6 window, same text", cpu["bare"], "≤ 1.5×"),
        Result("启动 CPU 时间（打开示例报告）", cpu["draft"], "ms", "bare PySide6 window, same text", cpu["bare"], "≤ 1.5×"),
    ]


if __name__ == "__main__":
    print_table(run())

"""Start the window: Qt setup, then the main window on the given draft or the last report."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

# Exit status when the window cannot be shown at all (the commands' "could not do it" status).
NO_DISPLAY_EXIT = 2
# The garbage collector is back on at the first paint, or after this long at the latest.
COLLECT_ANYWAY_MS = 3000
NO_DISPLAY_MESSAGE = (
    "年报助手无法打开窗口：没有找到图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY）。"
    "请在桌面环境中启动本软件；若只需校验或导出，可使用命令：python main.py check / export。\n"
    "年报助手 cannot open its window: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set). Start it from a desktop session, or use the commands: python main.py check / export.")


def no_display(argv: list[str], environ=os.environ, platform: str = sys.platform) -> bool:
    """True on Linux (and other X11/Wayland systems) when Qt would find no display: Qt then
    aborts the process (exit 134) with an English message about platform plugins."""
    if platform.startswith(("win", "darwin")) or platform == "cygwin":
        return False
    if environ.get("QT_QPA_PLATFORM") or "-platform" in argv:
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def collect_again() -> None:
    """End main.py's pause of the garbage collector.  What the start made (modules, classes,
    the window's widgets) is frozen first, out of the collector's sight: it lives as long as the
    process, so none of the collections to come — the first of which would otherwise go over
    all of it at once — need look at it again.  Only those objects are exempt, a fixed set, so
    whatever garbage they may hold cannot grow."""
    if gc.isenabled():  # already done (the first paint, or COLLECT_ANYWAY_MS)
        return
    gc.freeze()
    gc.enable()


def run_app(argv: list[str]) -> int:
    """`python main.py [DRAFT]`.  Returns the process exit code."""
    if no_display(argv):
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return NO_DISPLAY_EXIT
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.qt_setup import configure_before_app, setup_application

    configure_before_app()
    app = QApplication.instance() or QApplication([sys.argv[0]] + [a for a in argv if a.startswith("-")])
    setup_application(app)

    from gui.main_window import MainWindow, on_first_paint

    drafts = [a for a in argv if not a.startswith("-")]
    window = MainWindow(Path(drafts[0]) if drafts else None, paint_first=True)
    if window.files.handed_off:
        # The draft is open in another window of the app, which came to the front instead
        # (gui/instance_channel): this start has nothing to show.
        collect_again()
        window.files.close_clean()
        code = 0
    else:
        # main.py paused the garbage collector for the start: it collects again once the
        # window is on screen, before the checks and the hidden pages are built.
        on_first_paint(window.info.body, collect_again)
        # A window started minimized paints only when the clerk brings it up.
        QTimer.singleShot(COLLECT_ANYWAY_MS, collect_again)
        window.show()
        code = app.exec()
    # Widgets go before the QApplication: PySide can crash at exit when the order is left to
    # the interpreter's final garbage collection.
    del window
    from gui import clipboard

    clipboard.release()  # before Python exits: see gui/clipboard.py
    return code

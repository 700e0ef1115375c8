"""Started where there is no display (a terminal over SSH, a service): a clear message in Chinese
and English and an ordinary exit, not Qt's abort (exit 134) with a page about platform plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import no_display
from model.samples import seed_path

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays")


def without_display(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env | {"NIANBAO_HOME": str(tmp_path / "home")}


def test_the_window_without_a_display_says_so_and_exits_cleanly(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], env=without_display(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-800:])
    assert "没有找到图形界面" in proc.stderr and "no graphical display" in proc.stderr
    assert "DISPLAY" in proc.stderr and "main.py check" in proc.stderr
    assert "qt.qpa" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_qt_alone_would_abort_there(tmp_path):
    """Why the check exists: Qt itself ends the process with SIGABRT when it finds no display."""
    proc = subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication\n"
                           "QApplication(['x'])"], env=without_display(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -6  # SIGABRT (a shell reports it as 134)


def test_the_commands_need_no_display(tmp_path):
    sample = seed_path()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(sample), "--json"],
                          env=without_display(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1) and proc.stdout.lstrip().startswith("{"), proc.stderr[-800:]


@pytest.mark.parametrize("environ, argv, expected", [
    ({}, [], True),
    ({"DISPLAY": ":0"}, [], False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, [], False),
    ({"QT_QPA_PLATFORM": "offscreen"}, [], False),
    ({}, ["-platform", "offscreen"], False),
    ({"DISPLAY": ""}, [], True),
])
def test_what_counts_as_a_display(environ, argv, expected):
    assert no_display(argv, environ, "linux") is expected


def test_windows_and_macos_always_have_one():
    assert no_display([], {}, "win32") is False and no_display([], {}, "darwin") is False

"""Screenshots of every tab of the sample report, offscreen, as on a clerk's screen.

    python3 tools/screenshots.py OUTDIR [--size 1366x768] [--scale 1.25]

Writes OUTDIR/NN-<tab>.png, the size of the screen in device pixels.  --scale is the display
scaling (125 % → 1.25, through QT_SCALE_FACTOR): the window then has size/scale logical pixels,
as on a laptop set to 125 %.  Uses a throwaway NIANBAO_HOME so the real settings and drafts are
never touched, and the bundled font so the pictures are the same on every machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)


def _file_stem(index: int, title: str) -> str:
    clean = "".join(ch for ch in title if ch not in '\\/:*?"<>|、，（）')
    return f"{index:02d}-{clean}"


_KEEP = []  # the QApplication must outlive every widget, also while the interpreter shuts down


def take(outdir: Path, size: tuple[int, int] = SIZE, scale: float = 1.0) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)  # must precede the QApplication
    os.environ["NIANBAO_HOME"] = tempfile.mkdtemp(prefix="nianbao-shots-")
    from PySide6.QtWidgets import QApplication

    from gui.qt_setup import configure_before_app, setup_application

    configure_before_app()
    app = QApplication.instance() or QApplication(["screenshots"])
    _KEEP.append(app)
    setup_application(app, force_bundled_font=True)

    from gui.file_controller import copy_sample_to
    from gui.main_window import MainWindow
    from model.user_dirs import drafts_dir

    sample = copy_sample_to(drafts_dir())
    window = MainWindow(sample)
    window.resize(round(size[0] / scale), round(size[1] / scale))
    window.show()
    app.processEvents()
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        for _ in range(3):
            app.processEvents()
        path = outdir / f"{_file_stem(i, window.tabs.tabText(i))}.png"
        window.grab().save(str(path))
        written.append(path)
    window.files.close_clean()
    window.deleteLater()
    app.processEvents()
    return written


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Screenshots of every tab of the sample report.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="screen size, e.g. 1920x1080")
    parser.add_argument("--scale", type=float, default=1.0, help="display scaling, e.g. 1.25")
    args = parser.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    for p in take(args.outdir, (w, h), args.scale):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

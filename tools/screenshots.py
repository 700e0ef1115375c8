"""Screenshots of every tab of the sample report, offscreen, at 1366×768 (a common office screen).

    python3 tools/screenshots.py OUTDIR

Writes OUTDIR/NN-<tab>.png.  Uses a throwaway NIANBAO_HOME so the real settings and drafts are
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


def take(outdir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
    window.resize(*SIZE)
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
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for p in take(Path(argv[0])):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

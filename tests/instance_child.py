"""Another 年报助手 process for the many-window tests: the real window, offscreen, reporting on stdout.

    python tests/instance_child.py [DRAFT] [--answer yes|no] [--type TEXT] [--save]

It starts the window exactly as gui/app.py does (MainWindow(DRAFT, paint_first=True)), prints one JSON line
{"ready": …, "path": …, "lock_held": …, "handed_off": …, "questions": [...]}, then stays up
until killed, printing {"raised": …} whenever another start brings it to the front.  Every
message box is answered without being shown (--answer: 是 or 否 for questions) and printed as
{"question": text}.  --type puts TEXT into 一、总体情况 (unsaved, so autosave covers it) and prints
{"typed": …} once the recovery copy is on disk; --save then saves it.  If the start handed the
draft to another window, it prints its line and exits (as main.py does).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def emit(**kw) -> None:
    print(json.dumps(kw, ensure_ascii=False), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("draft", nargs="?")
    ap.add_argument("--answer", choices=("yes", "no"), default="no")
    ap.add_argument("--type", default="")
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication, QMessageBox

    import gui  # noqa: F401  (the PySide6 work-around, as the app applies it)
    from gui.qt_setup import configure_before_app, setup_application

    questions = []

    def exec_(box):
        questions.append(box.text())
        emit(question=box.text())
        Btn = QMessageBox.StandardButton
        if box.button(Btn.Yes) is not None:
            return Btn.Yes if args.answer == "yes" else Btn.No
        return Btn.Discard if box.button(Btn.Discard) is not None else Btn.Ok

    QMessageBox.exec = exec_
    configure_before_app()
    app = QApplication([sys.argv[0]])
    setup_application(app)
    from gui.main_window import MainWindow

    window = MainWindow(Path(args.draft) if args.draft else None, paint_first=True)
    files = window.files
    files.broughtToFront.connect(lambda: emit(raised=time.time()))
    emit(ready=time.time(), pid=os.getpid(), path=str(files.doc.path) if files.doc.path else None,
         lock_held=bool(files.lock is not None and files.lock.held), handed_off=files.handed_off,
         questions=questions)
    if files.handed_off:
        files.close_clean()
        return 0
    window.show()
    if args.type:
        window.doc.set_text("s1", window.doc.report.text("s1") + args.type)
        files.autosaver.write_now()
        files.autosaver.wait()
        emit(typed=args.type, slot=str(files.autosaver.slot.path))
        if args.save:
            emit(saved=files.save())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

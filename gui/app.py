"""Start the window: Qt setup, then the main window on the given draft or the last report."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(argv: list[str]) -> int:
    """`python main.py [DRAFT]`.  Returns the process exit code."""
    from PySide6.QtWidgets import QApplication

    from gui.qt_setup import configure_before_app, setup_application

    configure_before_app()
    app = QApplication.instance() or QApplication([sys.argv[0]] + [a for a in argv if a.startswith("-")])
    setup_application(app)

    from gui.main_window import MainWindow

    drafts = [a for a in argv if not a.startswith("-")]
    window = MainWindow(Path(drafts[0]) if drafts else None)
    if window.files.handed_off:
        # The draft is open in another window of the app, which came to the front instead
        # (gui/instance_channel): this start has nothing to show.
        window.files.close_clean()
        code = 0
    else:
        window.show()
        code = app.exec()
    # Widgets go before the QApplication: PySide can crash at exit when the order is left to
    # the interpreter's final garbage collection.
    del window
    from gui import clipboard

    clipboard.release()  # before Python exits: see gui/clipboard.py
    return code

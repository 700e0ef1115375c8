"""The window's icons: Qt's own common-style pictures, the same on every platform.

They come straight from the images compiled into QtWidgets (what QStyle.standardIcon draws in the
Fusion style), by name: asking the style instead builds Python's view of QStyle, some 6 ms of a
start-up that has to stay under 1.5× a bare window (bench/bench_startup.py).  Should a Qt build
lack one, the style's own icon is used.  Not every image comes in every size: each size is looked
up in Qt's resources first (QIcon.addFile would search every image plugin for a missing one, some
5 ms in all; QResource, not QFile, whose Python view alone costs 1.4 ms).
"""

from __future__ import annotations

from PySide6.QtCore import QResource
from PySide6.QtGui import QIcon

_FOLDER = ":/qt-project.org/styles/commonstyle/images/"
_SIZES = (16, 32, 64, 128)

# our name → (Qt's image name, the QStyle.StandardPixmap it stands for)
ICONS = {
    "new": ("file", "SP_FileIcon"),
    "open": ("standardbutton-open", "SP_DialogOpenButton"),
    "rollover": ("newdirectory", "SP_FileDialogNewFolder"),
    "save": ("standardbutton-save", "SP_DialogSaveButton"),
    "pdf": ("filelink", "SP_FileLinkIcon"),
    "xlsx": ("viewdetailed", "SP_FileDialogDetailedView"),
    "docx": ("filecontents", "SP_FileDialogContentsView"),
    "html": ("networkdrive", "SP_DriveNetIcon"),
    "print": ("computer", "SP_ComputerIcon"),
    "undo": ("arrow-left", "SP_ArrowBack"),
    "redo": ("arrow-right", "SP_ArrowForward"),
    "error": ("critical", "SP_MessageBoxCritical"),
    "warning": ("warning", "SP_MessageBoxWarning"),
    "hint": ("information", "SP_MessageBoxInformation"),
    "ok": ("standardbutton-apply", "SP_DialogApplyButton"),
}

_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    if name not in _cache:
        image, standard = ICONS[name]
        found = QIcon()
        for size in _SIZES:
            path = f"{_FOLDER}{image}-{size}.png"
            if QResource(path).isValid():
                found.addFile(path)
        if found.isNull():
            from PySide6.QtWidgets import QApplication, QStyle

            found = QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, standard))
        _cache[name] = found
    return _cache[name]

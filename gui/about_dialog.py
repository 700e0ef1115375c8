"""帮助 → 关于: the app's name and version, the official formats it knows, and where drafts live.

The version has one source: `version` in pyproject.toml.  A checkout reads it from the file at
the repository root; the PyInstaller build copies pyproject.toml into the bundle (see
packaging/nianbao.spec), where model.paths.app_root() finds it the same way.
"""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from model.formats import available_formats, load_format
from model.paths import app_root, resource_path
from model.terms import APP_NAME
from model.user_dirs import drafts_dir, ensure

DESCRIPTION = "政府信息公开工作年度报告的填写、校验、排版与导出"
OFFLINE_NOTE = "本软件完全离线工作，不联网，不上传任何数据。"
FONTS_NOTE = ("内置字体：文泉驿微米黑（Apache 2.0 许可）、文鼎 PL 明体（Arphic Public License），"
              "许可文本随软件附带（resources/fonts 文件夹）。")
ICON_FILE = ("icons", "nianbao-128.png")
ICON_PIXELS = 64


def app_version() -> str:
    """The version in pyproject.toml, or “未知” when the file is missing or unreadable."""
    try:
        with open(app_root() / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "未知"


def format_lines() -> list[str]:
    """One line per shipped official format: its name (with document number) and its years."""
    lines = []
    for fid in available_formats():
        fmt = load_format(fid)
        if fmt.last_year is None:
            years = f"{fmt.first_year}年度及以后"
        else:
            years = f"{fmt.first_year}—{fmt.last_year}年度"
        lines.append(f"{fmt.name}：适用于{years}的报告")
    return lines


def open_drafts_folder(parent: QWidget | None = None) -> bool:
    """Create the drafts folder if needed and show it in the file manager."""
    folder = ensure(drafts_dir())
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    from gui import message_box  # plain text: the folder is a path

    message_box.warning(parent, "打开文件夹", f"无法打开草稿文件夹，请在资源管理器中手动打开：\n{folder}")
    return False


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.version = app_version()

        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addWidget(self._formats_box())
        layout.addWidget(self._drafts_box())
        for note in (OFFLINE_NOTE, FONTS_NOTE):
            label = QLabel(note)
            label.setWordWrap(True)
            small = label.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            label.setFont(small)
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(580)
        from gui.message_box import make_plain

        make_plain(self)  # the drafts folder is a path of the clerk's: text, never markup

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        pixmap = QPixmap(str(resource_path(*ICON_FILE)))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(ICON_PIXELS, ICON_PIXELS,
                                         Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        text = QVBoxLayout()
        name = QLabel(APP_NAME)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        text.addWidget(name)
        self.version_label = QLabel(f"版本 {self.version}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.version_label)
        text.addWidget(QLabel(DESCRIPTION))
        row.addLayout(text, 1)
        return row

    def _formats_box(self) -> QGroupBox:
        box = QGroupBox("支持的报告格式")
        inner = QVBoxLayout(box)
        self.format_labels = []
        for line in format_lines():
            label = QLabel(f"• {line}")
            label.setWordWrap(True)
            inner.addWidget(label)
            self.format_labels.append(label)
        return box

    def _drafts_box(self) -> QGroupBox:
        box = QGroupBox("草稿保存位置")
        inner = QVBoxLayout(box)
        self.drafts_label = QLabel(str(drafts_dir()))
        self.drafts_label.setWordWrap(True)
        self.drafts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.drafts_label)
        self.open_drafts_button = QPushButton("打开草稿文件夹")
        self.open_drafts_button.clicked.connect(lambda: open_drafts_folder(self))
        row = QHBoxLayout()
        row.addWidget(self.open_drafts_button)
        row.addStretch(1)
        inner.addLayout(row)
        return box

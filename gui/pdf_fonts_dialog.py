"""「PDF 字体」: which faces the exported and printed PDF uses, and the clerk's choice.

Shows, for each part of the report (标题, 一级标题, 二级标题, 正文, 表格), the face the PDF will
use on this computer and why (「本机已安装仿宋_GB2312」, 「本机未安装楷体，使用软件自带…」), lists
font files that were skipped (CFF outlines, licence forbids embedding), and lets the clerk pick:
this computer's official faces (recommended) or the bundled fonts, one face per part, and an
extra folder to look in (fonts copied to a USB stick).  The choice is saved in the settings
(export.font_lookup.SETTING) and read by PDF export, printing and the command line.

All the deciding is export.font_lookup.plan_faces; this dialog shows and asks.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QRadioButton, QVBoxLayout)

from export.font_lookup import (AUTO, BUNDLED, BUNDLED_KIND, BUNDLED_LABEL, ROLE_NAMES, ROLES,
                                SETTING, FontChoice, RoleFinding, Sources, find_roles,
                                plan_faces, saved_choice)
from gui.plain_text import plain_label
from gui.screen_fit import fit_to_content

INTRO = ("导出 PDF 和打印时使用的字体。公文习惯：标题用方正小标宋简体，一级标题用黑体，"
         "二级标题用楷体，正文用仿宋。所用字体以子集形式嵌入 PDF，对方电脑不必安装。")


class PdfFontsDialog(QDialog):
    def __init__(self, parent=None, settings=None, sources_for=None):
        """`sources_for(folders)` gives the Sources to search (tests pass fixture folders)."""
        super().__init__(parent)
        self.setObjectName("pdf_fonts_dialog")
        self.setWindowTitle("PDF 字体")
        self.settings = settings
        self._sources_for = sources_for or (lambda folders: Sources.for_this_computer(folders))
        self._choice = saved_choice(settings)
        self._findings: dict[str, RoleFinding] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(INTRO, wrap=True))

        self.auto = QRadioButton("使用本机的公文字体（推荐；本机没有的用软件自带字体）")
        self.auto.setObjectName("fonts_auto")
        self.bundled = QRadioButton("全部使用软件自带字体（各台电脑排版完全相同）")
        self.bundled.setObjectName("fonts_bundled")
        group = QButtonGroup(self)
        group.addButton(self.auto)
        group.addButton(self.bundled)
        layout.addWidget(self.auto)
        layout.addWidget(self.bundled)

        box = QGroupBox("各部分使用的字体")
        grid = QGridLayout(box)
        self.combos: dict[str, QComboBox] = {}
        self.notes: dict[str, QLabel] = {}
        for row, role in enumerate(ROLES):
            grid.addWidget(plain_label(ROLE_NAMES[role], wrap=True), row, 0)
            combo = QComboBox()
            combo.setObjectName(f"font_{role}")
            combo.setAccessibleName(f"{ROLE_NAMES[role]}字体")
            combo.activated.connect(lambda _i, r=role: self._picked(r))
            grid.addWidget(combo, row, 1)
            note = plain_label(wrap=True)
            note.setObjectName(f"font_note_{role}")
            grid.addWidget(note, row, 2)
            self.combos[role], self.notes[role] = combo, note
        grid.setColumnStretch(2, 1)
        layout.addWidget(box)

        self.skipped = plain_label(wrap=True)
        self.skipped.setObjectName("fonts_skipped")
        layout.addWidget(self.skipped)

        folders = QHBoxLayout()
        self.folders_label = plain_label(wrap=True)
        self.add_folder = QPushButton("添加字体文件夹…")
        self.add_folder.setObjectName("fonts_add_folder")
        self.add_folder.clicked.connect(self._add_folder)
        self.clear_folders = QPushButton("不再查找这些文件夹")
        self.clear_folders.clicked.connect(self._clear_folders)
        folders.addWidget(self.folders_label, 1)
        folders.addWidget(self.add_folder)
        folders.addWidget(self.clear_folders)
        layout.addLayout(folders)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        (self.bundled if self._choice.profile == BUNDLED else self.auto).setChecked(True)
        self.auto.toggled.connect(self._profile_changed)
        self._search()
        fit_to_content(self)  # the notes wrap: room for all their lines, on a 150 % screen too

    # -- what the clerk sees -------------------------------------------------------------------

    def choice(self) -> FontChoice:
        return self._choice

    def _search(self) -> None:
        self._findings = find_roles(self._sources_for(self._choice.folders))
        self._refresh()

    def _refresh(self) -> None:
        plans = plan_faces(self._choice, findings=self._findings)
        best = plan_faces(FontChoice(AUTO, (), self._choice.folders), findings=self._findings)
        bundled = self._choice.profile == BUNDLED
        for role in ROLES:
            combo, plan = self.combos[role], plans[role]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(f"自动（{best[role].label}）", AUTO)
            for cand in self._findings[role].usable:
                combo.addItem(f"{cand.name}（{cand.face.file_name}）", cand.name)
            combo.addItem(BUNDLED_LABEL[BUNDLED_KIND[role]], BUNDLED)
            index = combo.findData(self._choice.pick(role))
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(not bundled)
            combo.blockSignals(False)
            self.notes[role].setText(plan.note)
        skipped = []
        for finding in self._findings.values():
            skipped += [s for s in finding.skipped if s not in skipped]
        self.skipped.setText("未使用的字体文件：\n" + "\n".join(skipped) if skipped else "")
        self.skipped.setVisible(bool(skipped))
        folders = self._choice.folders
        self.folders_label.setText("另外查找：" + "；".join(folders) if folders else "")
        self.clear_folders.setVisible(bool(folders))

    def _picked(self, role: str) -> None:
        self._choice = self._choice.with_pick(role, self.combos[role].currentData())
        self._refresh()

    def _profile_changed(self) -> None:
        profile = AUTO if self.auto.isChecked() else BUNDLED
        self._choice = FontChoice(profile, self._choice.roles, self._choice.folders)
        self._refresh()

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放字体的文件夹")
        if folder and folder not in self._choice.folders:
            self._choice = FontChoice(self._choice.profile, self._choice.roles,
                                      self._choice.folders + (folder,))
            self._search()

    def _clear_folders(self) -> None:
        self._choice = FontChoice(self._choice.profile, self._choice.roles, ())
        self._search()

    def accept(self) -> None:
        if self.settings is not None:
            self.settings.set(SETTING, self._choice.to_dict())
        super().accept()


def choose_pdf_fonts(parent, settings) -> bool:
    """The window's 「PDF 字体…」: True when the clerk saved a choice."""
    return PdfFontsDialog(parent, settings).exec() == QDialog.DialogCode.Accepted

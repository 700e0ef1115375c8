"""Qt's own dialogs speak Chinese on every platform (the UOS/Kylin file dialog showed "Look in:")."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QPushButton, QToolButton, QWidget)

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english(dialog: QWidget) -> list[str]:
    """Visible texts and tooltips of a dialog that are English words and no Chinese."""
    out = []
    for w in [dialog, *dialog.findChildren(QWidget)]:
        texts = [w.toolTip()]
        if isinstance(w, (QLabel, QPushButton, QToolButton)):
            texts.append(w.text())
        for t in texts:
            if t and LATIN_WORD.search(t) and not re.search(r"[\u4e00-\u9fff]", t) and "/" not in t:
                out.append(t)
    return out


def test_the_file_dialog_on_linux_is_chinese(qapp, tmp_path):
    d = QFileDialog(None, "打开报告", str(tmp_path), "年报草稿 (*.gknb)")
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # what UOS and Kylin show
    labels = {lab.text() for lab in d.findChildren(QLabel) if lab.text()}
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels and "文件名称(&N)：" in labels
    assert english(d) == []
    d.deleteLater()


def test_the_save_dialog_and_its_buttons_are_chinese(qapp, tmp_path):
    d = QFileDialog(None, "保存报告", str(tmp_path))
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    buttons = {b.text() for b in d.findChild(QDialogButtonBox).buttons()}
    assert buttons == {"保存(&S)", "取消"}
    assert english(d) == []
    d.deleteLater()


def test_the_print_dialog_is_chinese(qapp):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    d = QPrintDialog(printer)
    assert english(d) == []
    combos = [c.itemText(i) for c in d.findChildren(QComboBox) for i in range(c.count())]
    assert not [t for t in combos if LATIN_WORD.search(t) and not re.search(r"[\u4e00-\u9fff]", t)
                and "/" not in t and "(" not in t]
    d.deleteLater()


def test_message_box_buttons_are_chinese(qapp):
    box = QMessageBox(QMessageBox.Icon.Question, "问题", "要保存吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {b.text() for b in box.buttons()} == {"是(&Y)", "否(&N)"}
    box.deleteLater()

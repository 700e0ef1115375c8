"""Message boxes that show user text as text: an agency name, a path, a computer name from a lock.

QMessageBox's static functions (warning, question, …) guess the format (Qt::AutoText): a message
whose first line holds `<font …>` or `<a href=…>` is rendered as HTML, and the box's label opens
links in the browser.  Every box here is plain text, its labels never open links, and a link-like
text is only selectable.  Each is shown with `exec()`, which tests replace to answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def __getattr__(name: str):
    """`Btn` and `Icon`, QMessageBox's enums.  Looked up when first used: QMessageBox is loaded
    when a box is first needed, not on the window's start-up path."""
    if name in ("Btn", "Icon"):
        from PySide6.QtWidgets import QMessageBox

        globals().update(Btn=QMessageBox.StandardButton, Icon=QMessageBox.Icon)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _box_class():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox


def make_plain(widget: QWidget) -> QWidget:
    """Every label in `widget` (and `widget`, if it is one): plain text, no link ever opened."""
    labels = widget.findChildren(QLabel)
    if isinstance(widget, QLabel):
        labels.append(widget)
    if isinstance(widget, _box_class()):
        widget.setTextFormat(Qt.TextFormat.PlainText)
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
        flags = label.textInteractionFlags() & ~Qt.TextInteractionFlag.LinksAccessibleByMouse \
            & ~Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        label.setTextInteractionFlags(flags)
    return widget


def plain_box(icon: Icon, parent, title: str, text: str,
              buttons: Btn | None = None, default: Btn | None = None, informative: str = "",
              details: str = "") -> QMessageBox:
    """A box with `buttons` (default: 确定) whose texts are all plain; `details` go behind its
    「显示详细信息」 button (a plain text view already)."""
    QMessageBox = _box_class()
    Btn = QMessageBox.StandardButton
    box = QMessageBox(icon, title, "", Btn.Ok if buttons is None else buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    if default is not None:
        box.setDefaultButton(default)
    names = {Btn.Ok: "确定", Btn.Yes: "是", Btn.No: "否", Btn.Cancel: "取消", Btn.Save: "保存",
             Btn.Discard: "不保存"}
    for b, name in names.items():
        if box.button(b) is not None:
            box.button(b).setText(name)
    return make_plain(box)


def standard_button(ret) -> Btn:
    """QMessageBox.exec() gives an int; a patched exec in a test may give the enum itself."""
    Btn = _box_class().StandardButton
    if isinstance(ret, Btn):
        return ret
    return Btn(int(ret))


def show(box: QMessageBox) -> Btn:
    make_plain(box)  # informative text set after construction gets its label late
    return standard_button(box.exec())


def warning(parent, title: str, text: str) -> None:
    show(plain_box(_box_class().Icon.Warning, parent, title, text))


def information(parent, title: str, text: str, details: str = "") -> None:
    show(plain_box(_box_class().Icon.Information, parent, title, text, details=details))


def critical(parent, title: str, text: str) -> None:
    show(plain_box(_box_class().Icon.Critical, parent, title, text))


def question(parent, title: str, text: str, buttons: Btn | None = None, default: Btn | None = None) -> Btn:
    """是 / 否 (default 否) unless `buttons` and `default` say otherwise."""
    Btn = _box_class().StandardButton
    return show(plain_box(_box_class().Icon.Question, parent, title, text,
                          Btn.Yes | Btn.No if buttons is None else buttons, Btn.No if default is None else default))

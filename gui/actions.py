"""Small building blocks for menus and editors: QAction construction and report-wide undo keys.

Every edit lives on ReportDocument.undo_stack, so Ctrl+Z must reach the window's undo action
even while a text field has the focus.  Qt's text widgets claim those keys for their own
(disabled) undo through a ShortcutOverride; pass_undo_keys() hands them back to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

# Ctrl+Y is the Windows habit, Ctrl+Shift+Z the other one; accept both everywhere.
REDO_SHORTCUTS = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]


def make_action(parent, text: str, slot=None, shortcut=None, icon=None, tip: str = "",
                enabled: bool = True) -> QAction:
    act = QAction(text, parent)
    if icon is not None:
        act.setIcon(icon)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setStatusTip(tip)
        act.setToolTip(tip)
    if slot is not None:
        act.triggered.connect(lambda checked=False: slot())
    act.setEnabled(enabled)
    return act


def is_undo_redo_key(event) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    combo = event.keyCombination().toCombined()
    return any(combo == seq[0].toCombined() for seq in REDO_SHORTCUTS)


class _UndoKeyPassthrough(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_redo_key(event):
            event.ignore()  # not ours: let the window's undo/redo shortcut fire
            return True
        return False


_PASSTHROUGH: _UndoKeyPassthrough | None = None


def pass_undo_keys(widget) -> None:
    """Let Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z typed in `widget` reach the report-wide undo."""
    global _PASSTHROUGH
    if _PASSTHROUGH is None:
        _PASSTHROUGH = _UndoKeyPassthrough()
    widget.installEventFilter(_PASSTHROUGH)

"""Small building blocks for menus and editors: QAction construction and report-wide undo keys.

Every edit lives on ReportDocument.undo_stack, so Ctrl+Z must reach the window's undo action
even while a text field has the focus.  Qt's text widgets claim those keys for their own
(disabled) undo through a ShortcutOverride; pass_undo_keys() hands them back to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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


def display_only_shortcut(act: QAction, shortcut) -> QAction:
    """Show `shortcut` beside a menu entry without making it a window-wide shortcut.

    The widgets handle these keys themselves (the grid its Ctrl+C, a text field its own): a
    window-wide Ctrl+C or Delete would take the key from every text field of the window.  With
    the widget-only context the shortcut is live only while the menu itself has the focus.
    """
    act.setShortcut(QKeySequence(shortcut))
    act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    return act


def use_report_undo(widget, stack, before=None) -> None:
    """The context menu of a text field undoes on the report's undo stack.

    Qt's own 撤消/重做 there act on the field's private undo, which is switched off (every edit
    is on ReportDocument.undo_stack): they were greyed while Ctrl+Z worked.  `before` runs first
    (the agency field writes what is typed but not yet committed).
    """
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos):
        menu = report_context_menu(widget, stack, before)
        menu.exec(widget.mapToGlobal(pos))
        menu.deleteLater()

    widget.customContextMenuRequested.connect(show)


def report_context_menu(widget, stack, before=None):
    """The field's standard menu with 撤销/重做 that act on the report's undo stack."""
    menu = widget.createStandardContextMenu()
    ours = {"edit-undo": ("撤销(&U)", QKeySequence.StandardKey.Undo, stack.canUndo(), stack.undo),
            "edit-redo": ("重做(&R)", QKeySequence.StandardKey.Redo, stack.canRedo(), stack.redo)}
    for old in list(menu.actions()):
        spec = ours.get(old.objectName())
        if spec is None:
            continue
        text, key, enabled, step = spec

        def run(checked=False, step=step):
            if before is not None:
                before()
            step()

        act = QAction(text, menu)
        act.setObjectName(f"report-{old.objectName()[5:]}")
        display_only_shortcut(act, key)
        act.setEnabled(enabled or (before is not None and old.objectName() == "edit-undo"))
        act.triggered.connect(run)
        menu.insertAction(old, act)
        menu.removeAction(old)
    return menu

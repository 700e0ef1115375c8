"""The open report as the window sees it: the domain Report, its undo stack, and change signals.

Every edit — a cell, a pasted block, 空白填0, a text, a detail — goes through a QUndoCommand on
one stack, so Ctrl+Z / Ctrl+Y work across the whole report.  After each change the totals and
the findings are recomputed once (the core takes well under a millisecond) and announced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.checks import ERROR, Finding, check_report
from model.report import Report, Value

TEXT_MERGE_ID = 1001
META_FIELDS = ("agency", "year", "date", "format_id")


class ReportDocument(QObject):
    cellsChanged = Signal(list)  # cell ids whose entered value changed
    textChanged = Signal(str)  # text key (s1…s6, preamble, closing)
    metaChanged = Signal(str)  # field name in META_FIELDS, or "units"/"review"
    recomputed = Signal()  # totals and findings are fresh
    reportReplaced = Signal()  # a different report was loaded (new / open / rollover)

    def __init__(self, report: Report, path: Path | None = None, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report = report
        self.path = path
        self.values: dict[str, Value] = {}
        self.findings: list[Finding] = []
        self._recompute()

    # -- state ---------------------------------------------------------------------------------
    def replace(self, report: Report, path: Path | None) -> None:
        self.report = report
        self.path = path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._recompute()
        self.reportReplaced.emit()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()

    @property
    def fmt(self):
        return self.report.fmt

    def error_count(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    def findings_for_cell(self, cell_id: str) -> list[Finding]:
        return [f for f in self.findings if cell_id in f.cells]

    def _recompute(self) -> None:
        self.values = self.report.values()
        self.findings = check_report(self.report)

    def _changed(self) -> None:
        self._recompute()
        self.recomputed.emit()

    # -- edits (all undoable) ------------------------------------------------------------------
    def set_cells(self, changes: dict[str, Value], text: str = "编辑单元格") -> None:
        """Apply several cell values as one undo step.  Values must already be valid."""
        changes = {c: v for c, v in changes.items() if self.report.cells.get(c) != v}
        if changes:
            self.undo_stack.push(_SetCells(self, changes, text))

    def set_text(self, key: str, text: str) -> None:
        if self.report.text(key) != text:
            self.undo_stack.push(_SetText(self, key, text))

    def set_meta(self, field: str, value, text: str = "修改基本信息") -> None:
        if field not in META_FIELDS:
            raise KeyError(field)
        if getattr(self.report, field) != value:
            self.undo_stack.push(_SetMeta(self, field, value, text))

    def set_unit(self, cell_id: str, unit: str | None) -> None:
        if self.report.units.get(cell_id) != unit:
            self.undo_stack.push(_SetUnit(self, cell_id, unit))

    def mark_reviewed(self, key: str) -> None:
        if key in self.report.review:
            self.undo_stack.push(_Reviewed(self, key))

    # Used by the commands: apply without pushing.
    def _apply_cells(self, values: dict[str, Value]) -> None:
        for cid, v in values.items():
            self.report.set_cell(cid, v)
        self._changed()
        self.cellsChanged.emit(list(values))

    def _apply_text(self, key: str, text: str) -> None:
        if text:
            self.report.texts[key] = text
        else:
            self.report.texts.pop(key, None)
        self._changed()
        self.textChanged.emit(key)

    def _apply_meta(self, field: str, value) -> None:
        setattr(self.report, field, value)
        self._changed()
        self.metaChanged.emit(field)
        if field == "format_id":
            self.reportReplaced.emit()  # grids are laid out anew for the other format


class _SetCells(QUndoCommand):
    def __init__(self, doc: ReportDocument, new: dict[str, Value], text: str):
        super().__init__(text)
        self.doc, self.new = doc, new
        self.old = {c: doc.report.cells.get(c) for c in new}

    def redo(self):
        self.doc._apply_cells(self.new)

    def undo(self):
        self.doc._apply_cells(self.old)


class _SetText(QUndoCommand):
    """Typing in one section merges into one step until another kind of edit comes between."""

    def __init__(self, doc: ReportDocument, key: str, text: str):
        super().__init__("编辑正文")
        self.doc, self.key, self.new = doc, key, text
        self.old = doc.report.text(key)
        self.sealed = False  # once undone, typing afterwards starts a step of its own

    def id(self):
        return TEXT_MERGE_ID

    def mergeWith(self, other):
        if self.sealed or not isinstance(other, _SetText) or other.key != self.key:
            return False
        # Break the merge at paragraph ends so that undo steps stay a useful size.
        if other.new.count("\n") != self.new.count("\n"):
            return False
        self.new = other.new
        return True

    def redo(self):
        self.doc._apply_text(self.key, self.new)

    def undo(self):
        self.sealed = True
        self.doc._apply_text(self.key, self.old)


class _SetMeta(QUndoCommand):
    def __init__(self, doc: ReportDocument, field: str, value, text: str):
        super().__init__(text)
        self.doc, self.field, self.new = doc, field, value
        self.old = getattr(doc.report, field)
        # Switching format drops cells the other format lacks: keep them to restore on undo.
        self.cells_before = dict(doc.report.cells) if field == "format_id" else None

    def redo(self):
        if self.field == "format_id":
            from model.formats import load_format

            keep = load_format(self.new).cells
            self.doc.report.cells = {c: v for c, v in self.cells_before.items() if c in keep}
        self.doc._apply_meta(self.field, self.new)

    def undo(self):
        if self.cells_before is not None:
            self.doc.report.cells = dict(self.cells_before)
        self.doc._apply_meta(self.field, self.old)


class _SetUnit(QUndoCommand):
    def __init__(self, doc: ReportDocument, cell_id: str, unit: str | None):
        super().__init__("修改单位")
        self.doc, self.cell, self.new = doc, cell_id, unit
        self.old = doc.report.units.get(cell_id)

    def _set(self, unit):
        if unit:
            self.doc.report.units[self.cell] = unit
        else:
            self.doc.report.units.pop(self.cell, None)
        self.doc._changed()
        self.doc.metaChanged.emit("units")
        self.doc.cellsChanged.emit([self.cell])

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


class _Reviewed(QUndoCommand):
    def __init__(self, doc: ReportDocument, key: str):
        super().__init__("标记为已复核")
        self.doc, self.key = doc, key
        self.index = doc.report.review.index(key)

    def redo(self):
        self.doc.report.review.remove(self.key)
        self.doc._changed()
        self.doc.metaChanged.emit("review")

    def undo(self):
        self.doc.report.review.insert(self.index, self.key)
        self.doc._changed()
        self.doc.metaChanged.emit("review")

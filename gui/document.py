"""The open report as the window sees it: the domain Report, its undo stack, and change signals.

ReportDocument is the only door through which a report changes.  A pure function of
model/changes.py computes a ChangeSet (cells and units, texts, details, the review list); apply()
pushes it as ONE undo step, a command that writes it with model.changes.apply_change and undoes
it with the inverse that returned.  Typing in one text merges into one step until another kind
of edit comes between.  After each change the totals and the findings are recomputed once and
announced — at once for every edit but typing in a long text: there the checks run after a short
pause (CHECK_PAUSE_MS), so a keystroke in a 100,000-character section never waits for them.

At start the window paints before the checks run (`defer_checks`, gui/main_window.py): until
`run_deferred_checks`, `checked` is False and the findings are unknown — the window shows none
rather than "no problems" — and anything that must read them calls `flush_checks` first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import changes
from model.changes import ChangeSet, apply_change
from model.dismissals import Dismissal
from model.findings import ERROR, Finding
from model.report import Report, Value

TEXT_MERGE_ID = 1001
META_FIELDS = changes.DETAILS
# Typing in a text at least this long checks after a pause instead of on every keystroke.
LONG_TEXT = 20_000
CHECK_PAUSE_MS = 300


class ReportDocument(QObject):
    cellsChanged = Signal(list)  # cell ids whose entered value or unit changed
    textChanged = Signal(str)  # text key (s1…s6, preamble, closing)
    metaChanged = Signal(str)  # field name in META_FIELDS, or "units"/"review"
    recomputed = Signal()  # totals and findings are fresh
    reportReplaced = Signal()  # a different report was loaded (new / open / rollover)

    def __init__(self, report: Report, path: Path | None = None, parent=None, defer_checks: bool = False):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report = report
        self.path = path
        self.values: dict[str, Value] = {}
        self.findings: list[Finding] = []  # shown: errors, and warnings and hints not set aside
        self.dismissed: list[tuple[Finding, Dismissal]] = []  # set aside (不再提示), with why
        self.similarities: dict = {}  # text key → model.similarity.Similarity of last year's
        self.check_options: dict = {}  # the clerk's check settings (overview_max_chars)
        self.checked = False  # findings, dismissed and similarities are those of this report
        self._deferring = defer_checks  # reports are not checked until run_deferred_checks
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_PAUSE_MS)
        self._check_timer.timeout.connect(self._checks_after_pause)
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
        self._check_timer.stop()
        self.values = self.report.values()
        if self._deferring:
            self.findings, self.dismissed, self.similarities = [], [], {}
            self.checked = False
        else:
            self._check()

    def _check(self) -> None:
        # Imported here: the checks' modules are not needed for the window's first picture.
        from model.checks import run_checks
        from model.similarity import section_similarities

        result = run_checks(self.report, self.check_options)
        self.findings, self.dismissed = result.findings, result.dismissed
        self.similarities = section_similarities(self.report)
        self.checked = True

    def _checks_after_pause(self) -> None:
        self._check()
        self.recomputed.emit()

    def run_deferred_checks(self) -> None:
        """End `defer_checks`: check the report now if it was not, and announce the findings."""
        self._deferring = False
        if not self.checked:
            self._check_timer.stop()
            self._checks_after_pause()

    def checks_pending(self) -> bool:
        """True while the findings are not yet those of the text: a long text was typed in and its
        checks wait for the pause, or the report was not checked yet (start)."""
        return self._check_timer.isActive() or not self.checked

    def flush_checks(self) -> None:
        """Run checks still waiting (the pause, or the start) now, before anything reads the findings."""
        if self._check_timer.isActive() or not self.checked:
            self._deferring = False
            self._check_timer.stop()
            self._checks_after_pause()

    def set_check_options(self, options: dict) -> None:
        if options != self.check_options:
            self.check_options = dict(options)
            self._recompute()
            self.recomputed.emit()

    # -- the door ------------------------------------------------------------------------------
    def apply(self, change: ChangeSet) -> ChangeSet | None:
        """Apply `change` as one undo step.  Returns what was applied, or None when it changed
        nothing (no step is pushed then); its `note` is for the status bar."""
        effective = change.effective(self.report)
        if effective.is_empty():
            return None
        self.undo_stack.push(_Apply(self, effective))
        return effective

    def _write(self, change: ChangeSet) -> ChangeSet:
        """Used by the command only: write without pushing, announce, return the inverse."""
        inverse = apply_change(self.report, change)
        typing_long = (change.merge_key and set(change.texts) == {change.merge_key} and not change.cells
                       and not change.details and len(change.texts[change.merge_key]) >= LONG_TEXT)
        if typing_long:  # the totals cannot change; the checks wait for a pause in the typing
            self._check_timer.start()
        else:
            self._recompute()
            self.recomputed.emit()
        touched = change.touched_cells()
        if touched:
            self.cellsChanged.emit(touched)
        for key in change.texts:
            self.textChanged.emit(key)
        for field in change.details:
            self.metaChanged.emit(field)
        if change.units:
            self.metaChanged.emit("units")
        if change.review is not None:
            self.metaChanged.emit("review")
        if change.dismissed is not None:
            self.metaChanged.emit("dismissed")
        if "format_id" in change.details:
            self.reportReplaced.emit()  # grids are laid out anew for the other format
        return inverse

    # -- the usual edits, each a change set of model/changes.py ------------------------------
    def set_cells(self, values: dict[str, Value], text: str = changes.LABEL_CELLS,
                  units: dict[str, str] | None = None) -> ChangeSet | None:
        """Parsed values (and the units typed with them) as one undo step."""
        return self.apply(changes.set_cells(values, units, text))

    def set_text(self, key: str, text: str, typed: bool = True) -> ChangeSet | None:
        return self.apply(changes.set_text(key, text, typed))

    def set_meta(self, field: str, value, text: str = "") -> ChangeSet | None:
        """A detail: the year takes the format with it, a format switch drops cells."""
        if field == "year":
            change = changes.change_year(self.report, value)
        elif field == "format_id":
            change = changes.switch_format(self.report, value)
        else:
            change = changes.set_detail(field, value)
        if text:
            change = ChangeSet(text, change.cells, change.units, change.texts, change.details,
                               change.review, change.note, dismissed=change.dismissed)
        return self.apply(change)

    def set_unit(self, cell_id: str, unit: str | None) -> ChangeSet | None:
        return self.apply(ChangeSet("修改单位", units={cell_id: unit}))

    def mark_reviewed(self, key: str) -> ChangeSet | None:
        return self.apply(changes.mark_reviewed(self.report, key))

    def dismiss(self, finding: Finding, reason: str = "") -> ChangeSet | None:
        """不再提示: set a warning or hint aside (one undo step); errors stay."""
        return self.apply(changes.dismiss(self.report, finding, reason))

    def restore(self, finding: Finding) -> ChangeSet | None:
        return self.apply(changes.restore(self.report, finding))

    def normalize_punctuation(self) -> ChangeSet | None:
        """「规范标点」 over every text, as one undo step.  Returns None when nothing changed."""
        return self.apply(changes.normalize_punctuation(self.report))


class _Apply(QUndoCommand):
    """One change set: redo writes it, undo writes the inverse that redo returned."""

    def __init__(self, doc: ReportDocument, change: ChangeSet):
        super().__init__(change.label)
        self.doc, self.change = doc, change
        self.inverse: ChangeSet | None = None
        self.sealed = False  # once undone, typing afterwards starts a step of its own

    def id(self):
        return TEXT_MERGE_ID if self.change.merge_key else -1

    def mergeWith(self, other):
        key = self.change.merge_key
        if (self.sealed or not isinstance(other, _Apply) or other.change.merge_key != key
                or set(other.change.texts) != {key}):
            return False
        # Break the merge at paragraph ends so that undo steps stay a useful size.
        if other.change.texts[key].count("\n") != self.change.texts[key].count("\n"):
            return False
        self.change = other.change  # the inverse stays: the text before the first keystroke
        return True

    def redo(self):
        self.inverse = self.doc._write(self.change)

    def undo(self):
        self.sealed = True
        self.doc._write(self.inverse)

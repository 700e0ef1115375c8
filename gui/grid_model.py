"""The table model behind a section grid: the one Grid layout over the ReportDocument's values.

The model stores nothing of its own.  Every cell reads the document (entered values, computed
totals, findings) and every edit goes through the document's undoable methods, so undo/redo,
other views and the checks stay in step.  After each change the document announces
`recomputed`; the model then refreshes all cells at once (a grid has at most a few hundred).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from gui import grid_style as style
from gui.document import ReportDocument
from model import changes, terms
from model.checks import ERROR, HINT, SEVERITY_ZH, Finding
from model.copy_block import cell_text
from model.grid import CAPTION, COMPUTED, GROUP, HEADER, LABEL, NOTE, VALUE, GridCell, layout_section
from model.report import Value
from model.values import display, parse_input

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_ROLE = Qt.ItemDataRole.UserRole + 3  # "error" | "warning" | "blank" | ""
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 4

# Findings that speak about a whole table rather than the cell: shown as the blank mark instead.
BLANK_RULE = "blank_cells"
BLANK_TIP = f"空白：没有发生的请填 0（可用“{terms.FILL_ZERO}”一次补齐）。"
COMPUTED_TIP = "合计，由软件按各项自动计算，不能手工填写。"

_ALIGN = {
    CAPTION: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    HEADER: Qt.AlignmentFlag.AlignCenter,
    NOTE: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    LABEL: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    GROUP: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    VALUE: Qt.AlignmentFlag.AlignCenter,
    COMPUTED: Qt.AlignmentFlag.AlignCenter,
}
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
               Qt.ItemDataRole.AccessibleTextRole)
_EDITABLE = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
             | Qt.ItemFlag.ItemIsEditable)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# Labels are neither enabled nor selectable: QTableView's cursor moves then skip them.
_INERT = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True)
class Look:
    """Everything the delegate needs to paint one cell, fetched in one call while painting."""

    kind: str
    text: str
    background: QColor
    foreground: QColor
    align: Qt.AlignmentFlag
    bold: bool
    mark: str  # "error" | "warning" | "blank" | ""


class GridModel(QAbstractTableModel):
    inputRefused = Signal(int, int, str)  # row, column, Chinese reason: the typed text was rejected

    def __init__(self, doc: ReportDocument, section_id: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.section_id = section_id
        self.fmt = doc.fmt  # kept: during a format switch the document changes before we rebuild
        self.grid = layout_section(self.fmt, section_id)
        self._findings: dict[str, list[Finding]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._index_findings()
        self._looks: dict[tuple[int, int], Look] = {}
        self._states: dict[str, tuple] = {}  # what a value cell's look depends on
        for c in self.grid.cells:
            self._looks[(c.row, c.col)] = self._look(c)
            if c.cell_id:
                self._states[c.cell_id] = self._state(c.cell_id)
        doc.recomputed.connect(self._on_recomputed)

    def detach(self) -> None:
        """Stop following the document (the view is about to replace this model)."""
        try:
            self.doc.recomputed.disconnect(self._on_recomputed)
        except (RuntimeError, TypeError):
            pass

    # -- shape ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.grid.n_cols

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> GridCell | None:
        return self.grid.at(index.row(), index.column()) if index.isValid() else None

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self.grid.positions.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def is_input(self, index) -> bool:
        c = self.cell(index)
        return c is not None and c.kind == VALUE

    def flags(self, index):
        c = self.cell(index)
        if c is None or not c.is_value:
            return _INERT
        return _EDITABLE if c.kind == VALUE else _READ_ONLY

    # -- reading -------------------------------------------------------------------------------
    def value(self, cell_id: str) -> Value:
        return self.doc.values.get(cell_id)

    def unit(self, cell_id: str) -> str | None:
        if self.fmt.cells[cell_id].column.unit_choices:
            return self.doc.report.unit_of(cell_id)
        return None

    def edit_text(self, cell_id: str) -> str:
        """What the editor starts with and what Ctrl+C copies: pastes back to the same value."""
        return cell_text(self.value(cell_id), self.unit(cell_id))

    def display_text(self, cell_id: str) -> str:
        v = self.value(cell_id)
        if v is None:
            return ""
        unit = self.unit(cell_id)
        return f"{display(v)} {unit}" if unit else display(v)

    def findings(self, cell_id: str) -> list[Finding]:
        return self._findings.get(cell_id, [])

    def mark(self, cell_id: str) -> str:
        return self._marks.get(cell_id, "")

    def look(self, row: int, col: int) -> Look | None:
        """The paint description of the cell anchored at (row, col); None for covered cells."""
        return self._looks.get((row, col))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row, col = index.row(), index.column()
        look = self._looks.get((row, col))
        # Only the anchor of a span carries content; Qt asks covered cells too (e.g. copy).
        # Text roles answer "" rather than None: QModelIndex.data() returning None mis-counts
        # references to None in PySide6 6.12 and eventually aborts the process.
        if look is None:
            return "" if role in _TEXT_ROLES else None
        if role == Qt.ItemDataRole.DisplayRole:
            return look.text
        if role == KIND_ROLE:
            return look.kind
        if role == Qt.ItemDataRole.BackgroundRole:
            return look.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return look.foreground
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return look.align
        if role == MARK_ROLE:
            return look.mark
        c = self.grid.at(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(c.cell_id) if c.cell_id else c.text
        if role == CELL_ID_ROLE:
            return c.cell_id
        if role == LEVEL_ROLE:
            return c.level
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if look.bold else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(c)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(c)
        return None

    def _state(self, cell_id: str) -> tuple:
        v = self.doc.values.get(cell_id)
        return (type(v), v, self.doc.report.units.get(cell_id), self._marks.get(cell_id, ""))

    def _look(self, c: GridCell) -> Look:
        text = self.display_text(c.cell_id) if c.cell_id else c.text
        mark = self.mark(c.cell_id) if c.cell_id else ""
        return Look(c.kind, text, self._background(c), self._foreground(c), _ALIGN[c.kind],
                    c.kind == CAPTION, mark)

    def _background(self, c: GridCell):
        if not c.cell_id:
            return style.BACKGROUNDS[c.kind]
        mark = self.mark(c.cell_id)
        if mark == "error":
            return style.ERROR_BG
        if mark == "warning":
            return style.WARNING_BG
        if mark == "blank" and c.kind == VALUE:
            return style.BLANK_BG
        return style.BACKGROUNDS[c.kind]

    def _foreground(self, c: GridCell):
        if c.kind == COMPUTED:
            return style.COMPUTED_TEXT
        if c.kind == NOTE:
            return style.NOTE_TEXT
        if c.cell_id and isinstance(self.value(c.cell_id), str):
            return style.INVALID_TEXT
        return style.TEXT

    def _tooltip(self, c: GridCell) -> str:
        if not c.cell_id:
            return c.text
        lines = [f"<b>{escape(self.fmt.cells[c.cell_id].describe())}</b>"]
        if c.kind == COMPUTED:
            lines.append(escape(COMPUTED_TIP))
        for f in self.findings(c.cell_id):
            if f.rule == BLANK_RULE:
                lines.append(escape(BLANK_TIP))
            else:
                lines.append(f"{SEVERITY_ZH[f.severity]}：{escape(f.message)}")
        return "<qt>" + "<br/>".join(lines) + "</qt>"

    def _accessible(self, c: GridCell) -> str:
        if not c.cell_id:
            return c.text
        text = self.display_text(c.cell_id) or "空白"
        return f"{self.fmt.cells[c.cell_id].describe()}：{text}"

    # -- writing -------------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not self.is_input(index):
            return False
        error = self.apply_text(self.cell(index).cell_id, "" if value is None else str(value))
        if error:
            self.inputRefused.emit(index.row(), index.column(), error)
            return False
        return True

    def apply_text(self, cell_id: str, text: str) -> str:
        """Store what a clerk typed into one cell, as one undo step; returns an error or ""."""
        cell = self.fmt.cells[cell_id]
        parsed = parse_input(text, cell.column)
        if not parsed.ok:
            return f"{cell.describe()}：{parsed.error}已保留原来的值。"
        units = {cell_id: parsed.unit} if parsed.unit and parsed.value is not None else {}
        self.doc.set_cells({cell_id: parsed.value}, changes.LABEL_CELLS, units)
        return ""

    def input_ids(self) -> list[str]:
        return [c.cell_id for c in self.grid.cells if c.kind == VALUE]

    # -- following the document ----------------------------------------------------------------
    def _index_findings(self) -> None:
        """Findings by cell, and each cell's mark: error over warning over a blank cell."""
        index: dict[str, list[Finding]] = {}
        marks: dict[str, str] = {}
        rank = {"blank": 0, "warning": 1, "error": 2}
        ours = self.grid.positions
        for f in self.doc.findings:
            mark = "error" if f.severity == ERROR else "blank" if f.rule == BLANK_RULE else "warning"
            if f.severity == HINT:
                mark = ""  # a hint (the balance while cells are blank) is told, not painted
            for cid in f.cells:
                if cid in ours:
                    index.setdefault(cid, []).append(f)
                    if mark and rank[mark] > rank.get(marks.get(cid), -1):
                        marks[cid] = mark
        self._findings = index
        self._marks = marks

    def _on_recomputed(self) -> None:
        """Refresh the looks of the value cells and repaint only those that changed.

        A keystroke changes a handful of cells (the cell, its totals, cells of a broken rule);
        repainting just those keeps typing quick.
        """
        self._index_findings()
        changed = []
        for c in self.grid.cells:
            if c.cell_id:
                key = self._state(c.cell_id)
                if self._states.get(c.cell_id) != key:
                    self._states[c.cell_id] = key
                    self._looks[(c.row, c.col)] = self._look(c)
                    changed.append(c)
        if len(changed) > 40:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.grid.n_rows - 1, self.grid.n_cols - 1))
            return
        for c in changed:
            top_left = self.index(c.row, c.col)
            self.dataChanged.emit(top_left, top_left)

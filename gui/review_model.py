"""The review table's Qt models: one row per unit over model.review_table.Review, and a proxy
that sorts (numbers as numbers, statuses by weight) and filters by status and by text.

The check box of the first column is whether the unit goes into the sum; only a report that was
read, of the year, can be ticked.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from gui.plain_text import tooltip
from model.review_table import (DUPLICATE, HAS_ERRORS, MISSING, OK, SKIPPED, UNREADABLE, WRONG_YEAR, Review,
                                ReviewRow)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the ReviewRow itself

COLUMNS = ("计入汇总", "单位", "名单中的名称", "状态", "错误", "提示", "年度", "格式", "文件", "类型", "说明")
(COL_CHOSEN, COL_UNIT, COL_LISTED, COL_STATUS, COL_ERRORS, COL_WARNINGS, COL_YEAR, COL_FORMAT, COL_FILE,
 COL_KIND, COL_NOTE) = range(len(COLUMNS))

# Problems first when sorting by status.
STATUS_WEIGHT = {UNREADABLE: 0, HAS_ERRORS: 1, MISSING: 2, DUPLICATE: 3, WRONG_YEAR: 4, OK: 5, SKIPPED: 6}
STATUS_COLOR = {OK: "#1e7e34", HAS_ERRORS: "#b3261e", UNREADABLE: "#b3261e", MISSING: "#9a6700",
                DUPLICATE: "#9a6700", WRONG_YEAR: "#9a6700", SKIPPED: "#5f6368"}
# The filter's choices: (label, statuses shown; None = all).
FILTERS = (("全部单位", None),
           ("需要处理的", (HAS_ERRORS, UNREADABLE, MISSING, DUPLICATE, WRONG_YEAR)),
           (OK, (OK,)), (HAS_ERRORS, (HAS_ERRORS,)), (UNREADABLE, (UNREADABLE,)), (MISSING, (MISSING,)),
           (DUPLICATE, (DUPLICATE,)), (WRONG_YEAR, (WRONG_YEAR,)), (SKIPPED, (SKIPPED,)))


class ReviewTableModel(QAbstractTableModel):
    chosenChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.review: Review | None = None
        self.rows: list[ReviewRow] = []

    def set_review(self, review: Review | None) -> None:
        self.beginResetModel()
        self.review = review
        self.rows = list(review.rows) if review else []
        self.endResetModel()
        self.chosenChanged.emit()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_CHOSEN and self.rows[index.row()].summable:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_CHOSEN:
            if not row.summable:
                return None
            return Qt.CheckState.Checked if row.chosen else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return QBrush(QColor(STATUS_COLOR[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_ERRORS and row.errors:
            return QBrush(QColor(STATUS_COLOR[HAS_ERRORS]))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_STATUS, COL_ERRORS, COL_WARNINGS,
                                                                 COL_YEAR, COL_KIND):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: ReviewRow, col: int) -> str:
        if col == COL_CHOSEN:
            return "" if row.summable else "—"
        if col == COL_UNIT:
            return row.unit
        if col == COL_LISTED:
            return row.listed
        if col == COL_STATUS:
            return row.status
        if col in (COL_ERRORS, COL_WARNINGS):
            if row.report is None:
                return ""
            return str(row.errors if col == COL_ERRORS else row.warnings)
        if col == COL_YEAR:
            return str(row.year) if row.year else ""
        if col == COL_FORMAT:
            return row.format_name
        if col == COL_FILE:
            return row.file
        if col == COL_KIND:
            return row.kind
        return note_of(row)

    def _sort_key(self, row: ReviewRow, col: int):
        if col == COL_CHOSEN:
            return (0 if row.chosen else 1, row.unit)
        if col == COL_STATUS:
            return STATUS_WEIGHT[row.status]
        if col == COL_ERRORS:
            return row.errors if row.report else -1
        if col == COL_WARNINGS:
            return row.warnings if row.report else -1
        if col == COL_YEAR:
            return row.year or 0
        return self._text(row, col)

    def _tooltip(self, row: ReviewRow, col: int) -> str:
        if col == COL_CHOSEN:
            if row.status == SKIPPED:
                return "这份汇总报告与所选的其他报告有相同的单位，不计入"
            return "勾选的单位计入汇总" if row.summable else "此单位没有可计入汇总的报告"
        lines = [f"{row.unit}（{row.status}）"]
        if row.read is not None:
            lines.append(f"文件：{row.read.name}")
        problem = row.problem_text()
        if problem:
            lines.append(problem)
        lines += [n for n in row.all_notes if n != problem]
        if row.report is not None:
            lines.append("双击查看报告内容和全部问题")
        return tooltip("\n".join(lines))  # unit and file names from strangers' files: text, not markup

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_CHOSEN:
            return False
        row = self.rows[index.row()]
        if not row.summable or self.review is None:
            return False
        self.review.choose(row, Qt.CheckState(value) == Qt.CheckState.Checked)  # may untick its twin
        self.dataChanged.emit(self.index(0, COL_CHOSEN), self.index(len(self.rows) - 1, COL_CHOSEN),
                              [Qt.ItemDataRole.CheckStateRole])
        self.chosenChanged.emit()
        return True

    def set_all_chosen(self, chosen: bool) -> None:
        if self.review is not None:
            self.review.choose_all(chosen)
        if self.rows:
            self.dataChanged.emit(self.index(0, COL_CHOSEN), self.index(len(self.rows) - 1, COL_CHOSEN),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.chosenChanged.emit()


def note_of(row: ReviewRow) -> str:
    """The one line the table shows: why the status, or the first error (else how a report in the
    other format goes into the sum, else the first note)."""
    problem = row.problem_text()
    if problem:
        return problem
    notes = row.format_notes + row.notes
    return notes[0] if notes else ""


class ReviewFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; shows rows whose status is among `statuses` and whose unit, 名单 name
    or file contains the search text (spaces and case ignored)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: tuple[str, ...] | None = None
        self.search = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_statuses(self, statuses: tuple[str, ...] | None) -> None:
        self._refilter(lambda: setattr(self, "statuses", statuses))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "search", "".join(text.split()).casefold()))

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row, source_parent):
        row: ReviewRow = self.sourceModel().rows[source_row]
        if self.statuses is not None and row.status not in self.statuses:
            return False
        if self.search:
            hay = "".join(f"{row.unit}|{row.listed}|{row.file}".split()).casefold()
            return self.search in hay
        return True

"""查找和替换 across the whole report: the agency name, 开头语, 结尾落款 and the six sections.

A bar under the tabs (Ctrl+F finds, Ctrl+H also replaces; Enter / F3 next, Shift+Enter /
Shift+F3 previous, Esc closes).  What a match is comes from model/find.py; replacing goes
through the document as one undo step (全部替换 included, model/changes.replace_all).  The bar
asks the window to show a match (switch the tab, select the text) and the editors to mark them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QLineEdit, QPushButton

from gui.actions import pass_undo_keys
from gui.document import ReportDocument
from gui.looks import close_button
from model import changes, terms
from model.find import Match, find_all, search_order


class FindBar(QFrame):
    showMatch = Signal(object)  # model.find.Match, or None: the window shows and selects it
    highlight = Signal(str, bool, object)  # needle, case-sensitive, the current Match or None
    messageRequested = Signal(str)
    closed = Signal()

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.current: Match | None = None
        self.setObjectName("find_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)

        self.find_label = QLabel("查找：")
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("find_text")
        self.find_edit.setAccessibleName("查找内容")
        self.find_edit.setPlaceholderText("在机关名称、开头语、各部分正文、结尾落款中查找")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textEdited.connect(self._needle_edited)
        self.find_edit.returnPressed.connect(lambda: self.find_next(+1))
        self.find_label.setBuddy(self.find_edit)
        self.prev_button = self._button("上一个", "上一处（Shift+F3）", lambda: self.find_next(-1), "find_prev")
        self.next_button = self._button("下一个", "下一处（F3 或回车）", lambda: self.find_next(+1), "find_next")
        self.case_box = QCheckBox("区分大小写")
        self.case_box.setObjectName("find_case")
        self.case_box.toggled.connect(lambda _on: self._needle_edited(self.find_edit.text()))
        self.count_label = QLabel()
        self.count_label.setObjectName("find_count")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("第 888/888 处") + 8)
        close = close_button("关闭查找", self.close_bar)
        close.setToolTip("关闭查找（Esc）")

        self.replace_label = QLabel("替换为：")
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replace_text")
        self.replace_edit.setAccessibleName("替换为")
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.replace_label.setBuddy(self.replace_edit)
        self.replace_button = self._button("替换", "替换当前这一处，并找到下一处", self.replace_one, "replace_one")
        self.replace_all_button = self._button(terms.REPLACE_ALL, "把所有找到的内容一次替换（可一步撤销）",
                                               self.replace_all, "replace_all")
        for w in (self.find_edit, self.replace_edit):
            pass_undo_keys(w)

        grid.addWidget(self.find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.prev_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.case_box, 0, 4)
        grid.addWidget(self.count_label, 0, 5)
        grid.addWidget(close, 0, 6)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.setColumnStretch(1, 1)
        # Tab goes from what to find to what to put instead, then to the buttons (hidden ones,
        # as 替换为 under Ctrl+F, are skipped).
        chain = (self.find_edit, self.replace_edit, self.next_button, self.prev_button,
                 self.replace_button, self.replace_all_button, self.case_box, close)
        for before, after in zip(chain, chain[1:]):
            self.setTabOrder(before, after)
        self.setFocusProxy(self.find_edit)
        doc.recomputed.connect(self._text_changed)
        doc.reportReplaced.connect(self._text_changed)
        self.hide()

    def _button(self, text, tip, slot, name) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        return b

    # -- state ---------------------------------------------------------------------------------
    @property
    def needle(self) -> str:
        return self.find_edit.text()

    @property
    def case_sensitive(self) -> bool:
        return self.case_box.isChecked()

    def matches(self) -> list[Match]:
        return find_all(self.doc.report, self.needle, self.case_sensitive)

    def replacing(self) -> bool:
        return self.replace_edit.isVisible()

    # -- opening and closing -------------------------------------------------------------------
    def open_bar(self, replace: bool, initial: str = "") -> None:
        """Ctrl+F (replace=False) or Ctrl+H; `initial` is the text selected where the clerk was."""
        for w in (self.replace_label, self.replace_edit, self.replace_button, self.replace_all_button):
            w.setVisible(replace)
        self.show()
        if initial and "\n" not in initial:
            self.find_edit.setText(initial)
            self.current = None
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()
        self._announce()

    def close_bar(self) -> None:
        self.hide()
        self.current = None
        self.highlight.emit("", False, None)
        self.closed.emit()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_next(-1)
            return
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.find_next(+1)
            return
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self.find_next(-1)
            return
        super().keyPressEvent(event)

    # -- finding -------------------------------------------------------------------------------
    def _needle_edited(self, _text: str) -> None:
        # Typing the needle searches from where the last match was (or from the start).
        self.current = self._step_from(self.current, 0)
        self._announce(show=True)

    def _order(self, m: Match) -> tuple[int, int]:
        keys = search_order(self.doc.report)
        return (keys.index(m.key) if m.key in keys else len(keys), m.start)

    def _step_from(self, at: Match | None, step: int) -> Match | None:
        found = self.matches()
        if not found:
            return None
        if at is None:
            return found[0] if step >= 0 else found[-1]
        pos = self._order(at)
        if step > 0:
            return next((m for m in found if self._order(m) > pos), found[0])
        if step < 0:
            return next((m for m in reversed(found) if self._order(m) < pos), found[-1])
        return next((m for m in found if self._order(m) >= pos), found[0])

    def find_next(self, step: int = 1) -> Match | None:
        if not self.needle:
            self.messageRequested.emit("请输入要查找的内容。")
            return None
        before = self.current
        self.current = self._step_from(self.current, step)
        if self.current is None:
            self.messageRequested.emit(f"没有找到“{self.needle}”。")
        elif before is not None and step and (self._order(self.current) <= self._order(before)) == (step > 0):
            self.messageRequested.emit("已查找到末尾，从头继续。" if step > 0 else "已查找到开头，从末尾继续。")
        self._announce(show=True)
        return self.current

    def _announce(self, show: bool = False) -> None:
        found = self.matches()
        if self.current is not None and self.current not in found:
            self.current = self._step_from(self.current, 0)
        if not self.needle:
            self.count_label.setText("")
        elif not found:
            self.count_label.setText("无结果")
        else:
            n = found.index(self.current) + 1 if self.current in found else 0
            self.count_label.setText(f"第 {n}/{len(found)} 处" if n else f"共 {len(found)} 处")
        self.highlight.emit(self.needle, self.case_sensitive, self.current)
        if show and self.current is not None:
            self.showMatch.emit(self.current)

    def _text_changed(self) -> None:
        if self.isVisible() and self.needle:
            self._announce()

    # -- replacing -----------------------------------------------------------------------------
    def replace_one(self) -> None:
        """Replace the match the bar is on, then go to the next one."""
        if self.current is None:
            self.find_next(+1)
            return
        at = self.current
        applied = self.doc.apply(changes.replace_match(self.doc.report, at, self.needle,
                                                       self.replace_edit.text(), self.case_sensitive))
        if applied is None:
            self.find_next(+1)
            return
        # Continue after the replaced text, never inside it (replacing 2024 by 2024年 must not
        # find its own result again).
        self.current = self._step_from(Match(at.key, at.start + len(self.replace_edit.text()), 0), 0)
        self._announce(show=True)

    def replace_all(self) -> None:
        applied = self.doc.apply(changes.replace_all(self.doc.report, self.needle,
                                                     self.replace_edit.text(), self.case_sensitive))
        change = applied or changes.replace_all(self.doc.report, self.needle, self.replace_edit.text(),
                                                self.case_sensitive)
        self.messageRequested.emit(change.note)
        self.current = None
        self._announce()

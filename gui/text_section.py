"""An editor for one text of the report (s1…s6, preamble, closing), bound to the document.

The editor keeps no undo of its own: every change goes to doc.set_text, which merges a run of
typing into one undo step.  When undo/redo changes the text, only the changed span is replaced,
so the cursor stays where the clerk was working instead of jumping to the start.

What the checks say about the text shows in it: passages repeated from last year's report on a
light amber ground when the section repeats more than half of it, and the statements a finding is
about underlined (a number that contradicts the tables, last year's year, a punctuation slip).
Beside the count, the section's similarity to last year's text (与上年重复 63%).  The find bar's
matches are marked too, and, with last year's text shown beside it, this year's new sentences.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

# QTextCursor, QTextCharFormat, QTextFormat and QTextEdit are imported where text is marked or
# selected: building Python's view of them (QTextFormat's long Property enum) is start-up time,
# and nothing is marked or selected before the window's first paint.

from gui.actions import pass_undo_keys, use_report_undo
from gui.document import ReportDocument
from gui.looks import SelectableLabel, close_button, quiet_text, text_colour
from gui.zoom import clamp_zoom, next_zoom, zoomed_font
from model import terms
from model.findings import ERROR, HINT
from model.text_length import counted_chars

EDITOR_POINT_SIZE = 11  # long Chinese paragraphs read better a step above the UI size
COMPARE_IDLE_MS = 300  # compare with last year's text once typing pauses this long

# Pages of running text read best in a column about as wide as a printed page line.
PAGE_MAX_WIDTH = 920


def centred_column(page: QWidget, max_width: int = PAGE_MAX_WIDTH) -> QVBoxLayout:
    """Lay `page` out as one column of at most max_width pixels, centred; returns its layout."""
    outer = QHBoxLayout(page)
    outer.setContentsMargins(16, 12, 16, 8)
    column = QWidget()
    column.setMaximumWidth(max_width)
    lay = QVBoxLayout(column)
    lay.setContentsMargins(0, 0, 0, 0)
    outer.addStretch(0)
    outer.addWidget(column, 100)
    outer.addStretch(0)
    return lay



class Banner(QFrame):
    """A coloured strip with a message and an optional button (待复核, first-start hints)."""

    buttonClicked = Signal()
    closed = Signal()

    COLOURS = {  # background, border
        "review": ("#fff4ce", "#e6cf7a"),
        "info": ("#e8f1fb", "#a9c8ec"),
    }

    def __init__(self, text: str, button_text: str = "", kind: str = "info", closable: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        self._colours = tuple(QColor(c) for c in self.COLOURS[kind])
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = SelectableLabel(text)
        lay.addWidget(self.label, 1)
        self.button = None
        if button_text:
            self.button = QPushButton(button_text)
            self.button.clicked.connect(self.buttonClicked)
            lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        if closable:
            lay.addWidget(close_button("关闭提示", self._close), 0, Qt.AlignmentFlag.AlignTop)

    def set_message(self, text: str, button_text: str = "") -> None:
        """Another message (and button, or none) for a banner whose situation changed."""
        self.label.setText(text)
        if self.button is not None:
            self.button.setText(button_text)
            self.button.setVisible(bool(button_text))

    def _close(self):
        self.hide()
        self.closed.emit()

    def paintEvent(self, event):
        # Painted, not a style sheet: see gui/looks.py.
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        background, border = self._colours
        p.setPen(border)
        p.setBrush(background)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        p.end()


class ReportTextEdit(QPlainTextEdit):
    """Plain text with the report-wide undo; Enter starts a paragraph."""

    zoomChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # a Tab character has no place in an official text
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize(), EDITOR_POINT_SIZE))
        self.setFont(font)
        self._base_font = QFont(font)
        self.zoom = 1.0
        self.document().setDocumentMargin(10)
        pass_undo_keys(self)

    # Zoom in the same steps as the tables (Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0).
    def set_zoom(self, zoom: float) -> None:
        zoom = clamp_zoom(zoom)
        if abs(zoom - self.zoom) < 0.001:
            return
        self.zoom = zoom
        self.setFont(zoomed_font(self._base_font, zoom))
        self.zoomChanged.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next_zoom(self.zoom, +1))

    def zoom_out(self) -> None:
        self.set_zoom(next_zoom(self.zoom, -1))

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy:
                self.zoom_in() if dy > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)



def text_stats(text: str) -> tuple[int, int]:
    """(paragraphs, characters without spaces) as the clerk counts them.

    Counted with str methods, not a loop over the characters: this runs on every keystroke, and a
    section may hold 100,000 characters."""
    paragraphs = sum(1 for line in text.split("\n") if line.strip())
    return paragraphs, counted_chars(text)


def _utf16_len(s: str) -> int:
    """QTextCursor positions count UTF-16 units: a rare hanzi outside the BMP counts two."""
    return len(s.encode("utf-16-le")) // 2


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_positions(text: str, positions: list[int]) -> list[int]:
    """Character offsets of `text` as QTextCursor positions: each character outside the BMP
    before an offset counts twice.  One pass over the text, whatever the number of offsets."""
    if not _ASTRAL.search(text):
        return list(positions)
    from bisect import bisect_left  # first used after the start (PySide6's import hook reads its source)

    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return [p + bisect_left(astral, p) for p in positions]


# How the checks, the find bar and last year's comparison show in a text.
REPEATED_GROUND = QColor("#ffe7b0")  # a passage repeated from last year's report
GROUNDS = {"repeated": REPEATED_GROUND,
           "find": QColor("#FFE98A"),  # every match of the find bar
           "current": QColor("#FFAD5C"),  # the match the find bar is on
           "added": QColor("#E1F3E3")}  # a sentence last year's text did not have
UNDERLINES = {ERROR: QColor("#c5221f"), "warning": QColor("#e37400"), HINT: QColor("#1a73e8")}
SIMILAR_RULE = "text_repeats_last_year"
MAX_MARKS = 2000  # searching for 「的」 in a long text: mark the first ones, stay quick


def _grounds_under_lines(marks: list) -> list:
    """Backgrounds first, the checks' underlines last, at most MAX_MARKS of them in all.

    Qt paints each extra selection over the ones before it, ground and text again: an underline
    listed before a ground over the same words (a new sentence marked against last year's text,
    a find match) was hidden by it.  The underlines are kept first when marks must be cut."""
    lines = [m for m in marks if m[0] not in GROUNDS][:MAX_MARKS]
    grounds = [m for m in marks if m[0] in GROUNDS][:MAX_MARKS - len(lines)]
    return grounds + lines


class TextSectionEditor(QWidget):
    """Review banner + editor + count line for one text key."""

    compared = Signal(str)  # this year's text was compared with last year's (the pane marks it)

    def __init__(self, doc: ReportDocument, key: str, accessible_name: str, hint: str = "",
                 label: str = "", parent=None):
        super().__init__(parent)
        self.doc, self.key = doc, key
        self._syncing = False
        self._check_marks: list = []  # (kind, start, end) from the checks
        self._find: tuple | None = None  # (needle, case-sensitive, current span) of the find bar
        self._last_text: str | None = None  # last year's text, when it is shown beside this one
        self._diff: list = []  # this year's new sentences, as ("added", start, end)
        self._diff_for: str | None = None  # the text those marks were computed for
        self._diff_timer = QTimer(self, singleShot=True, interval=COMPARE_IDLE_MS)
        self._diff_timer.timeout.connect(self._recompare)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self._layout = lay
        self._banner: Banner | None = None  # 待复核, built when a carried-over text needs it

        self.count = QLabel()
        self.count.setObjectName(f"{key}_count")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        quiet_text(self.count)
        self.similar = QLabel()
        self.similar.setObjectName(f"{key}_similarity")
        self.similar.setAccessibleName("与上年报告的重复率")
        self.similar.hide()  # shown with its figure and explanation once the checks have one
        count_row = QHBoxLayout()
        count_row.setContentsMargins(0, 0, 0, 0)
        if label:  # a compact header row: caption on the left, the count on the right
            count_row.addWidget(QLabel(label), 1)
        else:
            count_row.addStretch(1)
        count_row.addWidget(self.similar)
        count_row.addWidget(self.count)
        if label:
            lay.addLayout(count_row)

        self.edit = ReportTextEdit()
        self.edit.setObjectName(key)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setPlaceholderText(hint)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        use_report_undo(self.edit, doc.undo_stack)
        lay.addWidget(self.edit, 1)
        if not label:
            lay.addLayout(count_row)

        self._marks_shown = None  # what the extra selections show, to set them only on change
        self._marked = False  # the editor has extra selections
        self._sent: str | None = None  # the text this editor is giving the document right now
        # Where the document says the edit since the last one was: a selection replaced, or
        # more added than a typed word, makes an undo step of its own (model/text_edit_kind).
        self._changes: list[tuple[int, int, int]] = []
        self.edit.document().contentsChange.connect(self._on_contents_change)
        self.edit.textChanged.connect(self._on_edit)
        doc.textChanged.connect(self._on_doc_text)
        doc.metaChanged.connect(self._on_meta)
        doc.reportReplaced.connect(self.reload)
        doc.recomputed.connect(self.refresh_marks)
        self.reload()

    # -- document → editor ----------------------------------------------------------------------
    def reload(self) -> None:
        self._syncing = True
        try:
            self.edit.setPlainText(self.doc.report.text(self.key))
        finally:
            self._syncing = False
        self._update_count()
        self._update_banner()
        self._marks_shown = None
        self._diff, self._diff_for = [], None
        self.refresh_marks()

    def _on_doc_text(self, key: str) -> None:
        if key != self.key:
            return
        new = self.doc.report.text(self.key)
        if new is self._sent:
            return  # what this editor is typing (no second copy of a long text per keystroke)
        old = self.edit.toPlainText()
        if new != old:  # undo, redo, 全部替换, 规范标点 (typed text is already there, and counted)
            self._replace_changed_span(old, new)
            self._update_count(new)
            self._show_marks(new)
            if self._last_text is not None:
                self._diff_timer.start()

    def _replace_changed_span(self, old: str, new: str) -> None:
        from PySide6.QtGui import QTextCursor

        from model.text_edit_kind import changed_span

        p, old_end, new_end = changed_span(old, new)
        cur = QTextCursor(self.edit.document())
        cur.setPosition(_utf16_len(old[:p]))
        cur.setPosition(_utf16_len(old[:old_end]), QTextCursor.MoveMode.KeepAnchor)
        self._syncing = True
        try:
            cur.insertText(new[p:new_end])
        finally:
            self._syncing = False
        # Put the caret at the end of what changed: where the undone/redone typing was.
        caret = self.edit.textCursor()
        caret.setPosition(cur.position())
        self.edit.setTextCursor(caret)
        self.edit.ensureCursorVisible()

    def _on_meta(self, field: str) -> None:
        if field == "review":
            self._update_banner()

    @property
    def banner(self) -> Banner:
        if self._banner is None:
            b = Banner("本部分正文是从上年报告带入的，请逐段核对并改写为本年情况，完成后点“已复核”。",
                       terms.REVIEWED, kind="review")
            b.buttonClicked.connect(lambda: self.doc.mark_reviewed(self.key))
            b.button.setObjectName(f"{self.key}_reviewed")
            b.button.setAccessibleName("标记为已复核")
            b.hide()
            self._layout.insertWidget(0, b)
            self._banner = b
        return self._banner

    def _update_banner(self) -> None:
        wanted = self.key in self.doc.report.review
        if wanted or self._banner is not None:
            self.banner.setVisible(wanted)

    # -- what the checks say, shown in the text -------------------------------------------------
    def refresh_marks(self) -> None:
        """The similarity figure, repeated passages and underlined statements, from the checks."""
        sim = self.doc.similarities.get(self.key)
        if sim is None or not self.doc.report.text(self.key).strip():
            self.similar.hide()
        else:
            from model.similarity import RUN, percent  # loaded with the checks, after the first paint

            high = any(f.rule == SIMILAR_RULE and f.text_key == self.key for f in self.doc.findings)
            self.similar.setText(f"与上年重复 {percent(sim.ratio)}")
            self.similar.setToolTip(f"与上年报告正文的重复率：连续{RUN}个字相同即算重复（标点、空格不计，"
                                    "数字视为相同）。评估中重复率超过50%会扣分；超过时重复的段落以浅黄底色标出。")
            if high:
                text_colour(self.similar, "#b3261e", bold=True)
            else:
                text_colour(self.similar, None)
                quiet_text(self.similar)
            self.similar.show()
        marks = []
        for f in self.doc.findings:
            if f.text_key != self.key:
                continue
            if f.rule == SIMILAR_RULE:
                marks.extend(("repeated", s, e) for s, e in f.spans)
            elif f.spans:
                marks.extend((f.severity, s, e) for s, e in f.spans)
            elif f.span is not None:
                marks.append((f.severity, *f.span))
        self._check_marks = marks
        self._show_marks()

    def _show_marks(self, text: str | None = None) -> None:
        """All marks at once: the checks', last year's comparison and the find bar's."""
        marks = list(self._check_marks)
        if self._diff or self._find is not None:
            text = self.edit.toPlainText() if text is None else text
            if self._diff_for == text:
                marks.extend(self._diff)
            if self._find is not None:
                from model.find import find_in  # loaded on first use: not needed to start

                needle, case, current = self._find
                marks.extend(("current" if (a, b) == current else "find", a, b)
                             for a, b in find_in(text, needle, case))
        marks = _grounds_under_lines(marks)
        if marks == self._marks_shown:
            return
        self._marks_shown = marks
        if marks or self._marked:  # none to show, none shown: nothing to set (nor QTextEdit to load)
            self.edit.setExtraSelections(self._selections(marks))
            self._marked = bool(marks)

    def _selections(self, marks) -> list:
        if not marks:
            return []
        from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
        from PySide6.QtWidgets import QTextEdit

        text = self.edit.toPlainText()
        limit = len(text)
        marks = [(kind, min(s, limit), min(e, limit)) for kind, s, e in marks[:MAX_MARKS] if s < limit]
        where = utf16_positions(text, [p for _, s, e in marks for p in (s, e)])
        out = []
        for n, (kind, _s, _e) in enumerate(marks):
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.edit.document())
            cur.setPosition(where[2 * n])
            cur.setPosition(where[2 * n + 1], QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            fmt = QTextCharFormat()
            if kind in GROUNDS:
                fmt.setBackground(GROUNDS[kind])
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(UNDERLINES.get(kind, UNDERLINES["warning"]))
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            sel.format = fmt
            out.append(sel)
        return out

    def select_span(self, span: tuple[int, int]) -> None:
        """Select [start, end) of the text (a finding's statement), show it, and focus the editor."""
        self.show_span(*span, focus=True)

    def show_span(self, start: int, end: int, focus: bool = False) -> None:
        """Select [start, end) of the text (Python offsets) and scroll it into view."""
        text = self.edit.toPlainText()
        start, end = (min(max(p, 0), len(text)) for p in (start, end))
        a, b = utf16_positions(text, [start, end])
        from PySide6.QtGui import QTextCursor

        cur = self.edit.textCursor()
        cur.setPosition(a)
        cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cur)
        self.edit.ensureCursorVisible()
        if focus:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the find bar ----------------------------------------------------------------------------
    def set_find(self, needle: str, case_sensitive: bool, current: tuple[int, int] | None) -> None:
        """Mark every match of `needle`; `current` ([start, end) in this text) stands out."""
        find = (needle, case_sensitive, current) if needle else None
        if find == self._find:
            return
        self._find = find
        self._show_marks()

    # -- last year beside this year --------------------------------------------------------------
    def set_compare(self, last_text: str | None) -> None:
        """Mark this year's new sentences against `last_text` (None: no comparison)."""
        self._last_text = last_text
        self._diff_timer.stop()
        if last_text is None:
            self._diff, self._diff_for = [], None
            self._show_marks()
        else:
            self._recompare()

    def _recompare(self) -> None:
        """Comparing costs some milliseconds in a long text: done when typing pauses."""
        if self._last_text is None:
            return
        from model.compare import changed_spans

        text = self.edit.toPlainText()
        self._diff = [("added", s, e) for s, e in changed_spans(text, self._last_text)]
        self._diff_for = text
        self._show_marks(text)
        self.compared.emit(text)

    # -- editor → document ----------------------------------------------------------------------
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        self._changes.append((position, removed, added))

    def _typed(self, text: str) -> bool:
        """Was the edit that made `text` typing?  One change reported: only its span is compared
        (an input method reports the whole paragraph); several: the whole text."""
        from model.text_edit_kind import is_typing

        before = self.doc.report.text(self.key)
        if len(self._changes) == 1:
            position, removed, added = self._changes[0]
            return is_typing(before[position:position + removed], text[position:position + added])
        return is_typing(before, text)

    def _on_edit(self) -> None:
        if self._syncing:
            self._changes.clear()
            return
        text = self.edit.toPlainText()
        typed = self._typed(text)
        self._changes.clear()
        self._update_count(text)
        if self._find is not None:
            self._show_marks(text)
        # (The other marks are cursors: they move with the typing until they are redone.)
        if self._last_text is not None:
            self._diff_timer.start()
        self._sent = text  # while the document takes it: its textChanged needs no comparison
        try:
            self.doc.set_text(self.key, text, typed)
        finally:
            self._sent = None

    def _update_count(self, text: str | None = None) -> None:
        paragraphs, chars = text_stats(self.edit.toPlainText() if text is None else text)
        self.count.setText(f"{paragraphs} 段，{chars} 字" if chars else "尚未填写")

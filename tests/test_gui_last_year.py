"""Last year beside this year: after rollover each text section shows last year's text, read-only,
with what this year rewrote marked on both sides."""

from __future__ import annotations

from gui.text_section import GROUNDS
from gui_helpers import commit_chinese, open_window, record_dialogs
from model.compare import changed_spans, sentence_spans
from model.report import LastYear, Report
from model.rollover import roll_over

import pytest

LAST_S5 = "一是公开内容不够全面。二是解读形式单一。"


def added_marks(edit) -> list:
    """This year's new sentences as marked in the editor (the checks mark things of their own)."""
    return [m for m in edit.extraSelections()
            if m.format.background().color().rgb() == GROUNDS["added"].rgb()]


@pytest.fixture
def dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def test_sentences_and_what_changed_between_two_texts():
    assert sentence_spans("甲。乙！\n丙") == [(0, 2), (2, 4), (5, 6)]
    last, this = LAST_S5, "一是公开内容不够全面。二是已增加图解和视频解读。"
    assert [last[s:e] for s, e in changed_spans(last, this)] == ["二是解读形式单一。"]
    assert [this[s:e] for s, e in changed_spans(this, last)] == ["二是已增加图解和视频解读。"]
    assert changed_spans("同一句。", "同一 句。\n") == []  # spaces and line breaks aside


def test_rolled_over_section_shows_last_years_text_and_marks_the_rewrite(qtbot, dialogs):
    last = Report.new(2023, agency="某街道办事处")
    last.texts["s5"] = LAST_S5
    w = open_window(qtbot, size=(1366, 768))
    w.doc.replace(roll_over(last).report, None)
    page = w.pages["s5"]
    w.tabs.setCurrentWidget(page)
    pane = page.last_year
    assert pane.isVisible() and pane.view.isReadOnly()
    assert pane.view.toPlainText() == LAST_S5 and "2023年度" in pane.title.text()
    qtbot.waitUntil(lambda: pane.view.extraSelections() == [])  # nothing rewritten yet
    edit = page.text.edit
    cur = edit.textCursor()
    cur.setPosition(len("一是公开内容不够全面。二是"))
    cur.setPosition(len(LAST_S5) - 1, cur.MoveMode.KeepAnchor)  # 「解读形式单一」
    edit.setTextCursor(cur)
    edit.setFocus()
    commit_chinese(edit, "增加了图解解读")
    qtbot.waitUntil(lambda: len(pane.view.extraSelections()) == 1)
    assert pane.view.extraSelections()[0].cursor.selectedText() == "二是解读形式单一。"
    assert [s.cursor.selectedText() for s in added_marks(edit)] == ["二是增加了图解解读。"]
    # The clerk can put it away, and get it back.
    page.compare_button.click()
    assert not pane.isVisible() and added_marks(edit) == []
    page.compare_button.click()
    assert pane.isVisible()


def test_without_last_year_there_is_nothing_beside(qtbot, dialogs):
    w = open_window(qtbot, size=(1366, 768))
    page = w.pages["s1"]
    w.tabs.setCurrentWidget(page)
    assert not page.last_year.isVisible() and not page.compare_button.isVisible()
    r = Report.new(2024)
    r.last_year = LastYear(2023, texts={"s5": "上年的问题。"})
    w.doc.replace(r, None)
    assert not page.last_year.isVisible()  # 一 has no text of last year
    w.tabs.setCurrentWidget(w.pages["s5"])
    assert w.pages["s5"].last_year.isVisible()


def test_a_text_findings_underline_stays_visible_over_the_comparison(qtbot, dialogs):
    """With last year's text beside, this year's new sentences get a green ground; a finding's
    wavy underline in such a sentence must still show (it was painted over by the ground)."""
    from PySide6.QtGui import QColor

    from gui.text_section import UNDERLINES

    last = Report.new(2023, agency="某街道办事处")
    last.texts["s1"] = "全年新收政府信息公开申请19件。"
    r = roll_over(last).report
    r.texts["s1"] = "全年新收政府信息公开申请25件。"  # a new sentence, and 表三 has no 25
    for cell in r.fmt.cells.values():  # 表三 complete, all 0: it has no 25
        if cell.table.id == "t3" and not cell.computed:
            r.cells[cell.id] = 0
    w = open_window(qtbot, size=(1366, 768))
    w.doc.replace(r, None)
    page = w.pages["s1"]
    w.tabs.setCurrentWidget(page)
    edit = page.text.edit
    qtbot.waitUntil(lambda: len(added_marks(edit)) == 1)
    kinds = {f.severity for f in w.doc.findings if f.text_key == "s1" and f.span is not None}
    assert kinds, "the statement contradicts 表三: a finding with a span"
    colour = QColor(UNDERLINES.get(kinds.pop(), UNDERLINES["warning"]))
    image = edit.viewport().grab().toImage()

    def near(c: QColor) -> bool:  # the underline's hue; antialiasing mixes it with the ground
        return c.red() - c.blue() > 0.5 * (colour.red() - colour.blue()) and c.red() > c.green() + 20

    assert any(near(image.pixelColor(x, y)) for x in range(image.width())
               for y in range(min(image.height(), 80)))

"""The window's Word and web-page exports and 「复制到网站编辑器」: in the 文件 menu and the toolbar,
the same question about errors as the PDF, and the clipboard holds the page's article."""

from __future__ import annotations

import docx
import lxml.html
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui_helpers import open_window as window, record_dialogs


@pytest.fixture
def asked(monkeypatch):
    return record_dialogs(monkeypatch)


def test_actions_in_the_file_menu_and_the_toolbar(qtbot, asked):
    w = window(qtbot)
    file_menu = w.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    for act in (w.act_docx, w.act_html, w.act_copy_html):
        assert act in file_menu.actions(), act.text()
    assert texts.index("导出Word(&W)…") == texts.index("导出Excel(&E)…") + 1
    assert w.act_docx in w.toolbar.actions() and w.act_html in w.toolbar.actions()
    assert all(a.statusTip() for a in (w.act_docx, w.act_html, w.act_copy_html))


def test_exports_ask_about_errors_then_write(qtbot, tmp_path, monkeypatch, asked):
    w = window(qtbot)
    w.doc.set_meta("agency", "甲局")
    w.doc.set_cells({c: 0 for c in w.doc.fmt.input_ids if c.startswith("t3.")})
    w.doc.set_cells({"t3.r1_new.natural": 5})
    assert w.doc.error_count() > 0
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: chosen.append((a[2], a[3])) or (str(tmp_path / "out"), ""))
    assert not w.files.export_docx()  # answered No
    assert "错误" in asked[-1] and chosen == []
    asked.answer = QMessageBox.StandardButton.Yes
    w.act_docx.trigger()
    doc = docx.Document(str(tmp_path / "out.docx"))
    assert doc.paragraphs[0].text.startswith("甲局")
    w.act_html.trigger()
    page = lxml.html.document_fromstring((tmp_path / "out.html").read_bytes().decode("utf-8"))
    assert page.findtext(".//h1").startswith("甲局")
    assert chosen[0][0].endswith(".docx") and "Word" in chosen[0][1]
    assert chosen[1][0].endswith(".html") and "网页" in chosen[1][1]
    assert "已导出网页" in w.statusBar().currentMessage()


def test_copy_to_the_site_editor(qtbot, monkeypatch, asked):
    w = window(qtbot)
    w.doc.set_meta("agency", "乙局")
    w.doc.set_text("s5", "<script>x</script> 😀 𠀾")
    # The question before publishing names errors and leftovers (a new report has no signing
    # date, model/release_check.py): the clerk goes on.
    asked.answer = QMessageBox.StandardButton.Yes
    w.act_copy_html.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    frag = lxml.html.fragment_fromstring(mime.html())
    assert frag.tag == "article" and frag.findtext("h1").startswith("乙局")
    assert len(frag.xpath(".//table")) == 3 and not frag.xpath(".//script")
    assert "<script>x</script> 😀 𠀾" in [p.text_content() for p in frag.xpath("p")]
    assert mime.text().startswith("乙局") and "<script>x</script>" in mime.text()
    assert "已复制" in w.statusBar().currentMessage()


def test_copy_with_errors_asks_first(qtbot, asked):
    w = window(qtbot)
    QApplication.clipboard().setText("别人复制的内容")
    w.doc.set_cells({c: 0 for c in w.doc.fmt.input_ids if c.startswith("t3.")})
    w.doc.set_cells({"t3.r1_new.natural": 5})
    assert not w.files.copy_html()  # answered No
    assert "错误" in asked[-1]
    assert QApplication.clipboard().text() == "别人复制的内容"

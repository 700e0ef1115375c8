"""「复制到网站编辑器」: the report's web-page fragment on the clipboard.

Website article editors (UEditor, KindEditor, TinyMCE in the 政府网站集约化平台) paste the
clipboard's text/html and keep tables, spans and inline styles; an editor in plain-text mode
takes text/plain.  Both come from export.html_report, so the pasted article is the same as the
exported page.  The QMimeData goes through gui.clipboard, which hands it back to Qt before
Python exits (a Python-made QMimeData left on the clipboard crashes the exit).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData

from export.html_report import fragment_html, plain_text
from gui import clipboard
from model.report import Report


def copy_report_html(report: Report) -> QMimeData:
    mime = QMimeData()
    mime.setHtml(fragment_html(report))
    mime.setText(plain_text(report))
    clipboard.put(mime)
    return mime

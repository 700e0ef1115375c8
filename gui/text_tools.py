"""Commands about the narrative that the window offers in its menus: 规范标点 and the length limit.

The window only asks; the document applies (「规范标点」 is one undo step through ReportDocument),
and the limit is a setting the checks read (`overview_max_chars`, off by default: only some
provinces ask for ≤ 1000字).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.document import ReportDocument
from model.settings import Settings

OVERVIEW_LIMIT_KEY = "overview_max_chars"
MAX_LIMIT = 100_000


def check_options(settings: Settings) -> dict:
    """The clerk's check settings, as model.checks reads them."""
    limit = settings.get(OVERVIEW_LIMIT_KEY)
    ok = isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit <= MAX_LIMIT
    return {OVERVIEW_LIMIT_KEY: limit} if ok else {}


def ask_overview_limit(parent: QWidget, settings: Settings, doc: ReportDocument) -> str:
    """Ask for the 总体情况 limit (0 = none), keep it, check again; returns a status message."""
    from PySide6.QtWidgets import QInputDialog  # asked rarely: not loaded at start

    current = check_options(settings).get(OVERVIEW_LIMIT_KEY, 0)
    value, ok = QInputDialog.getInt(
        parent, "字数上限", "“一、总体情况”的字数上限（不计空格；0 为不限制）。\n有的省份要求不超过 1000 字：",
        current, 0, MAX_LIMIT, 100)
    if not ok:
        return ""
    settings.set(OVERVIEW_LIMIT_KEY, value)
    doc.set_check_options(check_options(settings))
    return f"已设定“一、总体情况”字数上限为 {value} 字。" if value else "已取消“一、总体情况”的字数上限。"


def normalize_punctuation(doc: ReportDocument) -> str:
    """「规范标点」 over every text as one undo step; returns the status message."""
    applied = doc.normalize_punctuation()
    return applied.note if applied is not None else "正文的标点和空格都已规范，无需修改。"

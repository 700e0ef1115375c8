"""Typing or not: the real extent of an edit, whatever the editor reported."""

from __future__ import annotations

import pytest

from model.text_edit_kind import TYPED_RUN, edit_extent, is_typing


@pytest.mark.parametrize("old, new, extent", [
    ("", "一", (0, 1)),
    ("一", "一二", (0, 1)),
    ("一二三", "一三", (1, 0)),
    ("本年30件。", "本年24件。", (2, 2)),
    ("aaaa", "aaaaa", (0, 1)),  # a repeated letter: counted once, wherever it went
    ("公开公开", "公开", (2, 0)),
    ("abc", "", (3, 0)),
    ("同样", "同样", (0, 0)),
    ("前" * 1000 + "中" + "后" * 1000, "前" * 1000 + "间隔" + "后" * 1000, (1, 2)),
])
def test_edit_extent(old, new, extent):
    assert edit_extent(old, new) == extent


def test_typing_merges_replacing_and_pasting_do_not():
    assert is_typing("一是", "一是宣传")  # a word from the input method
    assert is_typing("一是宣传", "一是宣")  # Backspace
    assert not is_typing("本年30件。", "本年24件。")  # a selection typed over
    assert not is_typing("", "字" * (TYPED_RUN + 1))  # a pasted block
    assert is_typing("", "字" * TYPED_RUN)


def test_changed_span_names_the_one_change():
    from model.text_edit_kind import changed_span

    assert changed_span("一是宣传不够。", "一是要宣传不够。") == (2, 2, 3)
    assert changed_span("本年30件。", "本年24件。") == (2, 4, 4)
    assert changed_span("同样", "同样") == (2, 2, 2)

"""This year's text against last year's, sentence by sentence.  Pure.

After rollover a section starts as last year's text; the clerk rewrites it.  Comparing whole
sentences (not characters) says what matters to a reader and stays linear in the text's length:
a sentence of last year that this year's text no longer has was rewritten or removed; a sentence
of this year that last year's did not have is new.
"""

from __future__ import annotations

import re

# A sentence ends after 。！？；or a line break (a paragraph); closing quotes stay with it.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence with some content, in order."""
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        if e > s and text[s:e].strip():
            spans.append((s, e))
    return spans


def _key(sentence: str) -> str:
    return "".join(sentence.split())


def changed_spans(text: str, other: str) -> list[tuple[int, int]]:
    """Sentences of `text` that `other` does not contain (spaces and line breaks aside).

    changed_spans(last, this) marks what was rewritten or removed this year;
    changed_spans(this, last) marks what is new this year.
    """
    keys = {_key(other[s:e]) for s, e in sentence_spans(other)}
    out = []
    for s, e in sentence_spans(text):
        if _key(text[s:e]) not in keys:
            # Mark the words, not the line break or spaces around them.
            piece = text[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            out.append((s + lead, e - trail))
    return out

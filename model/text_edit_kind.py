"""Whether an edit of a text was typing (one undo step with the typing around it) or not.

An input method commits a word by replacing the whole paragraph (Qt reports the block removed
and added again), so what the editor reports is only where to look: the edit's real extent is
what is left once the common start and end of the old and new text are taken away.  Typing adds
or removes characters; a selection typed over does both; a pasted block adds more than a word.
"""

from __future__ import annotations

TYPED_RUN = 32  # characters one edit may add and still be typing (an input method's phrase)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start: a binary search of slice comparisons (memcmp in C), not a loop
    over a 100,000-character paragraph in Python."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """`old[start:old_end]` became `new[start:new_end]`: the one change between the two texts
    (also what the editor rewrites after an undo, gui/text_section)."""
    start = _common_prefix(old, new)
    end = _common_suffix(old, new, min(len(old), len(new)) - start)
    return start, len(old) - end, len(new) - end


def edit_extent(old: str, new: str) -> tuple[int, int]:
    """(characters removed, characters added) between `old` and `new`, as one change."""
    start, old_end, new_end = changed_span(old, new)
    return old_end - start, new_end - start


def is_typing(old: str, new: str) -> bool:
    removed, added = edit_extent(old, new)
    return not (removed and added) and added <= TYPED_RUN

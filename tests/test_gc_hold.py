"""export.gc_hold: the collector's full passes are held back while exports run, and the threshold
the process had comes back when the last one ends — also when two exports overlap on two threads
or one fails."""

from __future__ import annotations

import gc
import threading

import pytest

from export.gc_hold import OUT_OF_REACH, full_passes_held


def test_held_while_inside_and_restored_after_nesting_and_errors():
    before = gc.get_threshold()
    with full_passes_held():
        assert gc.get_threshold() == (before[0], before[1], OUT_OF_REACH)
        with pytest.raises(ValueError):
            with full_passes_held():
                raise ValueError
        assert gc.get_threshold()[2] == OUT_OF_REACH  # the outer export still runs
    assert gc.get_threshold() == before


def test_two_exports_on_two_threads_restore_only_when_both_are_done():
    before = gc.get_threshold()
    first_in, second_done, release = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with full_passes_held():
            first_in.set()
            release.wait(10)
            seen["first_saw"] = gc.get_threshold()[2]

    def second():
        first_in.wait(10)
        with full_passes_held():
            pass
        seen["after_second"] = gc.get_threshold()[2]
        second_done.set()

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start()
    b.start()
    second_done.wait(10)
    release.set()
    a.join()
    b.join()
    assert seen == {"first_saw": OUT_OF_REACH, "after_second": OUT_OF_REACH}
    assert gc.get_threshold() == before


def test_the_young_generations_are_still_collected():
    import weakref

    class Cycle:
        pass

    with full_passes_held():
        c = Cycle()
        c.me = c
        ref = weakref.ref(c)
        del c  # garbage, kept alive only by its own cycle
        for _ in range(50_000):  # allocations start the young collections by themselves
            x = Cycle()
            x.me = x
        assert ref() is None

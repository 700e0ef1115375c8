"""Import reportlab's layout package without compiling patterns an export never uses.

When imported, reportlab.platypus.paragraph compiles a web-address pattern (`uri_pat`:
case-insensitive over U+00A1–U+FFFF, 25–60 ms on the 2-core test machine — a tenth of a whole
`main.py export`), used only to hyphenate web addresses (`uriWasteReduce`, which the export never
turns on); reportlab.lib.textsplit compiles one for `cjkwrap()`, which nothing calls (4–11 ms).

While this module imports reportlab.platypus, every `re.compile` made by those two modules gives
a `LazyPattern` instead: it holds the pattern's source and compiles it the first time it is used,
so reportlab behaves exactly as before.  Every other caller (another thread included) gets
`re.compile` itself.  Import this module before any `reportlab.platypus` import (export.pdf_*
do); if reportlab was loaded already, it does nothing.
"""

from __future__ import annotations

import re
import sys
import threading

LAZY_MODULES = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})


class LazyPattern:
    """A compiled pattern made on first use; reads as re.Pattern does (match, sub, split, …)."""

    __slots__ = ("pattern", "flags", "_compiled", "_lock")

    def __init__(self, pattern, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled = None
        self._lock = threading.Lock()

    def compiled(self) -> re.Pattern:
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = re.compile(self.pattern, self.flags)
                compiled = self._compiled
        return compiled

    def __getattr__(self, name):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


def _import_platypus() -> None:
    if "reportlab.platypus" in sys.modules:
        return
    real = re.compile

    def compile_lazily_for_reportlab(pattern, flags=0):
        caller = sys._getframe(1).f_globals.get("__name__")
        if caller in LAZY_MODULES and isinstance(pattern, str):
            return LazyPattern(pattern, flags)
        return real(pattern, flags)

    re.compile = compile_lazily_for_reportlab
    try:
        import reportlab.lib.textsplit  # noqa: F401
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = real


_import_platypus()

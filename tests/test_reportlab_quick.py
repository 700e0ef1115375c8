"""export.reportlab_quick: reportlab's unused import-time patterns compiled on first use only,
behaving as the compiled ones, and re.compile left as it was."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from export.reportlab_quick import LazyPattern

ROOT = Path(__file__).resolve().parent.parent


def test_a_fresh_export_process_does_not_compile_them():
    code = """
import re
real = re.compile
import export.pdf_report
import reportlab.platypus.paragraph as P, reportlab.lib.textsplit as T
print(re.compile is real, type(P.uri_pat).__name__, P.uri_pat._compiled is None, T.rx._compiled is None)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "LazyPattern", "True", "True"]


def test_a_lazy_pattern_answers_as_the_compiled_one():
    import reportlab.platypus.paragraph as P

    uri = LazyPattern(P.uri_pat.pattern, P.uri_pat.flags)
    same = re.compile(uri.pattern, uri.flags)
    for s in ["http://www.gov.cn/zhengce/", "https://例子.中国/a?b=1", "ftp://1.2.3.4:21/x",
              "不是网址", "www.gov.cn", "mailto:a@b.cn", ""]:
        a, b = uri.match(s), same.match(s)
        assert (a and a.span()) == (b and b.span()), s
    lazy = LazyPattern(r"([\u2e80-\uffff])", re.UNICODE)
    assert lazy.sub(r"\1\0 ", "政府ab") == re.sub(r"([\u2e80-\uffff])", r"\1\0 ", "政府ab")
    assert lazy.flags == re.UNICODE and lazy.pattern.startswith("([")

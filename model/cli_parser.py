"""The command line's parser, in Chinese: usage, help and every mistake argparse reports.

argparse writes its own words ("usage:", "error: the following arguments are required", "show this
help message and exit") through gettext, which has no Chinese catalogue for them.  `chinese()` puts
a small catalogue in place while a parser is built and used, and takes it away afterwards (so
nothing else in the process, e.g. a test runner's own parser, is affected).  Words of a newer Python
that the catalogue lacks stay English rather than fail.
"""

from __future__ import annotations

import argparse
import contextlib

# argparse's messages (Python 3.11–3.13) → Chinese.
ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少应跟一个值",
    "expected %s argument": "后面应跟 %s 个值",
    "expected %s arguments": "后面应跟 %s 个值",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”无效（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "选项不接受值 %r",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _gettext(message: str) -> str:
    return ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def chinese():
    """argparse speaks Chinese inside this block (messages are looked up when used, so the
    parser must be both built and used inside it)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def integer(text: str) -> int:
    """An int argument whose error says 「“abc”不是有效的整数」 (argparse names the type by the
    function's name)."""
    return int(text)


integer.__name__ = "整数"

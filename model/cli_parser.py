"""The command line's parser, in Chinese: usage, help and every mistake argparse reports.

argparse writes its own words ("usage:", "error: the following arguments are required", "show this
help message and exit") through gettext, which has no Chinese catalogue for them.  `chinese()` puts
a small catalogue in place while a parser is built and used, and takes it away afterwards (so
nothing else in the process, e.g. a test runner's own parser, is affected).  Words of a newer Python
that the catalogue lacks stay English rather than fail.

argparse also lines its help up by len(), but a terminal gives a Chinese character two columns:
`WideHelpFormatter` pads, wraps and indents by the columns each character takes instead, so the
descriptions of 「--units 名单」 and 「--force」 start in the same column.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata

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


_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # a newer Python colours its help on a terminal
_CLOSING = set("，。、；：？！）」』】》”’…")  # never the first character of a line
_OPENING = set("（「『【《“‘")  # never the last


def display_width(text: str) -> int:
    """The columns a terminal gives `text`: East Asian Wide and Fullwidth characters take two,
    combining marks none, every other character one."""
    if text.isascii():
        return len(_ANSI.sub("", text)) if "\x1b" in text else len(text)
    width = 0
    for ch in _ANSI.sub("", text):
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        elif not unicodedata.combining(ch):
            width += 1
    return width


def _units(text: str) -> list[str]:
    """The pieces a line may break between: a Latin word, one Chinese character (with the
    punctuation that must stay with it), and single spaces."""
    units: list[str] = []
    glue_next = False
    for piece in re.findall(r" |[^ ]", text):
        if piece == " ":
            units.append(piece)
            glue_next = False
            continue
        wide = display_width(piece) == 2
        prev = units[-1] if units else " "
        prev_wide = prev != " " and display_width(prev[-1]) == 2
        if prev != " " and (glue_next or piece in _CLOSING or (not wide and not prev_wide)):
            units[-1] = prev + piece  # inside a Latin word, or punctuation kept with its neighbour
        else:
            units.append(piece)
        glue_next = piece in _OPENING
    return units


def wrap_display(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal columns (a word longer than a line is cut).

    As Chinese is typeset, a last line never holds one character alone (with the closing marks
    that go with it): the character before it comes down too, when the line above keeps something."""
    lines: list[list[str]] = []  # each line as its units, so a unit can move down whole
    line: list[str] = []
    used = 0
    for unit in _units(text):
        w = display_width(unit)
        if unit == " ":
            if line and used + 1 <= width:
                line, used = line + [" "], used + 1
            continue
        if used + w > width and "".join(line).strip():
            lines.append(line)
            line, used = [], 0
        while w > width:  # a path or URL longer than the line: cut it
            cut, cw = "", 0
            for ch in unit:
                if cw + display_width(ch) > width - used:
                    break
                cut, cw = cut + ch, cw + display_width(ch)
            if not cut:  # not even one character fits after what the line holds
                lines.append(line)
                line, used = [], 0
                continue
            lines.append(line + [cut])
            line, used = [], 0
            unit = unit[len(cut):]
            w = display_width(unit)
        line, used = line + [unit], used + w
    if "".join(line).strip():
        lines.append(line)
    if len(lines) >= 2:
        _avoid_orphan(lines, width)
    return ["".join(units).rstrip() for units in lines]


def _avoid_orphan(lines: list[list[str]], width: int) -> None:
    """Bring the last character of the line above down to a last line holding one Chinese
    character alone (its punctuation not counted), if the two fit and the line above keeps
    something.  The units keep the old rules: a closing mark stays with its character, an opening
    mark with the one after it."""
    last = [u for u in lines[-1] if u != " "]
    if len(last) != 1 or not _one_wide_character(last[0]):
        return
    above = lines[-2]
    k = len(above)
    while k and above[k - 1] == " ":
        k -= 1
    if not k or not _one_wide_character(above[k - 1]):
        return  # a Latin word above stays: it is not a character to pair with
    moved = above[k - 1:]  # the character, and a space between it and the orphan
    keep = above[:k - 1]
    if not "".join(keep).strip() or display_width("".join(moved + lines[-1]).rstrip()) > width:
        return
    lines[-2], lines[-1] = keep, moved + lines[-1]


def _one_wide_character(unit: str) -> bool:
    """A unit of one Chinese character with its punctuation (「稿」, 「稿。」, 「（稿）」)."""
    core = [ch for ch in unit if ch not in _CLOSING and ch not in _OPENING]
    return len(core) == 1 and display_width(core[0]) == 2


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help with columns counted as a terminal shows them (see display_width).

    argparse still decides everything else (what goes in the help, where a long invocation
    starts its own line); this only measures, pads and wraps by columns instead of characters."""

    _USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")  # argparse's own split

    def add_argument(self, action):
        if action.help is not argparse.SUPPRESS:
            invocation = self._format_action_invocation
            longest = display_width(invocation(action)) + self._current_indent
            for sub in self._iter_indented_subactions(action):  # measured at their own indent
                longest = max(longest, display_width(invocation(sub)) + self._current_indent)
            self._action_max_length = max(self._action_max_length, longest)
        super().add_argument(action)  # argparse's len() is never more than the columns

    def _format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if action.help and display_width(header) <= action_width:  # the help follows on its line
            parts = [indent + header + " " * (action_width - display_width(header) + 2)]
        else:
            parts = [indent + header + "\n"]
        help_text = self._expand_help(action) if action.help and action.help.strip() else ""
        if help_text:
            for i, line in enumerate(self._split_lines(help_text, help_width) or [""]):
                lead = "" if i == 0 and not parts[0].endswith("\n") else " " * help_position
                parts.append(lead + line + "\n")
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        for sub in self._iter_indented_subactions(action):
            parts.append(self._format_action(sub))
        return self._join_parts(parts)

    def _split_lines(self, text, width):
        return wrap_display(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        text = self._whitespace_matcher.sub(" ", text).strip()
        return "\n".join(indent + line for line in wrap_display(text, width - display_width(indent)))

    def _format_usage(self, usage, actions, groups, prefix):
        """argparse's usage on one line, then wrapped by columns: the continuation lines start
        under the first option (「用法：」 is six columns, not three)."""
        if prefix is None:
            prefix = argparse._("usage: ")
        width, self._width = self._width, 1 << 30
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width = width
        prog = self._prog
        line = text.rstrip("\n")
        text_width = self._width - self._current_indent
        if usage is not None or display_width(line) <= text_width or not line.startswith(prefix + prog):
            return text
        parts = self._USAGE_PART.findall(line[len(prefix + prog):])
        if display_width(prefix + prog) + 1 <= 0.75 * text_width:
            lines, current = [], prefix + prog
            indent = " " * (display_width(prefix + prog) + 1)
        else:  # a long prog: the options start on the next line, under it
            lines, current = [prefix + prog], ""
            indent = " " * display_width(prefix)
        for part in parts:
            if current.strip() and display_width(current) + 1 + display_width(part) > text_width:
                lines.append(current)
                current = ""
            current = (current + " " + part) if current.strip() else indent + part
        lines.append(current)
        return "\n".join(lines) + "\n\n"


class Parser(argparse.ArgumentParser):
    """The command line's parser: help laid out by WideHelpFormatter (subcommands' parsers too,
    as argparse makes them of the parent's class)."""

    def __init__(self, *args, formatter_class=WideHelpFormatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)
        self._commands = None  # the subcommands' action, once added

    def add_subparsers(self, **kwargs):
        self._commands = super().add_subparsers(**kwargs)
        return self._commands

    def parse_args(self, args=None, namespace=None):
        """As argparse, but an argument no command knows is reported by the command it was given
        to, with that command's usage (「main.py export X.gknb -o out.pdf」 showed the top-level
        usage, which does not say what export takes)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._commands.choices.get(getattr(parsed, self._commands.dest, None)) \
                if self._commands is not None else None
            (command or self).error(argparse._("unrecognized arguments: %s") % " ".join(extras))
        return parsed

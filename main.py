"""年报助手 — start the window, or run a command without one.

    python main.py [DRAFT]                      open the window (optionally on a draft)
    python main.py check REPORT [--json]        check a draft (or any report the import reads)
    python main.py rollover LAST -o NEW         next year's draft from last year's (any importable file)
    python main.py import SOURCE -o DRAFT       a draft from a Word file, web page, PDF or XLSX
    python main.py export DRAFT [--pdf OUT.pdf] [--xlsx OUT.xlsx] [--docx OUT.docx] [--html OUT.html]
                       [--fonts auto|bundled] [--font-dir DIR]
    python main.py fonts [--fonts auto|bundled] [--font-dir DIR]   which faces the PDF will use
    python main.py summarize FOLDER -o REGION.gknb [--units 名单.xlsx] [--review 审核情况.xlsx]
                                                   [--year N] [--last FOLDER_OR_DRAFT]
"""

from __future__ import annotations

import sys

COMMANDS = ("check", "rollover", "import", "export", "fonts", "summarize", "-h", "--help")


# Which module adds each command's parser: a command imports only its own module (the export
# process does not load the 汇总 or import code, some 40 ms); help lists them all.
COMMAND_MODULES = {"check": "model.cli", "rollover": "model.cli", "import": "model.importing.cli",
                   "export": "export.cli", "fonts": "export.cli", "summarize": "export.summary_cli"}


def run_command(argv: list[str]) -> int:
    import importlib

    from model.cli_parser import Parser, chinese

    wanted = COMMAND_MODULES.get(argv[0]) if argv else None
    modules = [wanted] if wanted else list(dict.fromkeys(COMMAND_MODULES.values()))
    with chinese():  # usage, help and argument mistakes in Chinese
        parser = Parser(prog="main.py", description="年报助手（无窗口命令）")
        sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
        for name in modules:
            importlib.import_module(name).add_commands(sub)
        args = parser.parse_args(argv)
    return args.func(args)


def _mistyped_command(word: str) -> bool:
    """「chek」 or 「sumarize」: a word, not a file — the parser says which commands there are,
    instead of the window trying to open a draft of that name."""
    import os

    return word.isascii() and word.isalpha() and not os.path.exists(word)


def main(argv: list[str]) -> int:
    if argv and (argv[0] in COMMANDS or _mistyped_command(argv[0])):
        return run_command(argv)
    # No garbage collection until the window has first painted (gui/app.py turns it back on):
    # what the start allocates — modules, classes, format objects, widgets' wrappers — lives
    # as long as the window, so the collector's passes over it (some 60, 15–25 ms before the
    # first paint) find nothing to free.  bench/bench_startup.py measures the start.
    import gc

    gc.disable()
    from gui.app import run_app

    return run_app(argv)


if __name__ == "__main__":
    # Imports run in a child process (model/importing/isolated.py), and 汇总 reads files in worker
    # processes; in the frozen app such a child is this program started again, and
    # freeze_support() turns it into the worker at once.  Run from source, a child starts through
    # multiprocessing's own entry point, never here: the import (about 10 ms) is skipped.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))

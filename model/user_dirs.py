"""Where the clerk's drafts and the app's own state live.

Drafts go to a folder the clerk can find: <Documents>/年报助手.  Recovery copies and settings go
to the per-user data folder.  NIANBAO_HOME, when set, puts both under one folder (tests, and a
portable install on a USB stick).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from model.terms import APP_NAME  # the folder name; re-exported for the about dialog


def _home() -> Path | None:
    h = os.environ.get("NIANBAO_HOME")
    return Path(h) if h else None


def drafts_dir() -> Path:
    home = _home()
    if home:
        return home / "drafts"
    return Path(platformdirs.user_documents_dir()) / APP_NAME


def state_dir() -> Path:
    home = _home()
    if home:
        return home / "state"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder

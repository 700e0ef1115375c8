"""Shared test setup.  Qt must run offscreen: set it before anything imports Qt."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's documents or settings: every test gets its own folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NIANBAO_HOME", str(home))
    yield

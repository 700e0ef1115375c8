"""Crash safety, short version for CI: 30 SIGKILLs of a saving process per save path.

The full run (500 kills each) is `python3 tools/crash_test.py`; see docs/reliability.md.
The tool runs in its own process (it forks the savers), so no Qt state is ever forked.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "crash_test.py"
KILLS = int(os.environ.get("NIANBAO_CRASH_KILLS", "30"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _run(tmp_path, mode: str, kills: int, seed: int = 12345) -> dict:
    proc = subprocess.run([sys.executable, str(TOOL), "--kills", str(kills), "--mode", mode,
                           "--seed", str(seed), "--dir", str(tmp_path), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout) | {"returncode": proc.returncode}


def test_killed_saves_never_lose_the_draft_or_the_recovery_copy(tmp_path):
    out = _run(tmp_path, "both", KILLS)
    for r in out["results"]:
        assert r["failures"] == [], r
        assert r["kills"] == KILLS
        # Every kill is accounted for: the previous version, the new one, or the last finished.
        assert sum(r["phases"].values()) == KILLS
        # The random delays really did land inside saves, not only between them.
        assert r["held_previous"] + r["held_new"] > KILLS // 3, r
        assert r["loaded_from_backup"] == 0  # the rename is atomic: the draft itself always loads
    assert out["ok"] and out["returncode"] == 0


def test_the_harness_catches_a_save_that_is_not_atomic(tmp_path):
    """Control: writing the file in place (truncate, write) must be caught within a few kills."""
    out = _run(tmp_path, "naive", 30)
    assert out["returncode"] == 1 and not out["ok"]
    failures = out["results"][0]["failures"]
    assert failures and ("loads" in failures[0] or "mix" in failures[0] or "version" in failures[0])

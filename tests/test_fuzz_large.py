"""The large fuzz runs of docs/reliability.md §2, marked `slow` and left out of the default run.

    bash tools/run_tests.sh -m slow        # these, and the 500-kill crash runs (~15 min)

Each runs one fuzz file in its own pytest process with NIANBAO_FUZZ_EXAMPLES set (hypothesis
reads the count when the file is imported), and requires every property to pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

LARGE_RUNS = [("test_fuzz_draft.py", 1000), ("test_fuzz_cli.py", 1000), ("test_fuzz_paste.py", 1000),
              ("test_fuzz_text.py", 300), ("test_fuzz_window.py", 150), ("test_fuzz_export.py", 100)]


@pytest.mark.parametrize("name, examples", LARGE_RUNS, ids=[n for n, _ in LARGE_RUNS])
def test_a_large_fuzz_run_passes(name, examples, tmp_path):
    env = dict(os.environ, NIANBAO_FUZZ_EXAMPLES=str(examples), NIANBAO_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(ROOT / "tests" / name)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in last and "failed" not in last and "error" not in last, last

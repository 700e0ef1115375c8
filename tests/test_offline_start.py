"""Installed once, starts offline: both README commands, run again with no network at all.

An office PC has no internet.  After one complete `tools/install.sh` (which tools/run_tests.sh has
just done for this run), `tools/run_app.sh` and `tools/run_tests.sh` must install nothing and need
no network: no apt, no pip, no pip upgrade.  Each runs here inside a new network namespace
(`unshare -n`: only a loopback interface that is down), so any download fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.samples import seed_path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ROOT / ".venv" / "nianbao-installed.txt"


def _unshare_prefix() -> list[str] | None:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return None
    # As root a plain network namespace; otherwise one inside a user namespace, where allowed.
    prefix = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-r", "-n"]
    try:
        ok = subprocess.run(prefix + ["true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return prefix if ok else None


UNSHARE = _unshare_prefix()

pytestmark = [
    pytest.mark.skipif(not STAMP.is_file(),
                       reason="this checkout's .venv was not made by tools/install.sh: the test runs "
                              "under `bash tools/run_tests.sh` (as CI does)"),
    pytest.mark.skipif(UNSHARE is None,
                       reason="unshare -n is not permitted here (needs root, or user namespaces): "
                              "cannot take the network away"),
]


def offline(cmd: list[str], tmp_path: Path, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "NIANBAO_"))}
    base |= {"NIANBAO_HOME": str(tmp_path / "home")} | env
    return subprocess.run(UNSHARE + cmd, cwd=tmp_path, env=base, capture_output=True, text=True,
                          timeout=600)


def test_the_namespace_really_has_no_network(tmp_path):
    probe = ("import socket\n"
             "print(sorted(name for _, name in socket.if_nameindex()))\n"
             "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
             "try:\n"
             "    s.connect(('192.0.2.1', 9))\n"  # TEST-NET-1: never routed; nothing is sent
             "    print('route')\n"
             "except OSError as exc:\n"
             "    print('unreachable', exc.errno)\n")
    proc = offline([sys.executable, "-c", probe], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["['lo']", "unreachable 101"]  # ENETUNREACH


def test_the_app_starts_offline(tmp_path):
    sample = tmp_path / "示例.gknb"
    shutil.copyfile(seed_path(), sample)
    proc = offline(["bash", str(ROOT / "tools" / "run_app.sh"), str(sample)], tmp_path,
                   QT_QPA_PLATFORM="offscreen", NIANBAO_QUIT_AFTER_PAINT="1")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "installing" not in proc.stdout + proc.stderr
    assert [line.split()[0] for line in proc.stdout.splitlines()] == ["first-paint"]


def test_the_tests_run_offline(tmp_path):
    proc = offline(["bash", str(ROOT / "tools" / "run_tests.sh"), "-p", "no:cacheprovider",
                    str(ROOT / "tests" / "test_hermetic_fonts.py"), str(ROOT / "tests" / "test_totals.py")],
                   tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "installing" not in proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert " passed" in last and "failed" not in last and "skipped" not in last, last

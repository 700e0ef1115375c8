"""The PySide6 6.12 reference-count work-around keeps long sessions alive."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOOP = """
import sys
sys.path.insert(0, %r)
import gui  # applies the guard
from PySide6.QtCore import QObject
o = QObject()
for _ in range(50000):
    o.setObjectName("x")
    o.blockSignals(False)
print("alive")
"""


def test_fifty_thousand_void_calls_do_not_abort_the_interpreter():
    proc = subprocess.run([sys.executable, "-c", LOOP % str(ROOT)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "alive"

"""The Python packages pyproject.toml declares, and whether .venv already has them (tools/install.sh).

Installing is done once: after `pip install -r` of the list, the list's hash goes into a stamp
file in .venv.  Later starts compare hashes only, so they need neither pip nor the network (an
office PC without internet starts the app after one complete install).  A changed dependency
list has another hash and is installed on the next start.  The project itself is never built:
the app runs from its folder, so no setuptools is needed.

    python tools/deps.py need app|test   # prints the path of a requirements file to install,
                                         # or nothing when .venv already has the packages
    python tools/deps.py done app|test   # records that the list was installed
    python tools/deps.py list app|test   # prints the list
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / "nianbao-installed.txt"
KINDS = {"app": (), "test": ("test",)}  # kind → optional-dependency groups on top of the app's


def requirements(kind: str, pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    reqs = list(project.get("dependencies", []))
    for extra in KINDS[kind]:
        reqs += project.get("optional-dependencies", {}).get(extra, [])
    return reqs


def list_hash(reqs: list[str]) -> str:
    return hashlib.sha256("\n".join(reqs).encode("utf-8")).hexdigest()


def covering_hashes(kind: str) -> set[str]:
    """Hashes whose installation covers `kind`: its own, and that of every larger kind (the test
    list holds the app's, so the app starts offline after `run_tests.sh` too)."""
    mine = set(requirements(kind))
    return {list_hash(requirements(k)) for k in KINDS if mine <= set(requirements(k))}


def installed_hashes(stamp: Path = STAMP) -> set[str]:
    try:
        return set(stamp.read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return set()


def need(kind: str, stamp: Path = STAMP) -> Path | None:
    """None when .venv has the packages of `kind`, else a requirements file to pip-install."""
    if covering_hashes(kind) & installed_hashes(stamp):
        return None
    out = stamp.parent / f"nianbao-requirements-{kind}.txt"
    out.write_text("".join(r + "\n" for r in requirements(kind)), encoding="utf-8")
    return out


def done(kind: str, stamp: Path = STAMP) -> None:
    with open(stamp, "a", encoding="ascii") as f:
        f.write(list_hash(requirements(kind)) + "\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("need", "done", "list") or argv[1] not in KINDS:
        print(__doc__, file=sys.stderr)
        return 2
    action, kind = argv
    if action == "need":
        path = need(kind)
        if path:
            print(path)
    elif action == "done":
        done(kind)
    else:
        print("\n".join(requirements(kind)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

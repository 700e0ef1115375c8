"""Command-line tools some tests run.  tools/install.sh installs them for the tests (Debian
packages in brackets); a test that needs one fails when it is missing, never skips silently."""

from __future__ import annotations

import shutil

import pytest

PACKAGES = {"desktop-file-validate": "desktop-file-utils",
            "update-mime-database": "shared-mime-info",
            "strace": "strace"}


def require(tool: str) -> str:
    """The tool's path; the test fails, naming the package to install, when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install the Debian package {PACKAGES[tool]} "
                    f"(bash tools/install.sh test does)", pytrace=False)
    return path

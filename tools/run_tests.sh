#!/usr/bin/env bash
# Install (first time) and run the tests, headless.  Extra arguments go to pytest.
# The long crash and fuzz runs are marked `slow` and left out: `bash tools/run_tests.sh -m slow`.
# Text is measured in the bundled fonts only (tools/hermetic_fonts.py), whatever fonts the machine
# has; NIANBAO_TEST_SYSTEM_FONTS=1 runs against the machine's own fonts instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh test
export QT_QPA_PLATFORM=offscreen
if [ "${NIANBAO_TEST_SYSTEM_FONTS:-}" != 1 ]; then
  FONTCONFIG_FILE="$(.venv/bin/python tools/hermetic_fonts.py)"
  export FONTCONFIG_FILE
fi
exec .venv/bin/python -m pytest -q "$@"

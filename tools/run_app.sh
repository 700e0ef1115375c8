#!/usr/bin/env bash
# Install (first time) and start 年报助手.  Extra arguments go to main.py (e.g. a draft file).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
exec .venv/bin/python main.py "$@"

#!/usr/bin/env bash
# Install everything 年报助手 needs on Debian/Ubuntu: Qt's system libraries (when apt is
# available and we may use it) and a virtual environment .venv with the Python packages.
#   bash tools/install.sh          # the app
#   bash tools/install.sh test     # the app and its test tools (poppler-utils for PDF checks)
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

apt_pkgs=(python3-venv libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libx11-6
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0)
if [ "$extra" = test ]; then
  apt_pkgs+=(poppler-utils xvfb xauth)
fi
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${apt_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$extra" = test ]; then
  .venv/bin/python -m pip install -q ".[test]"
else
  .venv/bin/python -m pip install -q .
fi

#!/usr/bin/env bash
# Install what 年报助手 needs and is missing, on Debian/Ubuntu: Qt's system libraries (with apt,
# only when one is missing) and a virtual environment .venv with the Python packages declared in
# pyproject.toml (only when the list changed since the last install: tools/deps.py keeps a stamp).
# Once installed, a start needs no network: no apt, no pip, no pip upgrade.
#   bash tools/install.sh          # the app
#   bash tools/install.sh test     # the app and its test tools
#   PYTHON=/usr/bin/python3.12 bash tools/install.sh   # another Python (3.11 or newer) for .venv
set -euo pipefail
cd "$(dirname "$0")/.."
kind=app
case "${1:-}" in
  "") ;;
  test) kind=test ;;
  *) echo "usage: bash tools/install.sh [test]" >&2; exit 2 ;;
esac

apt_pkgs=(python3-venv libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libx11-6
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0)
if [ "$kind" = test ]; then
  # pdftotext/pdftoppm (PDF checks), a virtual X display, and the tools whose checks the tests
  # must always run: desktop-file-validate, update-mime-database, strace (no-network test).
  apt_pkgs+=(poppler-utils xvfb xauth desktop-file-utils shared-mime-info strace)
fi
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${apt_pkgs[@]}" 2>/dev/null || true)"
  missing=()
  for p in "${apt_pkgs[@]}"; do
    grep -qE "^${p}(:[a-z0-9]+)? ii" <<<"$installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

too_old() {  # a Python older than 3.11, or none at all
  ! "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  if too_old "$python"; then
    found="$("$python" -c 'import sys; sys.stdout.write("Python %d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" \
      || found="未找到 / not found"
    echo "年报助手需要 Python 3.11 或更高版本，“$python”是：$found。" >&2
    echo "请安装 Python 3.11+，或用 PYTHON=/path/to/python3.11 bash tools/install.sh 指定。" >&2
    echo "年报助手 needs Python 3.11 or newer; \"$python\" is: $found." >&2
    echo "Install Python 3.11+, or name one: PYTHON=/path/to/python3.11 bash tools/install.sh" >&2
    exit 2
  fi
  "$python" -m venv .venv
elif too_old .venv/bin/python; then
  echo ".venv 中的 Python 低于 3.11：请删除 .venv 后重新运行。" >&2
  echo "The Python in .venv is older than 3.11: remove .venv and run this again." >&2
  exit 2
fi

requirements="$(.venv/bin/python tools/deps.py need "$kind")"
if [ -n "$requirements" ]; then
  echo "installing Python packages into .venv (${kind})"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  .venv/bin/python tools/deps.py done "$kind"
fi

#!/usr/bin/env bash
# Build the one-folder app (dist/nianbao) with PyInstaller, then check that it really works:
# the bundle exports the sample report's PDF and Excel through its command line, the PDF has
# every font embedded and the report's text, and the window starts offscreen and paints.
# Prints the build time, the folder's size and the start time.  Takes a minute or two: run it
# before a release, not in every CI run.
#
#   bash tools/build_bundle.sh            # build and check
#   bash tools/build_bundle.sh --no-build # check the existing dist/nianbao only
#
# PyInstaller comes from the Python in $PYTHON (default: .venv/bin/python when it exists, else
# python3).  When that Python lacks it, it is pip-installed: into the project's .venv, or into
# build/pyinstaller-venv, a venv that sees the system's packages (PySide6, reportlab, …).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bundle="$root/dist/nianbao"
sample="$root/resources/samples/示例街道2024年报告（示例）.gknb"

python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi

pyinstaller_python() {
  if "$python" -c "import PyInstaller" 2>/dev/null; then echo "$python"; return; fi
  if "$python" -c "import sys; sys.exit(sys.prefix == sys.base_prefix)"; then
    "$python" -m pip install -q "pyinstaller>=6,<7" >&2  # a venv: the project's "build" extra
    echo "$python"; return
  fi
  local venv=build/pyinstaller-venv
  if [ ! -x "$venv/bin/python" ]; then "$python" -m venv --system-site-packages "$venv" >&2; fi
  "$venv/bin/python" -c "import PyInstaller" 2>/dev/null \
    || "$venv/bin/python" -m pip install -q "pyinstaller>=6,<7" >&2
  echo "$venv/bin/python"
}

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
fail() { echo "失败：$*" >&2; exit 1; }

if [ "${1:-}" != "--no-build" ]; then
  [ -f resources/icons/nianbao.ico ] || "$python" tools/make_icon.py
  pyi="$(pyinstaller_python)"
  echo "PyInstaller $("$pyi" -m PyInstaller --version)，Python $("$pyi" -c 'import sys; print(sys.version.split()[0])')"
  start=$(now)
  "$pyi" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/nianbao.spec
  echo "构建用时：$(elapsed "$start" "$(now)") 秒"
fi

[ -x "$bundle/nianbao" ] || fail "没有找到 $bundle/nianbao，请先构建。"
internal="$bundle/_internal"
for f in resources/formats/2021.json resources/formats/2019.json resources/fonts/uming.ttc \
         resources/fonts/wqy-microhei.ttc resources/icons/nianbao-256.png pyproject.toml \
         "resources/samples/$(basename "$sample")" PySide6/Qt/translations/qtbase_zh_CN.qm; do
  [ -f "$internal/$f" ] || fail "包中缺少 $f"
done
for f in install-linux.sh nianbao.desktop nianbao-draft.xml; do
  [ -f "$bundle/$f" ] || fail "包中缺少 $f"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NIANBAO_HOME="$work/home" QT_QPA_PLATFORM=offscreen

# Command line: export the sample as PDF and Excel from inside the bundle.
start=$(now)
"$bundle/nianbao" export "$sample" --pdf "$work/sample.pdf" --xlsx "$work/sample.xlsx" >/dev/null
echo "命令行导出（PDF+Excel）：$(elapsed "$start" "$(now)") 秒"
[ -s "$work/sample.xlsx" ] || fail "没有生成 Excel"
fonts="$(pdffonts "$work/sample.pdf" | tail -n +3)"
[ -n "$fonts" ] || fail "PDF 中没有字体"
echo "$fonts" | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' \
  || fail "PDF 中有未嵌入的字体：$fonts"
text="$(pdftotext "$work/sample.pdf" -)"
for want in "示例街道办事处" "政府信息公开工作年度报告" "总体情况"; do
  grep -q "$want" <<<"$text" || fail "PDF 文字中没有“$want”"
done
echo "PDF：$(pdfinfo "$work/sample.pdf" | awk '/^Pages:/ {print $2}') 页，字体全部嵌入"

# Window: start on the sample, quit after the first paint (gui/main_window.py honours the hook).
times=()
for i in 1 2 3 4 5; do
  start=$(now)
  NIANBAO_QUIT_AFTER_PAINT=1 timeout 60 "$bundle/nianbao" "$sample" >/dev/null 2>"$work/gui.err" \
    || { cat "$work/gui.err" >&2; fail "窗口没有正常启动并退出"; }
  times+=("$(elapsed "$start" "$(now)")")
done
median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
echo "窗口启动到首次绘制（5 次中位数）：$median 秒（各次：${times[*]}）"

echo "包大小：$(du -sh "$bundle" | cut -f1)，$(find "$bundle" -type f | wc -l) 个文件；" \
     "压缩后（tar.gz）：$(tar -C "$bundle/.." -cf - "$(basename "$bundle")" | gzip -6 | wc -c \
       | awk '{printf "%.0f MB", $1 / 1048576}')"
echo "检查通过：$bundle"

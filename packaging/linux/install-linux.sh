#!/usr/bin/env bash
# Put 年报助手 into this user's application menu and let *.gknb drafts open it on double-click.
# Per user, no root: everything goes under ${XDG_DATA_HOME:-~/.local/share}.
#
#   bash install-linux.sh [PROGRAM]        install (PROGRAM: the nianbao binary to start)
#   bash install-linux.sh --uninstall      remove what install put there
#
# PROGRAM defaults to the nianbao binary beside this script (the copy inside the built bundle),
# or dist/nianbao/nianbao of a checkout after tools/build_bundle.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app_id="nianbao"
mime_type="application/x-nianbao-draft"
mime_icon="application-x-nianbao-draft"
sizes=(16 24 32 48 64 128 256)

refresh() {
  # Each cache is optional: a desktop without the tool simply rescans later.
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime" >/dev/null; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$data/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/$app_id.desktop" "$data/mime/packages/$app_id-draft.xml"
  for s in "${sizes[@]}"; do
    rm -f "$data/icons/hicolor/${s}x${s}/apps/$app_id.png" \
          "$data/icons/hicolor/${s}x${s}/mimetypes/$mime_icon.png"
  done
  refresh
  echo "已移除年报助手的菜单项和草稿文件关联。"
  exit 0
fi

program="${1:-}"
if [ -z "$program" ]; then
  for candidate in "$here/$app_id" "$here/../../dist/$app_id/$app_id"; do
    if [ -x "$candidate" ]; then program="$(cd "$(dirname "$candidate")" && pwd)/$app_id"; break; fi
  done
fi
if [ -z "$program" ] || [ ! -x "$program" ]; then
  echo "找不到年报助手程序。请指定程序路径：bash install-linux.sh /路径/nianbao" >&2
  exit 1
fi
case "$program" in
  /*) ;;
  *) program="$(pwd)/$program" ;;
esac
# Characters that need escaping inside a quoted Exec= argument; no sane install path has them.
case "$program" in
  *[\"\`\$\\]*) echo "程序路径含有不支持的字符（\" \` \$ \\）：$program" >&2; exit 1 ;;
esac

# Icons: the bundle keeps resources/ in _internal/; a checkout has it at the top.
icons=""
for candidate in "$(dirname "$program")/_internal/resources/icons" "$here/../../resources/icons"; do
  if [ -f "$candidate/$app_id-48.png" ]; then icons="$candidate"; break; fi
done
if [ -z "$icons" ]; then
  echo "找不到图标文件夹 resources/icons。" >&2
  exit 1
fi

mkdir -p "$data/applications" "$data/mime/packages"
sed "s|^Exec=.*|Exec=\"$program\" %f|" "$here/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$here/$app_id-draft.xml" "$data/mime/packages/$app_id-draft.xml"
for s in "${sizes[@]}"; do
  for kind in apps mimetypes; do mkdir -p "$data/icons/hicolor/${s}x${s}/$kind"; done
  cp "$icons/$app_id-$s.png" "$data/icons/hicolor/${s}x${s}/apps/$app_id.png"
  cp "$icons/$app_id-$s.png" "$data/icons/hicolor/${s}x${s}/mimetypes/$mime_icon.png"
done
refresh
if command -v xdg-mime >/dev/null; then
  xdg-mime default "$app_id.desktop" "$mime_type" || true
fi
echo "已安装：应用菜单中的“年报助手”，双击 .gknb 草稿即可打开（程序：$program）。"

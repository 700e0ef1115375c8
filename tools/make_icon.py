"""Draw the app icon: a sheet of an official report with a red 「年」, into resources/icons/.

    python3 tools/make_icon.py

Writes nianbao-<N>.png for every size in SIZES and nianbao.ico (all sizes, PNG-compressed
entries, which Windows reads since Vista).  The picture is drawn for each size separately
rather than scaled down from 256 px, so the small sizes leave out detail that would only blur:
below 32 px there are no text lines, only the sheet and the character.

The ICO container is written here instead of through Qt's qico plugin because that plugin
writes one image per file and is not present in every Qt build; the format is a 6-byte header,
one 16-byte directory entry per image and the PNG data.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QImage,  # noqa: E402
                           QPainter, QPainterPath, QPen)

from model.paths import resource_path  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_DIR = resource_path("icons")
ICO_NAME = "nianbao.ico"
CHARACTER = "年"

RED = QColor("#c8161d")  # the red of an official document's title and rule
PAPER = QColor("#ffffff")
EDGE = QColor("#8a94a6")
FOLD = QColor("#dfe4ec")
LINE = QColor("#b7c0ce")


def png_name(size: int) -> str:
    return f"nianbao-{size}.png"


def _font_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise SystemExit("找不到内置字体 resources/fonts/wqy-microhei.ttc，无法绘制图标。")
    return families[0]


def draw_icon(size: int, family: str) -> QImage:
    """One size of the icon.  Coordinates are on a 256-unit canvas scaled to `size`."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.scale(size / 256, size / 256)

    small = size < 32
    # The sheet: portrait, with its top-right corner folded over.  Small sizes use more of the
    # square so the character stays legible.
    left, top, right, bottom = (30, 6, 226, 250) if small else (40, 12, 216, 244)
    fold = 34 if small else 48
    sheet = QPainterPath()
    sheet.moveTo(left, top)
    sheet.lineTo(right - fold, top)
    sheet.lineTo(right, top + fold)
    sheet.lineTo(right, bottom)
    sheet.lineTo(left, bottom)
    sheet.closeSubpath()
    # At 16 px a 1-px edge must fall on whole pixels to stay crisp: 256/16 = 16 units a pixel.
    edge_width = 16 if small else max(6.0, 256 / size)
    p.setPen(QPen(EDGE, edge_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                  Qt.PenJoinStyle.MiterJoin))
    p.setBrush(PAPER)
    p.drawPath(sheet)

    corner = QPainterPath()
    corner.moveTo(right - fold, top)
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(FOLD)
    p.drawPath(corner)

    # The character in the official red, in the upper part of the sheet like a document title.
    # The bundled font has no bold face: stroke the glyph outline to make it heavier, as a
    # title character should be, and so that it survives down to 16 px.
    font = QFont(family)
    font.setPixelSize(150 if small else 108)
    glyph = QPainterPath()
    glyph.addText(0, 0, font, CHARACTER)
    box = glyph.boundingRect()
    centre = QPointF((left + right) / 2, top + (98 if small else 76))
    glyph.translate(centre - box.center())
    p.setPen(QPen(RED, 14 if small else 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                  Qt.PenJoinStyle.MiterJoin))
    p.setBrush(RED)
    p.drawPath(glyph)

    if not small:
        # The red rule under an official document's heading, then lines of body text.
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(RED)
        p.drawRect(QRectF(left + 20, 146, right - left - 40, 8))
        p.setBrush(LINE)
        for i, y in enumerate((172, 194, 216)):
            end = right - 22 - (46 if i == 2 else 0)
            p.drawRoundedRect(QRectF(left + 22, y, end - left - 22, 9), 4, 4)
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(RED)
        p.drawRect(QRectF(left + 32, 200, right - left - 64, 16))
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding the given PNG images (size -> PNG data), smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for s in sizes:
        blob = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in an ICO directory entry
        # width, height, palette colours, reserved, colour planes, bits per pixel, size, offset
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need it)
    family = _font_family()
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        data = png_bytes(draw_icon(size, family))
        (ICON_DIR / png_name(size)).write_bytes(data)
        pngs[size] = data
    (ICON_DIR / ICO_NAME).write_bytes(ico_bytes(pngs))
    print(f"已生成图标：{ICON_DIR}（{', '.join(map(str, SIZES))} 像素与 {ICO_NAME}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())

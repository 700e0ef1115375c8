"""Process-wide Qt setup done once before the window: DPI policy, translations, a CJK font.

Kept apart from app.py so that the screenshot tool and the tests get the very same look
(font, Chinese standard buttons) as the real app.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSize, QTranslator, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from model.paths import resource_path
from model.terms import APP_NAME

ORG_NAME = APP_NAME
BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
# UI font size in points: Chinese glyphs at 9 pt are hard to read on a 1366×768 office screen.
UI_POINT_SIZE = 10


def configure_before_app() -> None:
    """Settings that must precede the QApplication (high-DPI rounding)."""
    # Pass fractional scale factors (125 %, 150 % on office laptops) straight through instead of
    # rounding them to 1× or 2×, which makes text either tiny or huge.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own zh_CN strings (standard buttons 确定/取消, context menus 复制/粘贴 …)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            loaded.append(tr)
            break  # qt_zh_CN only forwards to qtbase_zh_CN; one is enough
    # By name: touching QLocale.Language / QLocale.Country would build two enums of several
    # hundred members each at start-up.
    QLocale.setDefault(QLocale("zh_CN"))
    return loaded


def has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_cjk_font(app: QApplication, force_bundled: bool = False) -> str | None:
    """Make sure Chinese text is drawn, never as empty boxes.

    When the system has no font with simplified Chinese (a bare Linux box, a stripped-down
    Windows image), load the bundled WenQuanYi Micro Hei and make it the application font.
    Returns the family loaded, or None when the system fonts are used.
    """
    family = None
    if force_bundled or not has_cjk_font():
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*BUNDLED_FONT)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    font = QFont(app.font())
    if family:
        font.setFamilies([family])
    font.setPointSize(max(font.pointSize(), UI_POINT_SIZE))
    app.setFont(font)
    return family


def setup_application(app: QApplication, force_bundled_font: bool = False) -> None:
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    install_translations(app)
    ensure_cjk_font(app, force_bundled_font)
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The app icon in every size drawn by tools/make_icon.py (title bar, task bar, alt-tab)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"nianbao-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon

"""The test run sees only the fonts the app ships, on any machine (tools/hermetic_fonts.py).

Window tests measure text; a machine's own CJK fonts once made them pass on one box and fail on a
clean one.  Under tools/run_tests.sh (and tests/conftest.py) fontconfig lists resources/fonts and
nothing else, and Qt's offscreen platform takes its fonts from fontconfig.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics

pytestmark = pytest.mark.skipif(os.environ.get("NIANBAO_TEST_SYSTEM_FONTS") == "1",
                                reason="NIANBAO_TEST_SYSTEM_FONTS=1: this run uses the machine's own fonts")

# What `fc-scan resources/fonts/*.ttc` names, copied by hand.
BUNDLED = {"AR PL UMing CN", "AR PL UMing HK", "AR PL UMing TW", "AR PL UMing TW MBE",
           "WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono"}
# Names Qt's font database adds for the generic families it asks fontconfig about.
GENERIC = {"Sans Serif", "Serif", "Monospace"}


def test_the_font_database_lists_only_the_bundled_families(qapp):
    assert os.environ.get("FONTCONFIG_FILE", "").endswith("fonts.conf")
    assert set(QFontDatabase.families()) - GENERIC == BUNDLED


def test_the_ui_font_is_the_bundled_ui_font_and_draws_chinese(qapp):
    font = qapp.font()
    assert QFontInfo(font).family() == "WenQuanYi Micro Hei"
    assert font.pointSize() >= 10
    fm = QFontMetrics(font)
    assert all(fm.inFontUcs4(ord(ch)) for ch in "申请人逾期未按收费通知要求缴纳费用")


def test_the_generic_families_resolve_to_the_bundled_fonts(qapp):
    from PySide6.QtGui import QFont

    assert QFontInfo(QFont("Serif")).family() == "AR PL UMing CN"
    assert QFontInfo(QFont("Monospace")).family() == "WenQuanYi Micro Hei Mono"
    assert QFontInfo(QFont("Sans Serif")).family() == "WenQuanYi Micro Hei"

"""gui/icons.py: every icon of the window comes from Qt's common-style images, in the sizes Qt
ships (the sizes an image lacks are skipped, not added as empty pictures)."""

from __future__ import annotations

from gui.icons import ICONS, icon


def test_every_icon_has_pictures_in_the_shipped_sizes(qapp):
    for name in ICONS:
        found = icon(name)
        sizes = {s.width() for s in found.availableSizes()}
        assert not found.isNull(), name
        assert {16, 32} <= sizes <= {16, 32, 64, 128}, (name, sizes)
        assert not found.pixmap(18, 18).isNull(), name

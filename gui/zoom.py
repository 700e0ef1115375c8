"""Zoom steps shared by the tables and the text editors (Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0)."""

from __future__ import annotations

from PySide6.QtGui import QFont

ZOOM_STEPS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]


def clamp_zoom(zoom: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, round(zoom, 2)))


def next_zoom(zoom: float, step: int) -> float:
    """The next step up (step=1) or down (step=-1) from `zoom`."""
    if step > 0:
        return next((z for z in ZOOM_STEPS if z > zoom + 0.001), MAX_ZOOM)
    return next((z for z in reversed(ZOOM_STEPS) if z < zoom - 0.001), MIN_ZOOM)


def zoomed_font(base: QFont, zoom: float) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * zoom)
    return font

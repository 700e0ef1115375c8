"""Column widths of a section's table: the Grid's proportions, each column at least as wide as its
widest number needs.  Shared by the PDF (points, measured with the embedded face) and the Word
file (twips, estimated from the digits' width), so that both give a long number the room the
other columns can spare instead of breaking it over two lines."""

from __future__ import annotations


def widths_at_least(weights: list[float], total: float, least: list[float]) -> list[float] | None:
    """Widths in proportion to `weights` adding up to `total`, each at least `least[i]` (the
    others give up the difference in proportion); None when the minimums do not fit `total`."""
    if sum(least) > total + 1e-6:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - sum(fixed.values())
        s = sum(weights[i] for i in free) or 1.0
        widths = {i: room * weights[i] / s for i in free}
        short = [i for i in free if widths[i] < least[i] - 1e-9]
        if not short:
            break
        for i in short:
            fixed[i] = least[i]
    return [fixed[i] if i in fixed else widths[i] for i in range(len(weights))]

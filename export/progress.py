"""An export's progress as a fraction 0…1, for the window's progress bar.

Writers take `progress=callback` (gui/export_runner passes one when a writer accepts it).  Each
writer estimates its work in units before it starts — roughly microseconds on the test machine,
from how long each step takes per character, table or page (figures beside each writer's
estimate) — and adds the units of every step it finishes.  The callback sees a fraction that
only grows, in at most `steps` distinct values (a bar of 1000 steps gains nothing from more
calls), below 1 until `finish()`: the estimate may run short or long, the bar never jumps back
nor claims to be done early.
"""

from __future__ import annotations


class Meter:
    def __init__(self, callback, total: float, steps: int = 1000):
        self.callback = callback
        self.total = max(float(total), 1.0)
        self.steps = steps
        self.done = 0.0
        self._shown = -1

    def add(self, units: float) -> None:
        if self.callback is None:
            return
        self.done += units
        step = min(int(self.done * self.steps / self.total), self.steps - 1)
        if step > self._shown:
            self._shown = step
            self.callback(step / self.steps)

    def finish(self) -> None:
        if self.callback is not None and self._shown < self.steps:
            self._shown = self.steps
            self.callback(1.0)


NO_METER = Meter(None, 1)

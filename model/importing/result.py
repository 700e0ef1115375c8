"""What an import produced: the report, and everything the clerk must look at before trusting it."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.report import Report

# Doubt kinds: UNREAD = nothing could be taken from the source for this cell or text (left blank);
# DOUBTFUL = a value was taken, but the importer is not sure of it (the clerk should compare).
UNREAD, DOUBTFUL = "unread", "doubtful"


@dataclass(frozen=True)
class Doubt:
    """One cell or text the importer could not read or is unsure of.

    key: a cell id of the report's format (``t3.r1_new.natural``), a text key (``s1`` … ``s6``,
    ``preamble``) or a detail (``year``, ``agency``, ``date``).
    source: the text seen in the source there ("" when nothing was there at all).
    reason: a Chinese sentence for the clerk.
    """

    key: str
    source: str
    reason: str
    kind: str = UNREAD

    def as_dict(self) -> dict:
        return {"key": self.key, "source": self.source, "reason": self.reason, "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict) -> "Doubt":
        return cls(str(d["key"]), str(d["source"]), str(d["reason"]), str(d.get("kind", UNREAD)))


@dataclass
class ImportResult:
    report: Report
    kind: str  # "docx" | "html" | "pdf" | "xlsx" | "gknb"
    doubtful: list[Doubt] = field(default_factory=list)
    unused_lines: list[str] = field(default_factory=list)  # source lines not used, as seen
    messages: list[str] = field(default_factory=list)  # Chinese notes: what was detected and done
    source: str = ""  # the file's name, for messages

    @property
    def complete(self) -> bool:
        """Everything read with no doubt (the CLI's exit code 0)."""
        return not self.doubtful

    def doubts_for(self, key: str) -> list[Doubt]:
        return [d for d in self.doubtful if d.key == key]

    def doubtful_cells(self) -> dict[str, Doubt]:
        """Cell id → its first doubt (for marking the grids)."""
        cells = self.report.fmt.cells
        out: dict[str, Doubt] = {}
        for d in self.doubtful:
            if d.key in cells:
                out.setdefault(d.key, d)
        return out

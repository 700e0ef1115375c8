"""不再提示: warnings the clerk has looked at and set aside, kept in the draft.

A dismissal names the finding it sets aside the way the finding names itself: its rule, its
cells, its text, and — for a finding about one statement in a text — the words of that statement
(`quote`).  Matching on the words rather than on the offsets keeps a dismissal attached to its
sentence while the clerk edits elsewhere in the text, and lets it lapse when the sentence itself
is rewritten (then the finding is new and deserves a look).  Errors are never dismissed.

Every function here is pure: `dismiss` and `restore` return the new list, which the window applies
to the report as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.findings import ERROR, Finding

MAX_REASON = 200  # characters kept of a reason (a note, not an essay)


@dataclass(frozen=True)
class Dismissal:
    """A warning the clerk set aside (不再提示): the finding it matches, and why."""

    rule: str
    cells: tuple[str, ...] = ()
    text_key: str = ""
    span: tuple[int, int] | None = None  # where the statement was when dismissed (informative)
    quote: str = ""  # the statement's words, when the finding is about one statement
    reason: str = ""

    def to_json(self) -> dict:
        d: dict = {"rule": self.rule}
        if self.cells:
            d["cells"] = list(self.cells)
        if self.text_key:
            d["text_key"] = self.text_key
        if self.span is not None:
            d["span"] = list(self.span)
        if self.quote:
            d["quote"] = self.quote
        if self.reason:
            d["reason"] = self.reason
        return d

    @classmethod
    def from_json(cls, obj) -> "Dismissal":
        """Raises ValueError when obj is not a dismissal as this version writes it."""
        if not isinstance(obj, dict) or not isinstance(obj.get("rule"), str) or not obj["rule"]:
            raise ValueError("rule")
        cells = obj.get("cells", [])
        if not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
            raise ValueError("cells")
        span = obj.get("span")
        if span is not None:
            if not (isinstance(span, list) and len(span) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in span)
                    and span[0] <= span[1]):
                raise ValueError("span")
            span = (span[0], span[1])
        fields = {k: obj.get(k, "") for k in ("text_key", "quote", "reason")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise ValueError("text")
        return cls(obj["rule"], tuple(cells), fields["text_key"], span, fields["quote"],
                   fields["reason"][:MAX_REASON])


def can_dismiss(finding: Finding) -> bool:
    return finding.severity != ERROR


def _quote(finding: Finding, texts: dict[str, str]) -> str:
    """The statement a finding is about: its one span's words.  A finding about a whole text
    (several passages, or none) has no quote and is dismissed for that text."""
    if finding.span is None or finding.spans or not finding.text_key:
        return ""
    s, e = finding.span
    return texts.get(finding.text_key, "")[s:e]


def dismissal_for(finding: Finding, texts: dict[str, str], reason: str = "") -> Dismissal:
    return Dismissal(finding.rule, tuple(finding.cells), finding.text_key,
                     finding.span if _quote(finding, texts) else None, _quote(finding, texts),
                     reason.strip()[:MAX_REASON])


def matches(d: Dismissal, finding: Finding, texts: dict[str, str]) -> bool:
    if not can_dismiss(finding):
        return False
    if (d.rule, d.cells, d.text_key) != (finding.rule, tuple(finding.cells), finding.text_key):
        return False
    return d.quote == _quote(finding, texts)


def split(findings: list[Finding], dismissed: list[Dismissal], texts: dict[str, str]
          ) -> tuple[list[Finding], list[tuple[Finding, Dismissal]]]:
    """(findings still shown, [(finding, its dismissal)] set aside), each in the given order."""
    if not dismissed:
        return list(findings), []
    by_rule: dict[str, list[Dismissal]] = {}
    for d in dismissed:
        by_rule.setdefault(d.rule, []).append(d)
    active, aside = [], []
    for f in findings:
        d = next((d for d in by_rule.get(f.rule, ()) if matches(d, f, texts)), None)
        if d is None:
            active.append(f)
        else:
            aside.append((f, d))
    return active, aside


def dismiss(dismissed: list[Dismissal], finding: Finding, texts: dict[str, str],
            reason: str = "") -> list[Dismissal]:
    """The list with `finding` set aside (unchanged for an error or one already set aside)."""
    if not can_dismiss(finding) or any(matches(d, finding, texts) for d in dismissed):
        return list(dismissed)
    return list(dismissed) + [dismissal_for(finding, texts, reason)]


def restore(dismissed: list[Dismissal], finding: Finding, texts: dict[str, str]) -> list[Dismissal]:
    """The list without the dismissals that set `finding` aside."""
    return [d for d in dismissed if not matches(d, finding, texts)]

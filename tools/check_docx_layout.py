"""Does the Word export come out at 28 characters × 22 lines in LibreOffice?  (run by hand)

    python tools/check_docx_layout.py [--png DIR] [DRAFT_OR_DOCX ...]

Exports each draft (.gknb) as .docx with export.docx_report (a .docx is taken as it is), converts
it to PDF with LibreOffice under the bundled fonts only (tools/hermetic_fonts.py: the CJK glyphs
exist, no machine font changes the result), and measures the body lines in the PDF with
pdfplumber.  Without arguments: the two shipped samples and the long test reports.

What it checks, on every page (body lines: 3号 text inside the 156 mm text block):
- pitch: consecutive body lines stand a whole number of grid lines (579 twips) apart;
- 22 lines: no page holds more than 22 grid lines of body, and a page that a paragraph runs off
  holds exactly 22 (21 when the paragraph's last two lines went over together: widow control);
- 28 characters: every line of a paragraph but its last reaches the right edge of the block, and
  one of full-width characters only holds 28 (26 after the two-character indent), or one fewer
  where the next character may not start a line (「知》」 goes over together) or the line may not
  end with its last (「（」).  Lines with digits or Latin letters are only checked for the edge:
  their width is the fonts' business.

Prints what it found page by page, and exits 1 when a check fails, 2 when LibreOffice or the
converted PDF is missing.  CI has no LibreOffice: tests/test_docx_report.py checks the same
numbers in the document's XML; this tool shows that a real layout engine agrees.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from export import docx_styles as S  # noqa: E402
from tools.hermetic_fonts import write_config  # noqa: E402

PT_PER_MM = 72 / 25.4
BLOCK_LEFT = S.LEFT_MM * PT_PER_MM
BLOCK_TOP = S.TOP_MM * PT_PER_MM
BLOCK_W = S.BLOCK_W_TWIPS / 20
BLOCK_H = S.BLOCK_H_TWIPS / 20
PITCH = S.LINE_PITCH_TWIPS / 20
EM = S.BODY_PT
# LibreOffice keeps lengths in 1/100 mm: 579 twips become 28.94 pt; a glyph's box is placed to
# a few hundredths of a point.
TOLERANCE = 0.4
# Characters that may not start a line, and that may not end one (GB/T 15834's 标点 rules as
# Word, WPS and LibreOffice apply them).
NO_START = set("，。、；：？！）》〉」』】〕〗”’…—·%")
NO_END = set("（《〈「『【〔〖“‘")
DEFAULT_SOURCES = [*sorted((ROOT / "resources" / "samples").glob("*.gknb")),
                   *sorted((ROOT / "tests" / "data" / "long_reports").glob("*.gknb"))]


@dataclass
class Line:
    top: float  # the glyphs' top, pt from the page top
    x0: float
    x1: float
    text: str

    @property
    def indented(self) -> bool:
        return self.x0 > BLOCK_LEFT + EM / 2

    @property
    def full_width_only(self) -> bool:
        return all(unicodedata.east_asian_width(ch) in "WF" for ch in self.text)

    @property
    def reaches_right(self) -> bool:
        return self.x1 >= BLOCK_LEFT + BLOCK_W - EM / 2


@dataclass
class Page:
    number: int
    lines: list[Line]  # body lines, top to bottom
    others: list[float]  # tops of the other glyphs in the text block (title, tables)

    @property
    def starts_with_body(self) -> bool:
        """Nothing (title, table) above the first body line."""
        return bool(self.lines) and not any(t < self.lines[0].top for t in self.others)

    def between(self, a: Line, b: Line) -> bool:
        return any(a.top < t < b.top for t in self.others)


@dataclass
class Result:
    name: str
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    full_lines: dict[int, int] = field(default_factory=dict)  # characters → lines (full-width only)


def body_pages(pdf_path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rows: dict[float, list[dict]] = {}
            other_tops = []
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                inside = BLOCK_TOP - EM < ch["top"] < BLOCK_TOP + BLOCK_H
                if inside and abs(ch["size"] - EM) < 0.5:
                    key = next((k for k in rows if abs(k - ch["top"]) < 2), ch["top"])
                    rows.setdefault(key, []).append(ch)
                elif inside:
                    other_tops.append(ch["top"])
            lines = []
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                lines.append(Line(top, chars[0]["x0"], chars[-1]["x1"], "".join(c["text"] for c in chars)))
            pages.append(Page(number, lines, other_tops))
    return pages


def check(pages: list[Page], name: str) -> Result:
    result = Result(name, pages)
    for i, page in enumerate(pages):
        lines = page.lines
        following = pages[i + 1] if i + 1 < len(pages) else None
        # The first body line of the next page, when the page begins with it (not with a table).
        nxt = following.lines[0] if following is not None and following.starts_with_body else None
        # Pitch: within the page, body lines a whole number of grid lines apart.
        for a, b in zip(lines, lines[1:]):
            steps = (b.top - a.top) / PITCH
            if abs(steps - round(steps)) * PITCH > TOLERANCE and not page.between(a, b):
                result.problems.append(f"page {page.number}: lines at {a.top:.1f} and {b.top:.1f} pt "
                                       f"are {b.top - a.top:.2f} pt apart, not a multiple of {PITCH} pt")
        # 22 lines: counted in grid lines on a page of body text only (no title, no table).
        if lines and not page.others:
            used = round((lines[-1].top - lines[0].top) / PITCH) + 1
            runs_off = nxt is not None and not nxt.indented  # a paragraph continued over the page
            if used > S.LINES_PER_PAGE:
                result.problems.append(f"page {page.number}: {used} grid lines of body, more than {S.LINES_PER_PAGE}")
            elif runs_off and used < S.LINES_PER_PAGE:
                carried = _lines_of_paragraph_start(following.lines)
                if not (used == S.LINES_PER_PAGE - 1 and carried == 2):
                    result.problems.append(f"page {page.number}: a paragraph runs on to the next page "
                                           f"after {used} lines, not {S.LINES_PER_PAGE}")
        # 28 characters: every line but a paragraph's last.
        for j, line in enumerate(lines):
            after = lines[j + 1] if j + 1 < len(lines) else nxt
            if after is None or after.indented:
                continue  # the paragraph's last line (or a heading): any length
            if not line.reaches_right:
                result.problems.append(f"page {page.number}: line 「{line.text}」 stops short of the "
                                       f"right edge ({line.x1:.1f} pt) though its paragraph goes on")
            if not line.full_width_only:
                continue
            n = len(line.text)
            result.full_lines[n] = result.full_lines.get(n, 0) + 1
            want = S.CHARS_PER_LINE - (S.INDENT_CHARS if line.indented else 0)
            if n != want and not _line_break_rule(n, want, line.text, after.text):
                result.problems.append(f"page {page.number}: {n} characters, not {want}: "
                                       f"「{line.text}」 before 「{after.text[:6]}」")
    return result


def _line_break_rule(n: int, want: int, text: str, following: str) -> bool:
    """Whether a line of `n` full-width characters instead of `want` is what Chinese line breaking
    (禁则) makes of it, `following` being the next line of the paragraph."""
    if n == want + 1:
        return text[-1] in NO_START  # a closing mark hangs in the margin (Word's 允许标点溢出边界)
    if n >= want:
        return False
    opening = len(following) - len(following.lstrip("".join(NO_END)))
    if opening < len(following) and unicodedata.east_asian_width(following[opening]) not in "WF":
        return True  # a number or Latin word (behind any opening mark) that does not fit whole
    if n != want - 1:
        return False
    # One character went over: an opening mark that may not end the line, or the character
    # before a closing mark that may not start the next one (推出).
    return following[:1] in NO_END or following[1:2] in NO_START or text[-1:] in NO_END


def _lines_of_paragraph_start(lines: list[Line]) -> int:
    """How many lines the paragraph continued at the top of a page has there."""
    n = 0
    for line in lines:
        if n and line.indented:
            break
        n += 1
    return n


def to_docx(source: Path, folder: Path) -> Path:
    if source.suffix.lower() == ".docx":
        return source
    from export.docx_report import write_docx
    from model.draft_io import load_draft

    out = folder / (source.stem + ".docx")
    write_docx(load_draft(source), out)
    return out


def to_pdf(docx: Path, folder: Path) -> Path:
    """LibreOffice, headless, with its own throwaway profile (others may be running it) and
    only the bundled fonts."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise SystemExit("check_docx_layout: LibreOffice is not installed")
    env = dict(os.environ, FONTCONFIG_FILE=str(write_config(folder / "fonts")))
    profile = (folder / "profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    pdf = folder / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise SystemExit(f"check_docx_layout: LibreOffice wrote no PDF for {docx}")
    return pdf


def report(result: Result) -> None:
    print(f"== {result.name}: {len(result.pages)} pages")
    for page in result.pages:
        if page.lines:
            used = round((page.lines[-1].top - page.lines[0].top) / PITCH) + 1
            print(f"  page {page.number}: {len(page.lines)} body lines over {used} grid lines"
                  f"{'' if page.starts_with_body else ' (below a title or table)'}")
    counts = ", ".join(f"{n}: {k}" for n, k in sorted(result.full_lines.items(), reverse=True))
    print(f"  full lines of full-width characters only, by length: {counts or 'none'}")
    for problem in result.problems:
        print(f"  FAIL {problem}")
    if not result.problems:
        print("  ok")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--png", type=Path, help="also render every page at 50 dpi into this folder")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="docx-layout-") as tmp:
        folder = Path(tmp)
        for source in args.sources or DEFAULT_SOURCES:
            pdf = to_pdf(to_docx(source, folder), folder)
            result = check(body_pages(pdf), source.name)
            report(result)
            failed |= bool(result.problems)
            if args.png:
                args.png.mkdir(parents=True, exist_ok=True)
                subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(args.png / pdf.stem)], check=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

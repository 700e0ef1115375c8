"""Make the PDF fixtures of the import tests: Word files built by tests/import_sources.py, converted to
PDF by LibreOffice as a clerk's office suite would export them.

    python tools/make_import_fixtures.py            # writes tests/data/import/*-libreoffice.pdf

LibreOffice is needed only here (CI does not have it): the PDFs are committed.  Their numbers are the
hand-written expectations of tests/import_sources.py, which the tests check cell by cell.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import import_sources as S  # noqa: E402

FIXTURES = {
    "a-template-libreoffice": S.build_a_docx,  # the official template filled in
    "b-variants-libreoffice": S.build_b_docx,  # other numbering, split blocks, typos, one-row （六）
    "c-2019-libreoffice": S.build_c_docx,  # the 2019 trial layout
}


def main() -> int:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        print("LibreOffice is not installed; the committed PDFs stay as they are.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        # The app's bundled Chinese fonts, so that the PDFs look like a clerk's (this machine has none).
        conf = tmp_path / "fonts.conf"
        conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                        f'<dir>{ROOT / "resources" / "fonts"}</dir></fontconfig>', encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(conf))
        for stem, build in FIXTURES.items():
            docx = tmp_path / f"{stem}.docx"
            docx.write_bytes(build())
            # A private profile: no interference with (or from) a running LibreOffice.
            profile = (tmp_path / "profile").as_uri()
            subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180, env=env)
            target = S.DATA / f"{stem}.pdf"
            shutil.copyfile(tmp_path / f"{stem}.pdf", target)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

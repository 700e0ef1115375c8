"""Cheap checks of the packaging files (no PyInstaller build): the spec bundles what the app
reads, the Linux desktop entry and MIME type are valid and install per user, the Windows
scripts are safe to run, and the icon files are what they claim."""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

from model.draft_io import EXTENSION
from system_tools import require

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "nianbao.spec"
DESKTOP = PACKAGING / "linux" / "nianbao.desktop"
MIME_XML = PACKAGING / "linux" / "nianbao-draft.xml"
INSTALL_LINUX = PACKAGING / "linux" / "install-linux.sh"
WINDOWS = PACKAGING / "windows"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME_TYPE = "application/x-nianbao-draft"
SHARED_MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


# --- the PyInstaller spec, executed with stand-ins for PyInstaller's build classes -------------

class Recorder:
    """Stands in for Analysis / PYZ / EXE / COLLECT: keeps the arguments it was built with.

    As Analysis it also reports a few of the files PyInstaller's Qt hooks would collect, so the
    spec's filters have something to filter."""
    made: list["Recorder"] = []
    HOOK_DATAS = [("PySide6/Qt/translations/qtbase_zh_CN.qm", "/qt/qtbase_zh_CN.qm", "DATA"),
                  ("PySide6/Qt/translations/qtbase_de.qm", "/qt/qtbase_de.qm", "DATA")]
    HOOK_BINARIES = [("PySide6/opengl32sw.dll", "/qt/opengl32sw.dll", "BINARY"),
                     ("PySide6/Qt6Pdf.dll", "/qt/Qt6Pdf.dll", "BINARY")]

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts = [], []
        self.binaries = list(self.HOOK_BINARIES)
        self.datas = [(dest, src, "DATA") for src, dest in kwargs.get("datas", [])]
        self.datas += self.HOOK_DATAS
        Recorder.made.append(self)


def run_spec(tmp_path, monkeypatch, platform="linux"):
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_all = lambda package: ([], [], [f"{package}.stand_in"])
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    kinds = {k: type(k, (Recorder,), {}) for k in ("Analysis", "PYZ", "EXE", "COLLECT")}
    (tmp_path / "nianbao").mkdir()
    namespace = {"SPECPATH": str(PACKAGING), "DISTPATH": str(tmp_path), "__file__": str(SPEC),
                 **kinds}
    Recorder.made = []
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    by_kind = {}
    for obj in Recorder.made:
        by_kind.setdefault(type(obj).__name__, []).append(obj)
    return by_kind, namespace


def test_spec_bundles_every_resource_folder_and_the_version_source(tmp_path, monkeypatch):
    made, _ = run_spec(tmp_path, monkeypatch)
    datas = made["Analysis"][0].kwargs["datas"]
    bundled = {dest: Path(src) for src, dest in datas}
    for folder in sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir()):
        assert f"resources/{folder}" in bundled, f"resources/{folder} is not bundled"
        assert bundled[f"resources/{folder}"] == ROOT / "resources" / folder
    assert (ROOT / "pyproject.toml", ".") in [(Path(s), d) for s, d in datas]


def test_spec_collects_every_app_module_and_reportlab_openpyxl(tmp_path, monkeypatch):
    made, _ = run_spec(tmp_path, monkeypatch)
    hidden = set(made["Analysis"][0].kwargs["hiddenimports"])
    for pkg in ("gui", "model", "export"):
        for path in (ROOT / pkg).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if path.stem == "__init__" else parts)
            assert name in hidden, f"{name} would be missing from the bundle"
    assert {"export.pdf_report", "export.cli", "gui.app"} <= hidden or not (
        ROOT / "export" / "pdf_report.py").exists()
    assert {"model.importing", "model.importing.read_docx"} <= hidden
    assert {"reportlab.stand_in", "openpyxl.stand_in", "docx.stand_in", "pdfplumber.stand_in",
            "pdfminer.stand_in", "lxml.stand_in"} <= hidden


def imported_modules() -> set[str]:
    names = set()
    for path in [ROOT / "main.py", *[p for pkg in ("gui", "model", "export")
                                     for p in (ROOT / pkg).rglob("*.py")]]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names


def test_spec_excludes_nothing_the_app_imports(tmp_path, monkeypatch):
    made, _ = run_spec(tmp_path, monkeypatch)
    excludes = made["Analysis"][0].kwargs["excludes"]
    used = imported_modules()
    assert "PySide6.QtPdf" in used and "PySide6.QtPrintSupport" in used
    clash = sorted(m for m in used for x in excludes if m == x or m.startswith(x + "."))
    assert clash == [], f"excluded but imported: {clash}"
    assert any(x.startswith("PySide6.") for x in excludes)


def test_spec_makes_a_windowed_one_folder_app_with_the_icon(tmp_path, monkeypatch):
    made, ns = run_spec(tmp_path, monkeypatch)
    [exe] = made["EXE"]
    assert exe.kwargs["console"] is False
    assert exe.kwargs["exclude_binaries"] is True  # one folder: binaries go to COLLECT
    assert Path(exe.kwargs["icon"]) == ICONS / "nianbao.ico"
    assert exe.kwargs["name"] == "nianbao"
    assert len(made["COLLECT"]) == 1 and made["COLLECT"][0].kwargs["name"] == "nianbao"
    # The Linux build puts the per-user install script beside the program.
    for name in ("install-linux.sh", "nianbao.desktop", "nianbao-draft.xml"):
        assert (tmp_path / "nianbao" / name).is_file()


def test_spec_keeps_only_chinese_qt_translations_and_no_software_opengl(tmp_path, monkeypatch):
    made, _ = run_spec(tmp_path, monkeypatch)
    analysis = made["Analysis"][0]
    names = [Path(dest).name for dest, _, _ in analysis.datas + analysis.binaries]
    assert "qtbase_zh_CN.qm" in names and "qtbase_de.qm" not in names
    assert "Qt6Pdf.dll" in names and "opengl32sw.dll" not in names
    assert "2021.json" not in names  # resources go in as folders, not filtered away
    assert any(dest == "resources/formats" for dest, _, _ in analysis.datas)


def test_spec_version_is_pyprojects(tmp_path, monkeypatch):
    import tomllib
    _, ns = run_spec(tmp_path, monkeypatch)
    with open(ROOT / "pyproject.toml", "rb") as f:
        assert ns["VERSION"] == tomllib.load(f)["project"]["version"]


def test_windows_build_adds_a_console_twin_and_the_install_scripts(tmp_path, monkeypatch):
    # The real versioninfo module needs pefile, which only Windows builds install.
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo",
                        _versioninfo_stand_in())
    made, ns = run_spec(tmp_path, monkeypatch, platform="win32")
    consoles = {e.kwargs["name"]: e.kwargs["console"] for e in made["EXE"]}
    assert consoles == {"nianbao": False, "nianbao-cli": True}
    version = made["EXE"][0].kwargs["version"]
    numbers = tuple(int(x) for x in ns["VERSION"].split("."))
    assert version.kwargs["ffi"].kwargs["filevers"][:len(numbers)] == numbers
    for name in ("install.cmd", "uninstall.cmd", "install.ps1"):
        assert (tmp_path / "nianbao" / name).is_file()


def _versioninfo_stand_in():
    mod = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("FixedFileInfo", "StringFileInfo", "StringStruct", "StringTable", "VarFileInfo",
                 "VarStruct", "VSVersionInfo"):
        setattr(mod, name, type(name, (), {"__init__": lambda self, *a, **k: setattr(
            self, "kwargs", k) or setattr(self, "args", a)}))
    return mod


# --- Linux desktop entry, MIME type, per-user install -----------------------------------------

def test_desktop_entry_is_valid():
    validator = require("desktop-file-validate")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "年报助手"
    assert d["Exec"].split()[-1] == "%f"  # the draft double-clicked arrives as argv[1]
    assert d["MimeType"] == f"{MIME_TYPE};"
    assert d["Terminal"] == "false"
    assert (ICONS / f"{d['Icon']}-48.png").is_file()


def test_mime_type_matches_the_draft_extension():
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{SHARED_MIME_NS}mime-info"
    [mtype] = root.findall(f"{SHARED_MIME_NS}mime-type")
    assert mtype.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mtype.findall(f"{SHARED_MIME_NS}glob")] == [f"*{EXTENSION}"]
    assert mtype.find(f"{SHARED_MIME_NS}comment").text == "年报助手草稿"


def test_linux_install_and_uninstall_per_user(tmp_path):
    data = tmp_path / "share"
    program = tmp_path / "app dir" / "nianbao"  # a space in the path must survive quoting
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    subprocess.run(["bash", str(INSTALL_LINUX), str(program)], env=env, check=True,
                   capture_output=True)
    desktop = (data / "applications" / "nianbao.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}" %f' in desktop.splitlines()
    assert (data / "mime" / "packages" / "nianbao-draft.xml").is_file()
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "nianbao.png").is_file()
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes"
                / "application-x-nianbao-draft.png").is_file()
    require("update-mime-database")  # install-linux.sh runs it when present: it must have run
    globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}:*{EXTENSION}" in globs
    subprocess.run(["bash", str(INSTALL_LINUX), "--uninstall"], env=env, check=True,
                   capture_output=True)
    assert not (data / "applications" / "nianbao.desktop").exists()
    assert not list(data.rglob("nianbao*.png"))


def test_linux_install_without_a_program_says_so(tmp_path):
    lone = tmp_path / "linux"
    shutil.copytree(PACKAGING / "linux", lone)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "HOME": str(tmp_path)}
    result = subprocess.run(["bash", str(lone / "install-linux.sh")], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "找不到年报助手程序" in result.stderr


# --- Windows scripts: parsed as Windows would read them ---------------------------------------

def test_cmd_wrappers_are_ascii_with_crlf():
    for name in ("install.cmd", "uninstall.cmd"):
        raw = (WINDOWS / name).read_bytes()
        raw.decode("ascii")  # cmd.exe reads batch files in the OEM code page: stay ASCII
        assert b"\n" not in raw.replace(b"\r\n", b"")
        assert b"-ExecutionPolicy Bypass -File \"%~dp0install.ps1\"" in raw


def test_powershell_script_is_utf8_with_bom_and_per_user_only():
    raw = (WINDOWS / "install.ps1").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "PowerShell 5.1 needs the BOM to read UTF-8"
    text = raw[3:].decode("utf-8")
    assert "HKCU:\\Software\\Classes" in text and "HKLM" not in text
    assert f"$ext = '{EXTENSION}'" in text
    assert "[Environment]::GetFolderPath('Programs')" in text  # Start menu of this user
    # Curly double quotes end a PowerShell string; a $name followed by a Chinese character
    # would be read as one (undefined) variable.
    assert not re.search("[\u201c\u201d]", text)
    assert not re.search(r"\$[A-Za-z_]\w*?[\u3400-\u9fff]", text, re.ASCII)


# --- the icon files ---------------------------------------------------------------------------

def test_icon_pngs_have_their_sizes(qapp):
    from PySide6.QtGui import QImage
    for size in ICON_SIZES:
        img = QImage(str(ICONS / f"nianbao-{size}.png"))
        assert (img.width(), img.height()) == (size, size)
        assert img.hasAlphaChannel()


def test_ico_holds_every_size_as_png(qapp):
    from PySide6.QtGui import QImage
    data = (ICONS / "nianbao.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(ICON_SIZES))
    seen = []
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        blob = data[offset:offset + length]
        assert blob.startswith(b"\x89PNG") and planes == 1 and bpp == 32
        img = QImage.fromData(blob)
        assert (img.width(), img.height()) == ((w or 256), (h or 256))
        seen.append(img.width())
    assert seen == list(ICON_SIZES)

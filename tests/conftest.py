"""Shared test setup.  Qt must run offscreen and see only the bundled fonts: both are set before
anything starts Qt."""

import importlib.util
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _load_hermetic_fonts():
    spec = importlib.util.spec_from_file_location("hermetic_fonts", ROOT / "tools" / "hermetic_fonts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hermetic_fonts = _load_hermetic_fonts()
# Hermetic fonts (tools/hermetic_fonts.py): every machine measures text in the fonts the app ships,
# whatever it has installed.  tools/run_tests.sh sets the same file; this covers a bare `pytest`.
SYSTEM_FONTS = os.environ.get("NIANBAO_TEST_SYSTEM_FONTS") == "1"
if not SYSTEM_FONTS:
    os.environ["FONTCONFIG_FILE"] = str(hermetic_fonts.write_config())

import pytest  # noqa: E402

import gui  # noqa: E402,F401  (applies the PySide6 6.12 reference-count work-around first)


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls):
    """pytest-qt's QApplication, set up exactly as the app sets itself up (gui/qt_setup.py:
    high-DPI policy, Qt's Chinese translations, the bundled CJK font, the UI point size), so
    that every window test measures and draws what a clerk sees."""
    from PySide6.QtWidgets import QApplication

    from gui.qt_setup import configure_before_app, setup_application

    app = QApplication.instance()
    if app is None:
        configure_before_app()
        app = qapp_cls(qapp_args)
    setup_application(app)
    yield app


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's documents or settings: every test gets its own folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NIANBAO_HOME", str(home))
    yield


@pytest.fixture(scope="session", autouse=True)
def _shipped_sample_stays_untouched():
    """The sample is opened as a copy, never the original: no test may leave a lock or a change."""
    samples = ROOT / "resources" / "samples"
    before = {p.name: p.read_bytes() for p in samples.iterdir()}
    yield
    after = {p.name: p.read_bytes() for p in samples.iterdir()}
    assert after == before, "a test changed resources/samples (a lock file, a save over the sample?)"


@pytest.fixture(scope="session", autouse=True)
def _clipboard_released_before_exit():
    """Tests put Python-made QMimeData on the clipboard; Qt would delete it after Python has
    finalized and crash the process (see gui/app.py release_clipboard)."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()


def pytest_sessionfinish(session, exitstatus):
    """A worker process left running would make Python's exit wait for it for ever
    (multiprocessing joins its children at exit): the run would print its result and then hang
    until CI gives up.  Seen once with CPython 3.11's pool race (docs/reliability.md).  Such a
    child is ended here and the run fails, naming it, instead."""
    import multiprocessing

    left = [p for p in multiprocessing.active_children() if not _ends_soon(p)]
    if not left:
        return
    for p in left:
        p.kill()
        p.join(5)
    names = ", ".join(f"{p.name} (pid {p.pid})" for p in left)
    writer = session.config.get_terminal_writer()
    writer.line()
    writer.line(
        f"FAILED: worker processes still running at the end of the tests, ended now: {names}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _ends_soon(process, seconds: float = 10.0) -> bool:
    process.join(seconds)
    return not process.is_alive()

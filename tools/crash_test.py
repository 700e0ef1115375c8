"""Kill a process that is saving a draft, hundreds of times, and prove nothing is ever lost.

    python3 tools/crash_test.py                    500 kills of save_draft + 500 of RecoverySlot.write
    python3 tools/crash_test.py --kills 30 --json  the short run the test suite uses
    python3 tools/crash_test.py --mode draft --kills 2000 --seed 7

A child process (forked, so a kill costs milliseconds rather than a Python start) saves one
report again and again, each version a little different and a little longer, announcing
"begin N" / "end N" on a pipe around every save.  The parent kills it with SIGKILL after a random
delay, reaps it, and then checks what a clerk would find:

* the draft (or, failing that, its .bak) loads with `load_with_backup`;
* it holds exactly version N-1 or N (the save in flight) — byte for byte the report of that
  version, never a mix of two versions and never nothing; after "end N", exactly N;
* for autosave (`RecoverySlot.write`) the next start's `pending_recoveries()` offers exactly one
  recovery copy, again exactly version N-1 or N.  Each child is a new window: its slot is named
  after its own pid, and it first claims the previous child's copy (`model.recovery.claim`, a
  rename) as a restarting window does, so the kill also lands in the claim;
* temp files a kill leaves behind are never taken for a draft: their names do not end in .gknb,
  the draft folder's *.gknb listing and pending_recoveries() do not contain them.

It also classifies where each kill landed (before the temp file existed, while writing it, while
copying the .bak, after the .bak but before the rename, after the rename, between saves), judged
from the state on disk and the last announcement read from the pipe.

A second part kills the real window while a clerk types (`--typing N`): a child process runs
the app offscreen on a copy of the sample, types Chinese into 一、总体情况 through input-method
commits (as an IME delivers them) every 40 ms, and is SIGKILLed after a random 1.5–4 s.  The next
start is a new app process that answers 恢复 to the recovery question and types on, so each round
also proves that the previous round's copy was offered.  After each kill the recovery copy must
hold the text as it was at some keystroke, and the input lost (from the first keystroke missing
from the copy to the kill) must be at most 2 s.

POSIX only (fork, SIGKILL).  Exit status 0 when every kill passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model.atomic_file import backup_path  # noqa: E402
from model.draft_io import dumps, load_draft, load_with_backup, save_draft  # noqa: E402
from model.errors import DraftReadError  # noqa: E402
from model.report import Report  # noqa: E402
from model.samples import seed_path  # noqa: E402

DRAFT_NAME = "崩溃测试.gknb"
MAX_DELAY_S = 0.025  # about eight saves of this report on a 2-core VM: kills land all over the cycle


# -- the report of version N: deterministic, so a loaded report can be compared exactly ---------
def make_report(version: int) -> Report:
    report = Report.new(2021, agency=f"崩溃测试机关第{version}版")
    body = "本段为第{v}版正文，保存中被强行结束也不应丢失。".format(v=version)
    report.texts["s1"] = body * (1 + version % 60)  # grows, then starts over: sizes vary widely
    report.texts["s6"] = f"版本 {version}"
    ids = [c for c in report.fmt.input_ids if report.fmt.cells[c].type != "decimal"]
    for i, cid in enumerate(ids[: 1 + version % len(ids)]):
        report.cells[cid] = version + i
    return report


def version_of(report: Report) -> int | None:
    """The version a loaded report claims to be, if it is exactly that version's content."""
    tail = report.agency.removeprefix("崩溃测试机关第").removesuffix("版")
    if not tail.isdigit():
        return None
    v = int(tail)
    clean = Report(report.format_id, report.year, report.agency, report.date, dict(report.texts),
                   dict(report.cells), dict(report.units))
    return v if dumps(clean) == dumps(make_report(v)) else None


# -- the child ---------------------------------------------------------------------------------
def _child(mode: str, draft: Path, start: int, wfd: int, claim_from: Path | None = None) -> None:
    """Save versions start+1, start+2, ... until killed.  Never returns."""
    try:
        if mode == "recovery":
            from model.recovery import Recovery, RecoverySlot, claim

            slot = RecoverySlot(draft)
            if claim_from is not None:  # the previous window's copy becomes this window's slot
                claimed = claim(Recovery(claim_from, "", 0.0, None))
                if claimed is not None:
                    slot.path = claimed.path
            save = slot.write
        elif mode == "naive":  # the harness's own control: a save that is NOT atomic must be caught
            def save(report):
                data = dumps(report)
                with open(draft, "wb") as f:
                    f.write(data[: len(data) // 2])
                    f.flush()
                    os.fsync(f.fileno())
                    f.write(data[len(data) // 2:])
        else:
            def save(report):
                save_draft(draft, report)
        v = start
        while True:
            v += 1
            report = make_report(v)  # built before "begin": the kill must land in the save itself
            os.write(wfd, f"b{v}\n".encode())
            save(report)
            os.write(wfd, f"e{v}\n".encode())
    except BaseException as exc:  # a save that fails is a finding too; report it and stop
        try:
            os.write(wfd, f"x{type(exc).__name__}: {exc}\n".encode())
        finally:
            os._exit(3)


def _spawn(mode: str, draft: Path, start: int, delay: float,
           claim_from: Path | None = None) -> tuple[int, int, str, int]:
    """Fork a saver, kill it after `delay` s; returns (begun, ended, error, exit status)."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        _child(mode, draft, start, wfd, claim_from)
        os._exit(4)
    os.close(wfd)
    time.sleep(delay)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)  # reap first: a zombie still counts as a live pid
    chunks = []
    while True:
        b = os.read(rfd, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(rfd)
    begun = ended = start
    error = ""
    for line in b"".join(chunks).decode("utf-8", "replace").splitlines():
        if line.startswith("b"):
            begun = int(line[1:])
        elif line.startswith("e"):
            ended = int(line[1:])
        elif line.startswith("x"):
            error = line[1:]
    return begun, ended, error, status


def _temp_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(".tmp")}


# -- the parent --------------------------------------------------------------------------------
@dataclass
class Stats:
    mode: str
    kills: int = 0
    saves_completed: int = 0
    phases: collections.Counter = field(default_factory=collections.Counter)
    held_previous: int = 0  # the version before the save in flight
    held_new: int = 0  # the save in flight had already landed
    loaded_from_backup: int = 0
    temp_files_left: int = 0
    temp_files_at_end: int = 0  # a later save removes a dead process's temp files: at most the last kill's
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"mode": self.mode, "kills": self.kills, "saves_completed": self.saves_completed,
                "phases": dict(self.phases), "held_previous": self.held_previous,
                "held_new": self.held_new, "loaded_from_backup": self.loaded_from_backup,
                "temp_files_left": self.temp_files_left, "temp_files_at_end": self.temp_files_at_end,
                "failures": self.failures[:20],
                "n_failures": len(self.failures), "seconds": round(self.seconds, 1)}


def run_kills(mode: str, kills: int, seed: int, folder: Path) -> Stats:
    """`kills` SIGKILLs of a process saving in `mode` inside `folder`.

    "draft" saves with save_draft, "recovery" with RecoverySlot.write; "naive" writes the file in
    place (truncate, write) — a control that must fail, proving the checks can see a loss.
    """
    if mode not in ("draft", "recovery", "naive"):
        raise ValueError(mode)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["NIANBAO_HOME"] = str(folder / "home")  # recovery copies go to home/state/recovery
    draft = folder / DRAFT_NAME
    stats = Stats(mode)
    t0 = time.perf_counter()

    if mode in ("draft", "naive"):
        save_draft(draft, make_report(0))
        watch = folder
    else:
        from model.recovery import RecoverySlot, pending_recoveries, recovery_dir

        # Version 0 is written by a process that has ended, as a crashed session would leave it.
        pid = os.fork()
        if pid == 0:
            RecoverySlot(draft).write(make_report(0))
            os._exit(0)
        os.waitpid(pid, 0)
        watch = recovery_dir()
    current = 0
    claim_from = pending_recoveries()[0].path if mode == "recovery" else None

    for i in range(kills):
        temps_before = _temp_files(watch)
        bak_before = _read_version(backup_path(draft)) if mode == "draft" else None
        begun, ended, error, status = _spawn(mode, draft, current, rng.uniform(0, MAX_DELAY_S), claim_from)
        stats.kills += 1
        stats.saves_completed += ended - current
        where = f"kill {i + 1} (versions {current}→{begun}, last finished {ended})"
        if error:
            stats.failures.append(f"{where}: the save itself failed: {error}")
            break
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            stats.failures.append(f"{where}: child ended by itself (status {status})")
        new_temps = _temp_files(watch) - temps_before
        stats.temp_files_left += len(new_temps)

        if mode in ("draft", "naive"):
            try:
                report, from_bak = load_with_backup(draft)
            except DraftReadError as exc:
                stats.failures.append(f"{where}: neither the draft nor its .bak loads: {exc}")
                break
            stats.loaded_from_backup += from_bak
            if sorted(p.name for p in folder.glob("*.gknb")) != [DRAFT_NAME]:
                stats.failures.append(f"{where}: a leftover file looks like a draft: "
                                      f"{sorted(p.name for p in folder.glob('*.gknb'))}")
        else:
            recs = pending_recoveries()
            if len(recs) != 1:
                stats.failures.append(f"{where}: {len(recs)} recovery copies offered, expected 1")
                break
            report = recs[0].report
            claim_from = recs[0].path
            if report is None:
                stats.failures.append(f"{where}: the recovery copy cannot be read: {recs[0].problem}")
                break
            if recs[0].original != str(draft.resolve()):
                stats.failures.append(f"{where}: recovery names {recs[0].original!r}")

        v = version_of(report)
        allowed = {begun} if ended == begun else {begun - 1, begun}
        if v not in allowed:
            stats.failures.append(f"{where}: holds {'a mix / unknown content' if v is None else f'version {v}'},"
                                  f" expected one of {sorted(allowed)}")
            break
        if any(n.endswith(".gknb") for n in new_temps):
            stats.failures.append(f"{where}: temp file named like a draft: {new_temps}")
        stats.held_new += v == begun and ended != begun
        stats.held_previous += v == begun - 1
        stats.phases[_phase(mode, draft, begun, ended, v, bak_before, new_temps)] += 1
        current = v
    stats.temp_files_at_end = len(_temp_files(watch))
    stats.seconds = time.perf_counter() - t0
    return stats


def _read_version(path: Path) -> int | None:
    try:
        return version_of(load_draft(path))
    except DraftReadError:
        return None


def _phase(mode, draft, begun, ended, v, bak_before, new_temps) -> str:
    """Where in the save the kill landed, judged from the disk afterwards."""
    if ended == begun:
        return "between saves (last save had returned)"
    if v == begun:
        return "after the rename, before save returned"
    main_temp = any(not n.startswith(f".{DRAFT_NAME}.bak.") for n in new_temps)
    if mode == "draft":
        if any(n.startswith(f".{DRAFT_NAME}.bak.") for n in new_temps):
            return "while copying the .bak"
        bak_now = _read_version(backup_path(draft))
        if main_temp and bak_now == begun - 1 and bak_before != bak_now:
            return "after the .bak, before the rename"
    if main_temp:
        return "while writing the temp file"
    return "before the temp file existed"


# -- killing the window while typing -----------------------------------------------------------
TYPED = "政务公开工作稳步推进，群众满意度持续提升。"  # what the simulated clerk keeps typing
KEY_INTERVAL_MS = 40
MAX_LOST_S = 2.0


def typed_text(n: int, start: int = 0) -> str:
    return "".join(TYPED[(start + i) % len(TYPED)] for i in range(n))


def typing_child(draft: Path, start: int, idle: bool = False) -> None:
    """The app, offscreen, on `draft`; answers 恢复 if offered one; types until killed (or, idle,
    just sits there)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    import gui.file_controller
    from gui.qt_setup import configure_before_app, setup_application

    offered = []
    gui.file_controller.ask_restore = lambda _parent, recs: offered.append(len(recs)) or True
    configure_before_app()
    app = QApplication([sys.argv[0]])
    setup_application(app)
    from gui.main_window import MainWindow

    window = MainWindow(draft)
    window.show()
    window.tabs.setCurrentWidget(window.pages["s1"])
    editor = window.findChild(QPlainTextEdit, "s1")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    base = window.doc.report.text("s1")
    print(json.dumps({"ready": time.time(), "offered": offered, "base": base}, ensure_ascii=False),
          flush=True)
    i = 0

    def key():
        nonlocal i
        ev = QInputMethodEvent()
        ev.setCommitString(typed_text(1, start + i))
        QApplication.sendEvent(editor, ev)
        print(f"k {i} {time.time():.6f}", flush=True)
        i += 1

    from PySide6.QtCore import QTimer

    timer = QTimer(interval=KEY_INTERVAL_MS)
    timer.timeout.connect(key)
    if not idle:
        timer.start()
    app.exec()


@dataclass
class TypingStats:
    kills: int = 0
    keystrokes: int = 0
    lost_keystrokes: list[int] = field(default_factory=list)
    lost_seconds: list[float] = field(default_factory=list)
    recovery_offered: int = 0  # starts (after the first) that offered the previous crash's copy
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        ls = sorted(self.lost_seconds)
        return {"kills": self.kills, "keystrokes": self.keystrokes,
                "lost_keystrokes_max": max(self.lost_keystrokes, default=0),
                "lost_seconds_max": round(ls[-1], 3) if ls else 0.0,
                "lost_seconds_median": round(ls[len(ls) // 2], 3) if ls else 0.0,
                "recovery_offered": self.recovery_offered, "failures": self.failures[:20],
                "n_failures": len(self.failures), "seconds": round(self.seconds, 1)}


def run_typing_kills(kills: int, seed: int, folder: Path) -> TypingStats:
    import shutil
    import subprocess

    from model.recovery import pending_recoveries

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    home = folder / "home"
    env = dict(os.environ, NIANBAO_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    os.environ["NIANBAO_HOME"] = str(home)
    draft = folder / "示例.gknb"
    shutil.copyfile(seed_path(), draft)
    stats = TypingStats()
    t0 = time.perf_counter()
    expected_base = load_draft(draft).text("s1")
    typed_so_far = 0  # characters of TYPED already in the text (the next child continues from here)
    for n in range(kills):
        where = f"typing kill {n + 1}"
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--typing-child",
                                 str(draft), "--start", str(typed_so_far)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        try:
            ready = json.loads(first)
        except ValueError:
            proc.kill()
            err = proc.communicate()[1].decode("utf-8", "replace")
            stats.failures.append(f"{where}: the app did not start: {first!r} {err[-2000:]}")
            break
        if n > 0:
            stats.recovery_offered += bool(ready["offered"])
            if not ready["offered"]:
                stats.failures.append(f"{where}: the next start did not offer the recovery copy")
        if ready["base"] != expected_base:
            stats.failures.append(f"{where}: the app started with other text than the recovery copy")
        time.sleep(rng.uniform(1.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        t_kill = time.time()
        out, err = proc.communicate()
        stats.kills += 1
        keys = [float(line.split()[2]) for line in out.decode().splitlines() if line.startswith("k ")]
        stats.keystrokes += len(keys)
        if "Traceback" in err.decode("utf-8", "replace"):
            stats.failures.append(f"{where}: the app raised: {err.decode('utf-8', 'replace')[-2000:]}")
        recs = pending_recoveries()
        if len(recs) != 1:
            stats.failures.append(f"{where}: {len(recs)} recovery copies after the kill, expected 1")
            break
        text = recs[0].report.text("s1")
        got = text[len(ready["base"]):] if text.startswith(ready["base"]) else None
        k = len(got) if got is not None else -1
        if got is None or got != typed_text(k, typed_so_far) or k > len(keys):
            stats.failures.append(f"{where}: the recovery copy is not the text at any keystroke")
            break
        lost = len(keys) - k
        stats.lost_keystrokes.append(lost)
        stats.lost_seconds.append(t_kill - keys[k] if lost else 0.0)
        if lost and t_kill - keys[k] > MAX_LOST_S:
            stats.failures.append(f"{where}: {t_kill - keys[k]:.2f} s of typing lost ({lost} keystrokes)")
        typed_so_far += k
        expected_base = text
    stats.seconds = time.perf_counter() - t0
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=500, help="kills per mode (default 500)")
    ap.add_argument("--mode", choices=("draft", "recovery", "both", "naive"), default="both",
                    help="naive = a non-atomic saver, the control that must fail")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a fresh temp folder)")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ap.add_argument("--typing", type=int, default=0, metavar="N",
                    help="also kill the real window N times while typing (needs PySide6)")
    ap.add_argument("--typing-child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--idle", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.typing_child:
        typing_child(args.typing_child, args.start, args.idle)
        return 0
    if not hasattr(os, "fork"):
        print("crash_test needs fork and SIGKILL (Linux or macOS).", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int(time.time())
    base = args.dir or Path(tempfile.mkdtemp(prefix="nianbao-crash-"))
    modes = ["draft", "recovery"] if args.mode == "both" else [args.mode]
    results = [run_kills(m, args.kills, seed, base / m) for m in modes if args.kills]
    typing = run_typing_kills(args.typing, seed, base / "typing") if args.typing else None
    ok = all(not r.failures for r in results) and not (typing and typing.failures)
    if args.json:
        print(json.dumps({"seed": seed, "folder": str(base), "ok": ok,
                          "results": [r.as_dict() for r in results],
                          "typing": typing.as_dict() if typing else None}, ensure_ascii=False, indent=1))
        return 0 if ok else 1
    print(f"seed {seed}, folder {base}")
    for r in results:
        print(f"\n== {r.mode}: {r.kills} kills, {r.saves_completed} saves completed, {r.seconds:.1f} s")
        print(f"   after the kill: previous version {r.held_previous}, new version {r.held_new}, "
              f"unchanged since last finished save {r.kills - r.held_previous - r.held_new}")
        print(f"   loaded from .bak: {r.loaded_from_backup}; temp files left behind: {r.temp_files_left}, "
              f"still there at the end: {r.temp_files_at_end}")
        for phase, n in r.phases.most_common():
            print(f"   {n:5d}  {phase}")
        for f in r.failures[:20]:
            print(f"   FAIL {f}")
    if typing:
        t = typing.as_dict()
        print(f"\n== typing in the window: {t['kills']} kills, {t['keystrokes']} keystrokes, {t['seconds']} s")
        print(f"   input lost per kill: median {t['lost_seconds_median']} s, max {t['lost_seconds_max']} s "
              f"(max {t['lost_keystrokes_max']} keystrokes); recovery offered at "
              f"{t['recovery_offered']} of {max(t['kills'] - 1, 0)} restarts")
        for f in typing.failures[:20]:
            print(f"   FAIL {f}")
    print("\nOK: nothing lost in any kill." if ok else "\nFAILED.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

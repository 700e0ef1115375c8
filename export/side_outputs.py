"""`main.py export --pdf … --xlsx …`: the XLSX, Word file and web page written in a child process
while this one builds the PDF.

Loading openpyxl and writing the XLSX takes 90–130 ms of an export's ~450 ms, all of it
independent of the PDF; on a machine with a second core it costs no wall time in a child.

How the child starts:
- "fork" (Linux, and only while this process has a single thread: a fork copies no other thread,
  so a lock held by one would never be released in the child): the child has the report already;
  os.fork directly, as importing multiprocessing alone costs ~28 ms.
- "none" (the default elsewhere: Windows, macOS, a process with threads): the outputs are
  written here, after the PDF, as before.
- "spawn" (correct everywhere, not the default: measured slower than "none", see
  default_method): multiprocessing starts a fresh interpreter (in the frozen app, the app
  itself, turned into the worker by freeze_support in main.py) and hands it the draft's bytes,
  which it reads as the parent did — the same report, even if the file changes meanwhile.  No
  pickled object crosses: only bytes, strings and a JSON answer.

The child writes the outputs in the order given and stops at the first one that fails, as the
command did before; it answers in JSON with one (kind, path, message) per output attempted —
message "" when written.  A child that gives no answer (killed, out of memory, a crash) is not
trusted: the parent writes the outputs itself, so a real error surfaces here with its traceback.
Every output is written atomically by its writer (temp file, then rename), so a child killed
midway leaves no half file, and its temp file is removed at the next save in that folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from model.errors import ReportError

DONE = {"xlsx": "已导出 Excel", "docx": "已导出 Word", "html": "已导出网页"}  # what the CLI says
MAX_ANSWER = 1 << 20  # a few lines of JSON; anything longer is not an answer from our child


def write_outputs(report, jobs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Write each (kind, path) in turn; [(kind, path, "" or the Chinese reason)] up to the first
    failure.  Exceptions other than ReportError propagate (a bug must show as one)."""
    done = []
    for kind, path in jobs:
        try:
            _writer(kind)(report, Path(path))
        except ReportError as exc:
            done.append((kind, path, str(exc) or "导出失败。"))
            break
        done.append((kind, path, ""))
    return done


def _writer(kind: str):
    if kind == "xlsx":
        from export.xlsx_report import write_xlsx

        return write_xlsx
    if kind == "docx":
        from export.docx_report import write_docx

        return write_docx
    if kind == "html":
        from export.html_report import write_html

        return write_html
    raise ValueError(kind)


def default_method() -> str:
    """fork where it is safe; elsewhere the outputs are written in process: a spawned child
    costs more than it saves on the test machine (bench/bench_pdf.py: 1.2–1.45× the in-process
    export, a fresh interpreter importing model/ and openpyxl again), and more still where starting
    a process is slower (Windows, the frozen app)."""
    if sys.platform.startswith("linux") and hasattr(os, "fork") and _single_thread():
        return "fork"
    return "none"


def _single_thread() -> bool:
    """This process has one OS thread (Qt, a thread pool or a library may have started others
    that Python's threading module does not count)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class SideOutputs:
    """The outputs being written by a child; `result()` waits for its answer."""

    def __init__(self, report, jobs, method: str, draft_bytes: bytes | None = None):
        self.report, self.jobs, self.method = report, list(jobs), method
        self._pid = None
        self._fd = None
        self._proc = None
        self._conn = None
        if method == "fork":
            self._fork()
        elif method == "spawn":
            self._spawn(draft_bytes)

    # -- fork ---------------------------------------------------------------------------------

    def _fork(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            if stream is not None:
                stream.flush()
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process left to start: written here instead
            os.close(r)
            os.close(w)
            self.method = "none"
            return
        if pid == 0:  # the child: write, answer, leave without running the parent's exit code
            code = 1
            try:
                os.close(r)
                answer = json.dumps(write_outputs(self.report, self.jobs)).encode("utf-8")
                view = memoryview(answer)
                while view:
                    view = view[os.write(w, view):]
                code = 0
            except BaseException:  # noqa: BLE001 - no answer: the parent writes them itself
                pass
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def _fork_answer(self) -> bytes | None:
        chunks, size = [], 0
        try:
            while size <= MAX_ANSWER:
                chunk = os.read(self._fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(self._fd)
            _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or size > MAX_ANSWER:
            return None
        return b"".join(chunks)

    # -- spawn --------------------------------------------------------------------------------

    def _spawn(self, draft_bytes: bytes | None) -> None:
        if draft_bytes is None:
            self.method = "none"
            return
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=False)
        try:
            proc = ctx.Process(target=spawned_child, args=(draft_bytes, self.jobs, theirs), daemon=True)
            proc.start()
        except OSError:
            ours.close()
            self.method = "none"
            return
        finally:
            theirs.close()
        self._proc, self._conn = proc, ours

    def _spawn_answer(self) -> bytes | None:
        try:
            data = self._conn.recv_bytes(MAX_ANSWER)
        except (EOFError, OSError):
            data = None
        finally:
            self._conn.close()
            self._proc.join()
        return data if self._proc.exitcode == 0 else None

    # -- both ---------------------------------------------------------------------------------

    def result(self) -> list[tuple[str, str, str]]:
        answer = None
        if self.method == "fork":
            answer = self._fork_answer()
        elif self.method == "spawn":
            answer = self._spawn_answer()
        done = _parse(answer, self.jobs)
        if done is None:  # no trustworthy answer: write them here
            done = write_outputs(self.report, self.jobs)
        return done


def _parse(answer: bytes | None, jobs) -> list[tuple[str, str, str]] | None:
    """The child's answer, if it is one: a list of [kind, path, message] for the first jobs."""
    if answer is None:
        return None
    try:
        items = json.loads(answer.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(items, list) or not 0 < len(items) <= len(jobs):
        return None
    out = []
    for item, (kind, path) in zip(items, jobs):
        if not (isinstance(item, list) and len(item) == 3 and item[:2] == [kind, path]
                and isinstance(item[2], str)):
            return None
        out.append((kind, path, item[2]))
    if any(msg for _, _, msg in out[:-1]) or (len(out) < len(jobs) and not out[-1][2]):
        return None  # it stops at the first failure, and only there
    return out


def spawned_child(draft_bytes: bytes, jobs, conn) -> None:
    """The spawned child's work (module-level, so that a fresh interpreter can find it)."""
    from model.draft_io import loads

    try:
        report = loads(draft_bytes)
        answer = write_outputs(report, [tuple(j) for j in jobs])
    except ReportError as exc:  # cannot happen with bytes the parent read (same code), but say so
        answer = [[jobs[0][0], jobs[0][1], str(exc) or "导出失败。"]]
    conn.send_bytes(json.dumps(answer).encode("utf-8"))
    conn.close()


def start(report, jobs: list[tuple[str, str]], draft_bytes: bytes | None = None,
          method: str | None = None) -> SideOutputs:
    """Begin writing `jobs` ((kind, path), in order) away from this process's main work."""
    return SideOutputs(report, jobs, method or default_method(), draft_bytes)

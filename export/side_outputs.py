"""`main.py export --pdf … --xlsx …`: the XLSX, Word file and web page built in a child process
while this one builds the PDF.

Loading openpyxl and building the XLSX takes 90–130 ms of an export's ~450 ms, all of it
independent of the PDF; on a machine with a second core it costs no wall time in a child.

The child only builds: it sends the files' bytes back, and this process writes them after the
PDF, in order, exactly as the command did alone — the same messages, nothing written after the
first failure (a PDF that fails leaves no XLSX behind), no file touched by a child that may be
killed midway.

How the child starts:
- "fork" (Linux, and only while this process has a single thread: a fork copies no other thread,
  so a lock held by one would never be released in the child): the child has the report already;
  os.fork directly, as importing multiprocessing alone costs ~28 ms.
- "none" (the default elsewhere: Windows, macOS, a process with threads): built here, after the
  PDF, as before.
- "spawn" (correct everywhere, not the default: measured slower than "none", see
  default_method): multiprocessing starts a fresh interpreter (in the frozen app, the app
  itself, turned into the worker by freeze_support in main.py) and hands it the draft's bytes,
  which it reads as the parent did — the same report, even if the file changes meanwhile.

No pickled object crosses: the child is given bytes and strings and answers with a JSON header —
one [kind, path, message, size] per output attempted, message "" when built, stopping at the
first failure — followed by the files' bytes.  An answer that is not exactly that (the child was
killed, ran out of memory, crashed) is not trusted: the outputs are then built here, so a real
error surfaces with its traceback.
"""

from __future__ import annotations

import gc
import json
import os
import struct
import sys
from pathlib import Path

from model.errors import ReportError

DONE = {"xlsx": "已导出 Excel", "docx": "已导出 Word", "html": "已导出网页"}  # what the CLI says
MAX_ANSWER = 1 << 30  # the outputs of a report at the draft limit (50 MB) stay far below
_HEADER = struct.Struct(">Q")


def _module(kind: str):
    if kind == "xlsx":
        from export import xlsx_report as m
    elif kind == "docx":
        from export import docx_report as m
    elif kind == "html":
        from export import html_report as m
    else:
        raise ValueError(kind)
    return m


def build_outputs(report, jobs) -> list[tuple[str, str, str, bytes]]:
    """[(kind, path, "" or the Chinese reason, bytes)] for each (kind, path) in turn, up to the
    first that cannot be built.  Exceptions other than ReportError propagate (a bug shows)."""
    built = []
    for kind, path in jobs:
        m = _module(kind)
        try:
            data = getattr(m, f"build_{kind}")(report)
        except ReportError as exc:
            built.append((kind, path, str(exc) or "导出失败。", b""))
            break
        built.append((kind, path, "", data))
    return built


def write_built(built) -> list[tuple[str, str, str]]:
    """Write what was built, in order, up to the first failure: [(kind, path, "" or reason)]."""
    from export.output_file import OPENED_IN, write_output

    done = []
    for kind, path, problem, data in built:
        if not problem:
            try:
                write_output(Path(path), data, OPENED_IN[kind])
            except ReportError as exc:
                problem = str(exc) or "导出失败。"
        done.append((kind, path, problem))
        if problem:
            break
    return done


def write_outputs(report, jobs) -> list[tuple[str, str, str]]:
    """Build and write each output here (no child)."""
    return write_built(build_outputs(report, jobs))


def default_method() -> str:
    """fork where it is safe; elsewhere the outputs are built in process: a spawned child costs
    more than it saves on the test machine (bench/bench_pdf.py: 1.13–1.45× the in-process export,
    a fresh interpreter importing model/ and openpyxl again), and more still where starting a
    process is slower (Windows, the frozen app)."""
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


def encode_answer(built) -> bytes:
    header = json.dumps([[k, p, msg, len(data)] for k, p, msg, data in built]).encode("utf-8")
    return _HEADER.pack(len(header)) + header + b"".join(data for *_, data in built)


def decode_answer(answer: bytes | None, jobs) -> list[tuple[str, str, str, bytes]] | None:
    """The child's answer, if it is one (see the module's docstring); else None."""
    if answer is None or len(answer) < _HEADER.size:
        return None
    (n,) = _HEADER.unpack_from(answer)
    if n > len(answer) - _HEADER.size:
        return None
    try:
        items = json.loads(answer[_HEADER.size:_HEADER.size + n].decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(items, list) or not 0 < len(items) <= len(jobs):
        return None
    out, pos = [], _HEADER.size + n
    for item, (kind, path) in zip(items, jobs):
        if not (isinstance(item, list) and len(item) == 4 and item[:2] == [kind, path]
                and isinstance(item[2], str) and type(item[3]) is int and item[3] >= 0):
            return None
        out.append((kind, path, item[2], answer[pos:pos + item[3]]))
        pos += item[3]
    if pos != len(answer):
        return None
    failures = [msg for _, _, msg, _ in out]
    if any(failures[:-1]) or (len(out) < len(jobs) and not failures[-1]):
        return None  # it stops at the first failure, and only there
    if failures[-1] and out[-1][3]:
        return None
    return out


class SideOutputs:
    """The outputs being built by a child; `result()` waits for it and writes them here."""

    def __init__(self, report, jobs, method: str, draft_bytes: bytes | None = None):
        self.report, self.jobs, self.method = report, list(jobs), method
        self._pid = self._fd = self._proc = self._conn = None
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
        except OSError:  # no process left to start: built here instead
            os.close(r)
            os.close(w)
            self.method = "none"
            return
        if pid == 0:  # the child: build, answer, leave without running the parent's exit code
            code = 1
            try:
                # A short life: no collector passes, which would also write to (and so copy)
                # every memory page of objects shared with the parent.
                gc.disable()
                os.close(r)
                view = memoryview(encode_answer(build_outputs(self.report, self.jobs)))
                while view:
                    view = view[os.write(w, view):]
                code = 0
            except BaseException:  # noqa: BLE001 - no answer: the parent builds them itself
                pass
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def _fork_answer(self) -> bytes | None:
        chunks, size = [], 0
        try:
            while size <= MAX_ANSWER:
                chunk = os.read(self._fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(self._fd)
            if size > MAX_ANSWER:
                os.kill(self._pid, 9)  # not an answer of ours: do not wait for the rest
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
            if self._proc.is_alive() and data is None:
                self._proc.kill()
            self._proc.join()
        return data if self._proc.exitcode == 0 else None

    # -- both ---------------------------------------------------------------------------------

    def built(self) -> list[tuple[str, str, str, bytes]]:
        answer = None
        if self.method == "fork":
            answer = self._fork_answer()
        elif self.method == "spawn":
            answer = self._spawn_answer()
        built = decode_answer(answer, self.jobs)
        if built is None:  # no trustworthy answer: build them here
            built = build_outputs(self.report, self.jobs)
        return built

    def result(self) -> list[tuple[str, str, str]]:
        """Wait for the child and write what it built: [(kind, path, "" or reason)]."""
        return write_built(self.built())

    def discard(self) -> None:
        """The PDF failed: nothing more is written; the child is waited for (or stopped)."""
        if self.method == "fork" and self._pid is not None:
            os.close(self._fd)
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        elif self.method == "spawn" and self._proc is not None:
            self._conn.close()
            self._proc.kill()
            self._proc.join()


def spawned_child(draft_bytes: bytes, jobs, conn) -> None:
    """The spawned child's work (module-level, so that a fresh interpreter can find it)."""
    from model.draft_io import loads

    jobs = [tuple(j) for j in jobs]
    try:
        built = build_outputs(loads(draft_bytes), jobs)
    except ReportError as exc:  # cannot happen with bytes the parent read (same code), but say so
        built = [(jobs[0][0], jobs[0][1], str(exc) or "导出失败。", b"")]
    conn.send_bytes(encode_answer(built))
    conn.close()


def start(report, jobs: list[tuple[str, str]], draft_bytes: bytes | None = None,
          method: str | None = None) -> SideOutputs:
    """Begin building `jobs` ((kind, path), in order) away from this process's main work."""
    return SideOutputs(report, jobs, method or default_method(), draft_bytes)

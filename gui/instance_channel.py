"""One window per draft on this computer: "bring the window that has this draft to the front".

Opening a draft that another window of the app already has open must not make a second,
competing window: that window comes to the front instead.  The draft's lock (model.draft_lock)
names the process holding it; each process that holds a lock listens on a local channel named
after its user and pid — a QLocalServer, i.e. a Unix domain socket or a Windows named pipe,
reachable by the same user only, never a network socket.  Another start of the app connects,
sends one line of JSON `{"op": "raise", "path": <the draft's real path>}` and reads one line back,
`{"ok": true}` when a window of that process has the draft and came to the front.

Windows of one process find each other without the channel (`raise_here`).  Requests are small
(at most 4 KB), answered at once, and a silent or busy owner only costs the asker a short wait
before it falls back to asking the clerk.

A window that is starting takes its draft's lock before its first paint but listens only right
after it (gui/main_window: paint_first): an asker that finds no channel yet for a process that is
alive tries again for up to CONNECT_MS.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from model.safe_files import host_name, same_file_key

MAX_MESSAGE = 4096
CONNECT_MS = 1000
RETRY_MS = 20  # between attempts to reach a window that is still starting
REPLY_MS = 3000


def _user_tag() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    import hashlib  # pragma: no cover - Windows: pipe names are global, the user name separates them

    return hashlib.sha1(os.environ.get("USERNAME", "").encode("utf-8")).hexdigest()[:10]


def server_name(pid: int) -> str:
    """The channel of process `pid` of this user.  Derived, never read from a file: a lock cannot
    make the app connect to any other local socket."""
    return f"nianbao-{_user_tag()}-{int(pid)}"


class InstanceChannel(QObject):
    """This process's end: the windows it shows, by draft, and (once one holds a lock) the server."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._windows: dict[str, tuple[str, object]] = {}  # token -> (draft key, bring-to-front)
        self._server = None

    # -- the windows of this process ---------------------------------------------------------
    def register(self, draft: Path, bring_to_front) -> str:
        token = os.urandom(8).hex()
        self._windows[token] = (same_file_key(draft), bring_to_front)
        return token

    def unregister(self, token: str | None) -> None:
        self._windows.pop(token, None)

    def has_window(self, draft: Path, exclude: str | None = None) -> bool:
        key = same_file_key(draft)
        return any(k == key and t != exclude for t, (k, _) in self._windows.items())

    def raise_here(self, draft: Path, exclude: str | None = None) -> bool:
        """Bring this process's window that has `draft` to the front; False if none has it."""
        key = same_file_key(draft)
        for token, (k, bring) in list(self._windows.items()):
            if k != key or token == exclude:
                continue
            try:
                bring()
            except RuntimeError:  # its window is gone without saying so
                self._windows.pop(token, None)
                continue
            return True
        return False

    # -- the server --------------------------------------------------------------------------
    def listen(self) -> bool:
        if self._server is not None:
            return self._server.isListening()
        from PySide6.QtNetwork import QLocalServer  # local sockets only; loaded once a draft is open

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(os.getpid())
        _remove_dead_servers(QLocalServer)
        QLocalServer.removeServer(name)  # left by a crashed process that had our pid
        server.listen(name)
        server.newConnection.connect(self._accept)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(server.close)  # the socket file goes with the app
        self._server = server
        return server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            buf = bytearray()
            sock.readyRead.connect(lambda s=sock, b=buf: self._read(s, b))
            sock.disconnected.connect(sock.deleteLater)
            QTimer.singleShot(REPLY_MS, sock, sock.abort)  # a client that never finishes its line

    def _read(self, sock, buf: bytearray) -> None:
        buf += bytes(sock.readAll().data())
        if len(buf) > MAX_MESSAGE:
            sock.abort()
            return
        if b"\n" not in buf:
            return
        ok = False
        try:
            msg = json.loads(bytes(buf).split(b"\n", 1)[0].decode("utf-8"))
            if isinstance(msg, dict) and msg.get("op") == "raise" and isinstance(msg.get("path"), str):
                ok = self.raise_here(Path(msg["path"]))
        except (ValueError, UnicodeDecodeError, RecursionError):
            ok = False
        sock.write(json.dumps({"ok": ok}).encode("utf-8") + b"\n")
        sock.flush()
        sock.disconnectFromServer()


def _remove_dead_servers(server_cls) -> None:
    """On Unix a channel is a socket file in the temp folder; a killed process leaves its file.
    Remove those of this user's processes that are gone (same rule as model.atomic_file's temps)."""
    if os.name != "posix":
        return
    import re

    from PySide6.QtCore import QDir

    from model.safe_files import pid_alive

    pattern = re.compile(r"nianbao-" + re.escape(_user_tag()) + r"-([0-9]{1,10})")
    try:
        names = os.listdir(QDir.tempPath())
    except OSError:
        return
    for name in names:
        m = pattern.fullmatch(name)
        if m and int(m[1]) != os.getpid() and not pid_alive(int(m[1])):
            server_cls.removeServer(name)


_channel: InstanceChannel | None = None


def channel() -> InstanceChannel:
    global _channel
    if _channel is None:
        _channel = InstanceChannel(QCoreApplication.instance())
    return _channel


def _new_socket():
    from PySide6.QtNetwork import QLocalSocket

    return QLocalSocket()


def _connect(sock, pid: int) -> bool:
    """Connect to process `pid`'s channel.  No channel yet while that process lives: it is a
    window still starting (it listens right after its first paint), so try again until
    CONNECT_MS is up."""
    from PySide6.QtNetwork import QLocalSocket

    from model.safe_files import pid_alive

    deadline = time.monotonic() + CONNECT_MS / 1000
    while True:
        left = int((deadline - time.monotonic()) * 1000)
        sock.connectToServer(server_name(pid))
        if sock.waitForConnected(max(left, 0)):
            return True
        missing = sock.error() in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                                   QLocalSocket.LocalSocketError.ConnectionRefusedError)
        if not missing or left <= RETRY_MS or not pid_alive(pid):
            return False
        sock.abort()
        time.sleep(RETRY_MS / 1000)


def _allow_foreground(pid: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows lets only the foreground process give focus away
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(int(pid))


def ask_owner_to_front(owner: dict, draft: Path) -> bool:
    """Ask the window holding `draft` (per its lock record) to come to the front.  True when it
    did; False when it is on another computer, does not answer in time, or does not have it."""
    if owner.get("host") != host_name():
        return False
    pid = owner.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool):
        return False
    if pid == os.getpid():
        return channel().raise_here(draft)
    sock = _new_socket()
    if not _connect(sock, pid):
        return False
    _allow_foreground(pid)
    sock.write(json.dumps({"op": "raise", "path": str(draft)}, ensure_ascii=False).encode("utf-8") + b"\n")
    sock.waitForBytesWritten(CONNECT_MS)
    buf = b""
    deadline = time.monotonic() + REPLY_MS / 1000
    while b"\n" not in buf and len(buf) <= MAX_MESSAGE:
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or (not sock.bytesAvailable() and not sock.waitForReadyRead(left)):
            break
        buf += bytes(sock.readAll().data())
    sock.abort()
    try:
        reply = json.loads(buf.split(b"\n", 1)[0].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(reply, dict) and reply.get("ok") is True

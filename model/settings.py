"""Small persistent settings (recent files, the last agency), saved atomically as JSON.

Read like every file (model.safe_files: a regular file, at most SETTINGS_LIMIT bytes).  Whatever
a value turns out to be, a reader gets the type it asks for or the default (`get_str`,
`get_bool`): a damaged settings file never stops the window.
"""

from __future__ import annotations

import json
from pathlib import Path

from model.atomic_file import write_atomic
from model.errors import DraftWriteError
from model.safe_files import ReadRefused, read_regular
from model.user_dirs import ensure, state_dir

MAX_RECENT = 10
SETTINGS_LIMIT = 1024 * 1024  # a few KB in use; window geometry is the largest value
MAX_TEXT = 4096  # a remembered path or agency name longer than this is not one we wrote


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or state_dir() / "settings.json"
        self.data: dict = {}
        try:
            data, _ = read_regular(self.path, SETTINGS_LIMIT)
            loaded = json.loads(data.decode("utf-8"))
            if isinstance(loaded, dict):
                self.data = loaded
        except (ReadRefused, OSError, ValueError, RecursionError):
            self.data = {}  # unreadable settings are not worth bothering the clerk about

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def get_str(self, key: str, default: str = "") -> str:
        v = self.data.get(key)
        return v if isinstance(v, str) and len(v) <= MAX_TEXT and "\x00" not in v else default

    def get_bool(self, key: str, default: bool = False) -> bool:
        v = self.data.get(key)
        return v if isinstance(v, bool) else default

    def set(self, key: str, value) -> None:
        self.data[key] = value
        self.save()

    def save(self) -> None:
        try:
            ensure(self.path.parent)
            write_atomic(self.path, json.dumps(self.data, ensure_ascii=False, indent=1).encode("utf-8"))
        except (OSError, DraftWriteError):
            pass  # settings are a convenience; never block work because they cannot be saved

    @property
    def recent_files(self) -> list[str]:
        r = self.data.get("recent", [])
        if not isinstance(r, list):
            return []
        return [x for x in r if isinstance(x, str) and 0 < len(x) <= MAX_TEXT and "\x00" not in x][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        recent = [x for x in self.recent_files if x != p]
        self.set("recent", [p] + recent[: MAX_RECENT - 1])

    def remove_recent(self, path: str) -> None:
        self.set("recent", [x for x in self.recent_files if x != path])

"""Small persistent settings (recent files, the last agency), saved atomically as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from model.atomic_file import write_atomic
from model.errors import DraftWriteError
from model.user_dirs import ensure, state_dir

MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or state_dir() / "settings.json"
        self.data: dict = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.data = loaded
        except (OSError, ValueError):
            self.data = {}  # unreadable settings are not worth bothering the clerk about

    def get(self, key: str, default=None):
        return self.data.get(key, default)

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
        return [x for x in r if isinstance(x, str)] if isinstance(r, list) else []

    def add_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        recent = [x for x in self.recent_files if x != p]
        self.set("recent", [p] + recent[: MAX_RECENT - 1])

    def remove_recent(self, path: str) -> None:
        self.set("recent", [x for x in self.recent_files if x != path])

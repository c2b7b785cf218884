"""The console's failed-login slowdown, per user name and address, kept server-side in data_dir (a new browser
session does not reset it; a successful log-in does)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FREE_FAILURES = 5
MAX_DELAY = 30.0


class LoginThrottle:
    def __init__(self, data_dir: Path):
        self.path = data_dir / "login_failures.json"

    @staticmethod
    def key(username: str, address: str | None) -> str:
        return f"{username.strip().casefold()}|{address or 'unknown'}"

    def _read(self) -> dict[str, int]:
        return json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}

    def _write(self, failures: dict[str, int]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".login_failures.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(failures, out)
        os.replace(temporary, self.path)

    def failures(self, username: str, address: str | None) -> int:
        return self._read().get(self.key(username, address), 0)

    def delay(self, username: str, address: str | None) -> float:
        """Seconds to wait before checking the next attempt: none for the first five failures, then doubling."""
        failures = self.failures(username, address)
        return 0.0 if failures < FREE_FAILURES else min(2.0 ** (failures - FREE_FAILURES), MAX_DELAY)

    def failed(self, username: str, address: str | None) -> None:
        failures = self._read()
        key = self.key(username, address)
        failures[key] = failures.get(key, 0) + 1
        self._write(failures)

    def succeeded(self, username: str, address: str | None) -> None:
        failures = self._read()
        if failures.pop(self.key(username, address), None) is not None:
            self._write(failures)

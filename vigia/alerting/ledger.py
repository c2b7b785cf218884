"""The alerts already sent, kept in data_dir/alerts/sent.jsonl, so that each alert reaches people once."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from vigia.times import utc_iso


class SentLedger:
    """Append-only record of the keys of sent alerts."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / "alerts" / "sent.jsonl"

    def keys(self) -> set[str]:
        if not self.path.is_file():
            return set()
        return {json.loads(line)["key"] for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()}

    def add(self, key: str, title: str, now: datetime | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "title": title, "sent_at": utc_iso(now or datetime.now(timezone.utc))}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")

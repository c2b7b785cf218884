"""The audit log: who exported, erased or changed what, and when (one JSON line per action)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

from vigia.model import utcnow


def actor() -> str:
    """The person behind a command-line action (the operating-system account)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record(data_dir: Path, action: str, details: dict[str, Any], who: str | None = None) -> None:
    path = data_dir / "audit.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"at": utcnow().isoformat(), "actor": who or actor(), "action": action, **details}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, default=str) + "\n")


def entries(data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

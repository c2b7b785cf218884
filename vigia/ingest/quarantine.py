"""Where bad records go: one JSONL file per run, each line the record and the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vigia.model import utcnow


class Quarantine:
    """Appends rejected records to `<dir>/<run_id>.jsonl`, created on the first one."""

    def __init__(self, directory: Path, run_id: str):
        self.path = directory / f"{run_id}.jsonl"
        self.run_id = run_id
        self.count = 0

    def add(self, ref: str, field: str | None, reason: str, record: Any) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"ref": ref, "field": field, "reason": reason, "run_id": self.run_id,
                 "at": utcnow().isoformat(), "record": record}
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, default=repr) + "\n")  # ASCII: no U+2028 or U+0085 line breaks inside
        self.count += 1

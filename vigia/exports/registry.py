"""The export registry: which post ids every export held, so an erasure can mark the exports it touches."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from vigia.model import Post, utcnow


class ExportRegistry:
    """`<data_dir>/exports/registry.jsonl` (one line per export or erasure mark) and `<id>.ids` files."""

    def __init__(self, data_dir: Path):
        self.folder = data_dir / "exports"

    def recording(self, posts: Iterable[Post]) -> tuple[str, Iterator[Post]]:
        """A new export id, and the posts passed through while their ids are written down."""
        export_id = utcnow().strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
        self.folder.mkdir(parents=True, exist_ok=True)

        def passing() -> Iterator[Post]:
            with (self.folder / f"{export_id}.ids").open("w", encoding="utf-8") as ids:
                for post in posts:
                    ids.write(post.id + "\n")
                    yield post

        return export_id, passing()

    def register(self, export_id: str, **details: Any) -> None:
        self._append({"export_id": export_id, "event": "exported", "at": utcnow().isoformat(), **details})

    def containing(self, ids: set[str]) -> dict[str, int]:
        """Exports holding any of these ids, with how many each held."""
        found = {}
        for path in sorted(self.folder.glob("*.ids")) if self.folder.exists() else []:
            with path.open(encoding="utf-8") as fh:
                hits = sum(1 for line in fh if line.rstrip("\n") in ids)
            if hits:
                found[path.stem] = hits
        return found

    def mark_erased(self, export_id: str, request: str, count: int) -> None:
        self._append({"export_id": export_id, "event": "contains_erased_posts", "at": utcnow().isoformat(),
                      "request": request, "posts": count})

    def events(self) -> list[dict[str, Any]]:
        path = self.folder / "registry.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    def _append(self, entry: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "registry.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, default=str) + "\n")

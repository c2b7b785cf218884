"""A write-ahead file for posts the store could not take (down, restarting): replayed when it is back."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from vigia.model import Post


class Spool:
    """`<data_dir>/spool/<store>.jsonl`: posts, one per line, fsynced; one spool per store URL."""

    def __init__(self, data_dir: Path, store_url: str):
        parts = urlsplit(store_url)
        safe = f"{parts.scheme}://{parts.hostname or ''}{parts.port or ''}{parts.path}"
        self.path = data_dir / "spool" / (hashlib.sha256(safe.encode()).hexdigest()[:16] + ".jsonl")

    def append(self, posts: list[Post]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.writelines(post.model_dump_json() + "\n" for post in posts)
            fh.flush()
            os.fsync(fh.fileno())

    def pending(self) -> int:
        if not self.path.exists():
            return 0
        with self.path.open(encoding="utf-8") as fh:
            return sum(1 for _ in fh)

    def batches(self, size: int) -> Iterator[list[Post]]:
        with self.path.open(encoding="utf-8") as fh:
            lines = iter(fh)
            while chunk := list(islice(lines, size)):
                yield [Post.model_validate_json(line) for line in chunk]

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

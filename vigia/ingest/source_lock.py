"""One run per source at a time: an exclusive lock file per source in data_dir/locks, held for the run.

The lock is an OS advisory lock (flock) on the file, so it goes when its process ends, even killed: a crashed
run never leaves a source locked. A second runner (another `vigia monitor`, or `vigia collect` by hand) finds
the lock taken and skips the source instead of crawling it twice at once.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SKIPPED_EXIT = 75  # EX_TEMPFAIL: `vigia collect` exits with it when another run holds the source


class SourceBusy(Exception):
    """Another run holds this source's lock."""


def lock_path(data_dir: Path, source: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", source)
    return data_dir / "locks" / f"{safe}.lock"


@contextmanager
def source_lock(data_dir: Path, source: str) -> Iterator[Path]:
    """Hold the source's lock for the block; SourceBusy at once when another run holds it."""
    path = lock_path(data_dir, source)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SourceBusy(f"source '{source}' is being collected by another run (lock {path})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock

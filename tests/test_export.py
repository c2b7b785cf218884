"""Exports are all or nothing, and secrets never reach a message."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from vigia.errors import StoreError
from vigia.exports.files import export
from vigia.model import Post, Provenance
from vigia.store import open_store


def posts_then_crash(n: int):
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for i in range(n):
        yield Post(id=f"x:{i}", platform="x", text="hola", created_at=now, collected_at=now,
                   provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)))
    raise RuntimeError("crash in the middle")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_crash_leaves_no_half_written_export(tmp_path: Path, fmt: str):
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(RuntimeError):
        export(posts_then_crash(7000), out, fmt)
    assert list(tmp_path.iterdir()) == []
    out.write_text("previous version")
    with pytest.raises(RuntimeError):
        export(posts_then_crash(10), out, fmt)
    assert out.read_text() == "previous version"  # the earlier export is untouched


def test_store_errors_never_show_credentials():
    with pytest.raises(StoreError) as info:
        open_store("http://elastic:s3cret-pass@127.0.0.1:9/")
    assert "s3cret" not in str(info.value) and "elastic:" not in str(info.value)
    assert "127.0.0.1:9" in str(info.value)

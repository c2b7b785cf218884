"""Exports are all or nothing, and secrets never reach a message."""

from __future__ import annotations

import json
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


def spread_post() -> Post:
    now = datetime(2026, 4, 3, 9, tzinfo=timezone.utc)
    return Post(id="mastodon:b1", platform="mastodon", text="", created_at=now, created_at_source="feed",
                collected_at=now,
                repost_of="mastodon:o1", original_url="https://mastodon.example/@ana/1", edited_at=now,
                content_warning="Escribir a ana@correo.example", hashtags=["migrantes", "noalodio"],
                mentions=["a_00000000000000000001"], links=["https://noticias.example/n"],
                media=[{"url": "https://files.example/1.png", "kind": "image",
                        "alt": "Cartel, contacto ana@correo.example"}],
                provenance=Provenance(collector="t", run_id="r", raw_hash="b1"))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_exports_carry_reposts_edits_warnings_tags_mentions_and_media(tmp_path: Path, fmt: str):
    import csv

    import pyarrow.parquet as pq

    out = tmp_path / f"out.{fmt}"
    assert export([spread_post()], out, fmt) == 1
    if fmt == "csv":
        row = next(csv.DictReader(out.open(encoding="utf-8")))
        lists = {k: row[k].split("|") for k in ("hashtags", "mentions", "links", "media")}
        alts = json.loads(row["media_alt"])
    else:
        row = pq.read_table(out).to_pylist()[0]
        lists = {k: row[k] for k in ("hashtags", "mentions", "links", "media")}
        alts = row["media_alt"]
    assert row["repost_of"] == "mastodon:o1" and row["original_url"] == "https://mastodon.example/@ana/1"
    assert str(row["edited_at"]).startswith("2026-04-03") and "[EMAIL]" in row["content_warning"]
    assert row["created_at_source"] == "feed"
    assert lists == {"hashtags": ["migrantes", "noalodio"], "mentions": ["a_00000000000000000001"],
                     "links": ["https://noticias.example/n"], "media": ["https://files.example/1.png"]}
    assert len(alts) == 1 and "ana@correo" not in alts[0] and "[EMAIL]" in alts[0]  # redacted like the text

"""Write stored posts to CSV, JSONL or Parquet, streaming, redacted unless raw data is asked for on purpose."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from vigia.errors import InputError
from vigia.model import Post
from vigia.privacy.redact import redact

FORMATS = ("csv", "jsonl", "parquet")
LABEL = pa.struct([("task", pa.string()), ("label", pa.string()), ("score", pa.float64()),
                   ("model", pa.string()), ("model_version", pa.string())])
SCHEMA = pa.schema([
    ("id", pa.string()), ("platform", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("text", pa.string()), ("language", pa.string()),
    ("created_at", pa.timestamp("s", tz="UTC")), ("created_at_source", pa.string()),
    ("country", pa.string()), ("place", pa.string()),
    ("author", pa.string()), ("likes", pa.int64()), ("shares", pa.int64()), ("replies", pa.int64()),
    ("views", pa.int64()), ("reply_to", pa.string()), ("thread_id", pa.string()),
    ("repost_of", pa.string()), ("original_url", pa.string()), ("edited_at", pa.timestamp("s", tz="UTC")),
    ("content_warning", pa.string()), ("hashtags", pa.list_(pa.string())), ("mentions", pa.list_(pa.string())),
    ("links", pa.list_(pa.string())), ("media", pa.list_(pa.string())), ("media_alt", pa.list_(pa.string())),
    ("targets", pa.list_(pa.string())), ("myths", pa.list_(pa.string())), ("labels", pa.list_(LABEL)),
    ("synthetic", pa.bool_()),
])
COLUMNS = SCHEMA.names


SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def format_for(path: Path, asked: str | None) -> str:
    """The export format: the one asked for, else the file's extension's, else JSONL; a contradiction is an error."""
    implied = SUFFIXES.get(path.suffix.lower())
    if asked and implied and asked != implied:
        raise InputError(f"--format {asked} contradicts the file name '{path.name}' ({implied}); "
                         f"drop --format or name the file *.{asked}")
    return asked or implied or "jsonl"


def prepare(post: Post, raw: bool) -> Post:
    """The post as it may leave Vigía: personal data redacted, social-post URLs dropped, raw handles gone."""
    if raw:
        return post
    return post.model_copy(update={
        "text": redact(post.text), "title": redact(post.title), "author_raw": None,
        "url": post.url if post.platform == "news" else None, "cues": [],
        "content_warning": redact(post.content_warning),
        "media": [m.model_copy(update={"alt": redact(m.alt)}) for m in post.media],
    })


def row(post: Post) -> dict[str, Any]:
    e = post.engagement
    return {
        "id": post.id, "platform": post.platform, "source": post.source, "url": post.url, "title": post.title,
        "text": post.text, "language": post.language, "created_at": post.created_at,
        "created_at_source": post.created_at_source, "country": post.country,
        "place": post.place, "author": post.author, "likes": e.likes, "shares": e.shares, "replies": e.replies,
        "views": e.views, "reply_to": post.reply_to, "thread_id": post.thread_id, "repost_of": post.repost_of,
        "original_url": post.original_url, "edited_at": post.edited_at, "content_warning": post.content_warning,
        "hashtags": post.hashtags, "mentions": post.mentions, "links": post.links,
        "media": [m.url for m in post.media], "media_alt": [m.alt or "" for m in post.media],
        "targets": post.targets,
        "myths": post.myths, "synthetic": post.provenance.synthetic,
        "labels": [lab.model_dump(include={"task", "label", "score", "model", "model_version"})
                   for lab in post.labels],
    }


def export(posts: Iterable[Post], path: Path, fmt: str, raw: bool = False, chunk: int = 5000) -> int:
    """Write posts to `path` in `fmt`; returns how many were written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    final, path = path, path.with_name(f".{path.name}.partial")  # a crash never leaves a half-written export
    try:
        count = _write(posts, path, fmt, raw, chunk)
        os.replace(path, final)
    finally:
        path.unlink(missing_ok=True)
    return count


def _write(posts: Iterable[Post], path: Path, fmt: str, raw: bool, chunk: int) -> int:
    count = 0
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for post in posts:
                fh.write(prepare(post, raw).model_dump_json() + "\n")
                count += 1
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for post in posts:
                values = row(prepare(post, raw))
                values["created_at"] = values["created_at"].isoformat()
                values["edited_at"] = values["edited_at"] and values["edited_at"].isoformat()
                for key in ("targets", "myths", "hashtags", "mentions", "links", "media"):
                    values[key] = "|".join(values[key])
                values["labels"] = json.dumps(values["labels"], ensure_ascii=False)
                values["media_alt"] = json.dumps(values["media_alt"], ensure_ascii=False)
                writer.writerow(values)
                count += 1
    else:
        with pq.ParquetWriter(path, SCHEMA, compression="zstd") as writer:
            buffer: list[dict[str, Any]] = []
            for post in posts:
                buffer.append(row(prepare(post, raw)))
                count += 1
                if len(buffer) >= chunk:
                    writer.write_table(pa.Table.from_pylist(buffer, schema=SCHEMA))
                    buffer.clear()
            if buffer or count == 0:
                writer.write_table(pa.Table.from_pylist(buffer, schema=SCHEMA))
    return count

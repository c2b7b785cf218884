"""Baselines measured in the same run: the naive way to do each thing."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.synth import posts


def sqlite_single_row_inserts(path: Path, n: int) -> dict:
    """One INSERT and one commit per post into a plain table: the loop a first attempt would write."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE posts (id TEXT PRIMARY KEY, doc TEXT)")
    items = [(p.id, p.model_dump_json()) for p in posts(n, seed=99)]
    started = time.perf_counter()
    for item in items:
        conn.execute("INSERT INTO posts VALUES (?, ?)", item)
        conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return {"docs": n, "seconds": round(seconds, 2), "docs_per_s": round(n / seconds, 1)}


def elastic_single_doc_requests(url: str, n: int) -> dict:
    """One index request per post, refreshed as the backend does: the naive client loop."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url)
    index = "bench-baseline-single"
    client.options(ignore_status=404).indices.delete(index=index)
    items = [(p.id, p.model_dump(mode="json")) for p in posts(n, seed=99)]
    started = time.perf_counter()
    for post_id, doc in items:
        client.index(index=index, id=post_id, document={"doc": doc}, refresh=True)
    seconds = time.perf_counter() - started
    client.indices.delete(index=index)
    client.close()
    return {"docs": n, "seconds": round(seconds, 2), "docs_per_s": round(n / seconds, 1)}

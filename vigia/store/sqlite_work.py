"""The SQLite store's part in shared work: leases in the `leases` table, slices of posts by rowid.

Mixed into SQLiteStore (it uses the store's connection, `_load` and `_upsert_locked`). A write-back is a
compare-and-set on the whole stored row: the token is the row (title, text, document) as it was read, and the
write happens, in the same transaction as the check, only if the row still holds it. Every change to a post
rewrites its document (labels carry their time), so this is the check a version column would make, with no
column to add to existing stores.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from vigia.model import Post
from vigia.store.base import UpsertResult, WriteToken

LACKS_VERSION = ("NOT EXISTS (SELECT 1 FROM json_each(p.doc, '$.labels')"
                 " WHERE json_extract(value, '$.model_version') = ?)")


class SQLiteWork:
    """Leases and classification slices for SQLiteStore."""

    _conn: sqlite3.Connection  # SQLiteStore's, as are _load and _upsert_locked

    def acquire_lease(self, name: str, owner: str, ttl_s: float) -> bool:
        now = time.time()
        with self._conn as conn:  # one statement: taken, renewed or left as it is, atomically
            cursor = conn.execute(
                "INSERT INTO leases VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
                " expires_at = excluded.expires_at WHERE leases.owner = excluded.owner OR leases.expires_at <= ?",
                (name, owner, now + ttl_s, now))
            return cursor.rowcount == 1

    def release_lease(self, name: str, owner: str) -> None:
        with self._conn as conn:
            conn.execute("DELETE FROM leases WHERE name = ? AND owner = ?", (name, owner))

    def leases(self) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT name, owner, expires_at FROM leases ORDER BY name").fetchall()
        return [{"name": name, "owner": owner, "expires_at": datetime.fromtimestamp(expires, timezone.utc)}
                for name, owner, expires in rows]

    def posts_to_classify(self, model_version: str, slice_id: int, slices: int,
                          batch_size: int = 100) -> Iterator[list[tuple[Post, WriteToken]]]:
        if not 0 <= slice_id < slices:
            raise ValueError(f"slice {slice_id} is not one of 0..{slices - 1}")
        last = 0
        while True:
            rows = self._conn.execute(
                f"SELECT p.rowid, p.title, p.text, p.doc FROM posts p WHERE p.rowid > ? AND p.rowid % ? = ?"
                f" AND {LACKS_VERSION} ORDER BY p.rowid LIMIT ?",
                (last, slices, slice_id, model_version, batch_size)).fetchall()
            if not rows:
                return
            yield [(self._load(title, text, doc), (title, text, doc)) for _, title, text, doc in rows]
            if len(rows) < batch_size:
                return
            last = rows[-1][0]

    def write_labels(self, post: Post, token: WriteToken) -> bool:
        conn = self._conn
        with conn:
            conn.execute("BEGIN IMMEDIATE")  # the check and the write with no other writer in between
            row = conn.execute("SELECT title, text, doc FROM posts WHERE id = ?", (post.id,)).fetchone()
            if row is None or tuple(row) != tuple(token):
                return False
            self._upsert_locked(conn, [post], UpsertResult())
        return True

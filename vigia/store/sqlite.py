"""The embedded store: one SQLite file in WAL mode, with FTS5 full-text search that folds diacritics."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from vigia.errors import StoreError
from vigia.model import Post, canonical_url
from vigia.query import parse
from vigia.store.base import (
    TERM,
    Bucket,
    Filters,
    Interval,
    SearchPage,
    SearchQuery,
    Store,
    UpsertResult,
    TermScore,
    check_facet,
    jlh,
)
from vigia.text import fold

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (source TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    source TEXT,
    url TEXT,
    language TEXT,
    country TEXT,
    author TEXT,
    created_at INTEGER NOT NULL,
    engagement INTEGER NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS posts_created ON posts (created_at, rowid);
CREATE INDEX IF NOT EXISTS posts_platform ON posts (platform, created_at);
CREATE INDEX IF NOT EXISTS posts_country ON posts (country, created_at);
CREATE INDEX IF NOT EXISTS posts_language ON posts (language, created_at);
CREATE INDEX IF NOT EXISTS posts_source ON posts (source);
CREATE INDEX IF NOT EXISTS posts_author ON posts (author);
CREATE INDEX IF NOT EXISTS posts_url ON posts (url);
CREATE TABLE IF NOT EXISTS labels (
    post INTEGER NOT NULL REFERENCES posts (rowid) ON DELETE CASCADE,
    task TEXT NOT NULL, label TEXT NOT NULL, score REAL NOT NULL, model TEXT NOT NULL,
    PRIMARY KEY (post, task, model)
);
CREATE INDEX IF NOT EXISTS labels_task ON labels (task, label, score);
CREATE TABLE IF NOT EXISTS targets (
    post INTEGER NOT NULL REFERENCES posts (rowid) ON DELETE CASCADE, value TEXT NOT NULL,
    PRIMARY KEY (post, value)
);
CREATE INDEX IF NOT EXISTS targets_value ON targets (value);
CREATE TABLE IF NOT EXISTS myths (
    post INTEGER NOT NULL REFERENCES posts (rowid) ON DELETE CASCADE, value TEXT NOT NULL,
    PRIMARY KEY (post, value)
);
CREATE INDEX IF NOT EXISTS myths_value ON myths (value);
CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts USING fts5 (
    title, text, content = 'posts', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
DROP TRIGGER IF EXISTS posts_ai;
CREATE TRIGGER IF NOT EXISTS posts_ad AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS posts_au AFTER UPDATE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO posts_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""
STORE_VERSION = "1"
COLUMNS = "id, platform, source, url, language, country, author, created_at, engagement, title, text, doc"
MULTI = {"target": "targets", "myth": "myths"}
BUCKET_SQL = {
    "hour": "strftime('%Y-%m-%dT%H:00:00', p.created_at, 'unixepoch')",
    "day": "date(p.created_at, 'unixepoch')",
    "week": "date(p.created_at, 'unixepoch', 'weekday 0', '-6 days')",
}
def fts_query(text: str) -> str | None:
    """User words to a safe FTS5 query (see vigia.query): each term quoted, prefixes starred."""
    parts = [f'"{term.text}"' + ("*" if term.kind == "prefix" else "") for term in parse(text)]
    return " ".join(parts) or None


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


class SQLiteStore(Store):
    """Embedded default store. Safe to share between threads: each thread gets its own connection."""

    schemes = ("sqlite",)

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {self.path}: {exc.strerror}") from None
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self._conn
        try:
            with conn:
                conn.executescript(SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('store_version', ?)", (STORE_VERSION,))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable Vigía store: {exc}") from None

    @classmethod
    def from_url(cls, url: str) -> SQLiteStore:
        parts = urlsplit(url)
        path = unquote(parts.netloc + parts.path) if parts.netloc else unquote(parts.path)
        if parts.path.startswith("//"):  # sqlite:////abs/path
            path = unquote(parts.path[1:])
        if not path or path == "/":
            raise StoreError(f"'{url}' names no database file (use sqlite:///path/to/vigia.db)")
        return cls(Path(path).expanduser())

    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot open {self.path}: {exc}") from None
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, posts: Iterable[Post]) -> UpsertResult:
        batch = list(posts)
        result = UpsertResult()
        if not batch:
            return result
        conn = self._conn
        with conn:
            conn.execute("BEGIN IMMEDIATE")  # we number new rows ourselves: no other writer in between
            known = self._existing(conn, {p.id for p in batch})
            next_rowid = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM posts").fetchone()[0]
            final: dict[str, tuple[int, Post, bool]] = {}  # id -> (rowid, post, is new)
            for post in batch:
                if post.id in final or post.id in known:
                    rowid, before, is_new = final.get(post.id) or (*known[post.id], False)
                    merged, changed = before.merged_with(post)
                    if not changed:
                        result.unchanged += 1
                        continue
                    final[post.id] = (rowid, merged, is_new)
                    result.updated += 1
                else:
                    final[post.id] = (next_rowid, post, True)
                    next_rowid += 1
                    result.new += 1
                result.ids.append(post.id)
            inserts = [(rowid, *self._columns(p)) for rowid, p, is_new in final.values() if is_new]
            updates = [(*self._columns(p), rowid) for rowid, p, is_new in final.values() if not is_new]
            conn.executemany(f"INSERT INTO posts (rowid, {COLUMNS}) VALUES (?, {', '.join('?' * 12)})", inserts)
            if inserts:  # one statement indexes the new rows: far faster than a trigger per row
                conn.execute("INSERT INTO posts_fts (rowid, title, text) SELECT rowid, title, text FROM posts"
                             " WHERE rowid >= ?", (inserts[0][0],))
            conn.executemany(f"UPDATE posts SET {', '.join(c + ' = ?' for c in COLUMNS.split(', '))}"
                             " WHERE rowid = ?", updates)
            changed_rowids = [(row[-1],) for row in updates]
            for table in ("labels", "targets", "myths"):
                conn.executemany(f"DELETE FROM {table} WHERE post = ?", changed_rowids)
            self._write_facets(conn, [(rowid, p) for rowid, p, _ in final.values()])
        return result

    def _existing(self, conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple[int, Post]]:
        found = {}
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start:start + 500]
            rows = conn.execute(f"SELECT rowid, id, title, text, doc FROM posts WHERE id IN ({','.join('?' * len(chunk))})",
                                chunk).fetchall()
            found.update({row[1]: (row[0], self._load(*row[2:])) for row in rows})
        return found

    def _columns(self, post: Post) -> tuple[Any, ...]:
        doc = post.model_dump_json(exclude={"title", "text"})
        return (post.id, post.platform, post.source, post.url and canonical_url(post.url), post.language,
                post.country, post.author, _epoch(post.created_at), post.engagement.total, post.title,
                post.text, doc)

    @staticmethod
    def _write_facets(conn: sqlite3.Connection, rows: list[tuple[int, Post]]) -> None:
        conn.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?, ?, ?, ?)",
                         [(r, lab.task, lab.label, lab.score, lab.model) for r, p in rows for lab in p.labels])
        conn.executemany("INSERT OR IGNORE INTO targets VALUES (?, ?)", [(r, t) for r, p in rows for t in p.targets])
        conn.executemany("INSERT OR IGNORE INTO myths VALUES (?, ?)", [(r, m) for r, p in rows for m in p.myths])

    def delete(self, *, ids: Iterable[str] = (), url: str | None = None, author: str | None = None) -> list[str]:
        ids = list(ids)
        if not ids and url is None and author is None:
            raise ValueError("delete needs ids, a url or an author")
        conn = self._conn
        doomed: set[str] = set()
        with conn:
            for chunk in range(0, len(ids), 500):
                part = ids[chunk:chunk + 500]
                rows = conn.execute(f"SELECT id FROM posts WHERE id IN ({','.join('?' * len(part))})", part)
                doomed.update(row[0] for row in rows)
            if url is not None:
                doomed.update(r[0] for r in conn.execute("SELECT id FROM posts WHERE url = ?", (canonical_url(url),)))
            if author is not None:
                doomed.update(r[0] for r in conn.execute("SELECT id FROM posts WHERE author = ?", (author,)))
            ordered = sorted(doomed)
            for chunk in range(0, len(ordered), 500):
                part = ordered[chunk:chunk + 500]
                conn.execute(f"DELETE FROM posts WHERE id IN ({','.join('?' * len(part))})", part)
        return ordered

    def set_checkpoint(self, source: str, state: dict[str, Any]) -> None:
        with self._conn as conn:
            conn.execute("INSERT OR REPLACE INTO checkpoints VALUES (?, ?)", (source, json.dumps(state)))

    def get_checkpoint(self, source: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT state FROM checkpoints WHERE source = ?", (source,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- reading -----------------------------------------------------------------------------

    @staticmethod
    def _load(title: str | None, text: str, doc: str) -> Post:
        data = json.loads(doc)
        data["title"], data["text"] = title, text
        return Post.model_validate(data)

    def get(self, post_id: str) -> Post | None:
        row = self._conn.execute("SELECT title, text, doc FROM posts WHERE id = ?", (post_id,)).fetchone()
        return self._load(*row) if row else None

    def _where(self, filters: Filters | None, text: str | None = None) -> tuple[str, list[Any]]:
        f = filters or Filters()
        clauses: list[str] = []
        args: list[Any] = []
        if f.since is not None:
            clauses.append("p.created_at >= ?")
            args.append(_epoch(f.since))
        if f.until is not None:
            clauses.append("p.created_at < ?")
            args.append(_epoch(f.until))
        for column, values in (("platform", f.platforms), ("source", f.sources),
                               ("language", f.languages), ("country", f.countries)):
            if values:
                clauses.append(f"p.{column} IN ({','.join('?' * len(values))})")
                args.extend(values)
        for table, values in (("targets", f.targets), ("myths", f.myths)):
            if values:
                clauses.append(f"p.rowid IN (SELECT post FROM {table} WHERE value IN ({','.join('?' * len(values))}))")
                args.extend(values)
        if f.task:
            cond = ["task = ?"]
            args.append(f.task)
            if f.labels:
                cond.append(f"label IN ({','.join('?' * len(f.labels))})")
                args.extend(f.labels)
            if f.min_score is not None:
                cond.append("score >= ?")
                args.append(f.min_score)
            if f.max_score is not None:
                cond.append("score <= ?")
                args.append(f.max_score)
            clauses.append(f"p.rowid IN (SELECT post FROM labels WHERE {' AND '.join(cond)})")
        if text and (match := fts_query(text)):
            clauses.append("p.rowid IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)")
            args.append(match)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def _run(self, sql: str, args: list[Any]) -> list[tuple]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"query failed on {self.path}: {exc}") from None

    def count(self, filters: Filters | None = None) -> int:
        where, args = self._where(filters)
        return self._run(f"SELECT count(*) FROM posts p{where}", args)[0][0]

    def search(self, query: SearchQuery) -> SearchPage:
        where, args = self._where(query.filters, query.text)
        total = self._run(f"SELECT count(*) FROM posts p{where}", args)[0][0]
        direction = "DESC" if query.descending else "ASC"
        order = {
            "date": f"p.created_at {direction}, p.rowid {direction}",
            "engagement": f"p.engagement {direction}, p.created_at DESC",
            "score": f"s.score IS NULL, s.score {direction}, p.created_at DESC",
        }[query.sort]
        join = ""
        if query.sort == "score":
            join = " LEFT JOIN (SELECT post, max(score) AS score FROM labels WHERE task = ? GROUP BY post) s" \
                   " ON s.post = p.rowid"
            args = [query.score_task, *args]
        rows = self._run(f"SELECT p.title, p.text, p.doc FROM posts p{join}{where} ORDER BY {order}"
                         f" LIMIT ? OFFSET ?", [*args, query.limit, query.offset])
        return SearchPage(total=total, posts=[self._load(*row) for row in rows])

    def _facet_sql(self, facet: str) -> tuple[str, str, list[Any]]:
        """(join, value expression, join args) for a facet."""
        task = check_facet(facet)
        if task is not None:
            return " JOIN labels l ON l.post = p.rowid AND l.task = ?", "l.label", [task]
        if facet in MULTI:
            return f" JOIN {MULTI[facet]} m ON m.post = p.rowid", "m.value", []
        return "", f"p.{facet}", []

    def counts_over_time(self, filters: Filters | None = None, interval: Interval = "day",
                         split_by: str | None = None) -> list[Bucket]:
        if interval not in BUCKET_SQL:
            raise ValueError(f"unknown interval '{interval}'; use hour, day or week")
        where, args = self._where(filters)
        bucket = BUCKET_SQL[interval]
        if split_by is None:
            rows = self._run(f"SELECT {bucket} AS b, NULL, count(*) FROM posts p{where} GROUP BY b ORDER BY b", args)
        else:
            join, value, join_args = self._facet_sql(split_by)
            rows = self._run(f"SELECT {bucket} AS b, {value} AS k, count(DISTINCT p.rowid) FROM posts p{join}{where}"
                             f" GROUP BY b, k ORDER BY b, k", [*join_args, *args])
        return [Bucket(start=datetime.fromisoformat(b).replace(tzinfo=timezone.utc), key=k, count=c)
                for b, k, c in rows]

    def top_values(self, facet: str, filters: Filters | None = None, limit: int = 10) -> list[tuple[str, int]]:
        join, value, join_args = self._facet_sql(facet)
        where, args = self._where(filters)
        where = (where + " AND " if where else " WHERE ") + f"{value} IS NOT NULL"
        rows = self._run(f"SELECT {value} AS v, count(DISTINCT p.rowid) AS n FROM posts p{join}{where}"
                         f" GROUP BY v ORDER BY n DESC, v LIMIT ?", [*join_args, *args, limit])
        return [(v, n) for v, n in rows]

    def emerging_terms(self, filters: Filters, baseline: Filters, limit: int = 20,
                       min_docs: int = 3) -> list[TermScore]:
        fg_ids, fg_terms = self._term_sets(filters)
        bg_ids, bg_terms = self._term_sets(baseline)
        superset = {**bg_terms, **fg_terms}
        return jlh(fg_terms, superset, len(fg_ids), len(fg_ids | bg_ids), limit, min_docs)

    def _term_sets(self, filters: Filters) -> tuple[set[int], dict[int, set[str]]]:
        where, args = self._where(filters)
        rows = self._run(f"SELECT p.rowid, p.title, p.text FROM posts p{where}", args)
        terms = {rowid: set(TERM.findall(fold(f"{title or ''} {text}"))) for rowid, title, text in rows}
        return set(terms), terms

    def iter_posts(self, filters: Filters | None = None, batch_size: int = 1000) -> Iterator[Post]:
        where, args = self._where(filters)
        keyset = "(p.created_at, p.rowid) > (?, ?)"
        where = f"{where} AND {keyset}" if where else f" WHERE {keyset}"
        last: tuple[int, int] = (-(2**62), -1)
        while True:
            rows = self._run(f"SELECT p.created_at, p.rowid, p.title, p.text, p.doc FROM posts p{where}"
                             f" ORDER BY p.created_at, p.rowid LIMIT ?", [*args, *last, batch_size])
            for row in rows:
                yield self._load(*row[2:])
            if len(rows) < batch_size:
                return
            last = (rows[-1][0], rows[-1][1])

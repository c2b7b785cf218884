"""The embedded store: one SQLite file in WAL mode, with FTS5 full-text search that folds diacritics."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from vigia.errors import StoreError
from vigia.model import SCHEMA_VERSION, Post, canonical_url
from vigia.post_migrations import upgrade
from vigia.progress import track
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
from vigia.store.sqlite_work import SQLiteWork
from vigia.text import fold

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (source TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at REAL NOT NULL);
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
DAILY_BUCKET_SQL = {"day": "d.day", "week": "date(d.day, 'weekday 0', '-6 days')"}
# A post's profile: the fields counts_over_time and count can answer from the daily counts. Its labels are
# the set of its (task, label) pairs, kept as a sorted JSON array. Sources, targets and myths are left out:
# they are many and (targets, myths) several per post, so a table keyed by them has about a row per post and
# counting it is no faster than counting the posts; questions about them are answered from the posts.
PROFILE = ("day", "platform", "language", "country", "labels")
# Posts per day and profile at two grains; a question goes to the smaller table that has every field it
# filters or splits on (Panorama's usual one, a country and a label split, to the few rows of the first).
# Each table's fields are its primary key, in that order. A field a post lacks is stored as the empty BLOB
# (a primary key cannot hold NULL, and a blob never equals the text a filter compares it with).
DAILY_LEVELS = (
    ("daily_by_country", ("country", "day", "labels")),
    ("daily_by_place", ("day", "country", "platform", "language", "labels")),
)
DAILY_COUNTS_VERSION = "4"
NONE = b""
DAILY_SCHEMA = [f"DROP TABLE IF EXISTS {table}" for table, _ in DAILY_LEVELS] + [
    statement for table, fields in DAILY_LEVELS for statement in (
        f"CREATE TABLE {table} ({' NOT NULL, '.join(fields)} NOT NULL, posts INTEGER NOT NULL,"
        f" PRIMARY KEY ({', '.join(fields)})) WITHOUT ROWID",
        *([f"CREATE INDEX {table}_country ON {table} (country, day)",
           f"CREATE INDEX {table}_platform ON {table} (platform, day)"] if fields[0] == "day" else []))]
FILTER_FIELDS = {"platforms": "platform", "languages": "language", "countries": "country", "task": "labels"}
SPLIT_FIELDS = {"platform": "platform", "language": "language", "country": "country"}
DAY = 86_400
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def fts_query(text: str) -> str | None:
    """User words to a safe FTS5 query (see vigia.query): each term quoted, prefixes starred."""
    parts = [f'"{term.text}"' + ("*" if term.kind == "prefix" else "") for term in parse(text)]
    return " ".join(parts) or None


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


def _or_none(value: str | None) -> str | bytes:
    return NONE if value is None else value


@lru_cache(maxsize=4096)
def _json_list(values: frozenset) -> str:
    """A set as a sorted JSON array: the same set always gives the same text."""
    return json.dumps(sorted(values)) if values else "[]"


@lru_cache(maxsize=4096)
def _day(day_number: int) -> str:
    """The ISO date of a day counted from 1970-01-01, as SQLite's date(seconds, 'unixepoch') writes it."""
    return date.fromordinal(EPOCH_ORDINAL + day_number).isoformat()


def _midnight(value: datetime) -> datetime:
    """The UTC midnight at or before `value`."""
    return datetime.fromtimestamp(_epoch(value) // DAY * DAY, timezone.utc)


def _next_midnight(value: datetime) -> datetime:
    """The UTC midnight at or after `value`."""
    return datetime.fromtimestamp(-(-_epoch(value) // DAY) * DAY, timezone.utc)


class SQLiteStore(SQLiteWork, Store):
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
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                built = conn.execute("SELECT value FROM meta WHERE key = 'daily_counts_version'").fetchone()
                if built is None or built[0] != DAILY_COUNTS_VERSION:
                    self._rebuild_daily_counts(conn)
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                stored = conn.execute("SELECT value FROM meta WHERE key = 'post_schema_version'").fetchone()
                if stored is None or int(stored[0]) < SCHEMA_VERSION:
                    self._upgrade_posts(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable Vigía store: {exc}") from None

    def _upgrade_posts(self, conn: sqlite3.Connection) -> None:
        """Rewrite the documents of posts stored by an older schema version (see vigia.post_migrations)."""
        old = [(rowid, doc) for rowid, doc in conn.execute(
            "SELECT rowid, doc FROM posts WHERE json_extract(doc, '$.schema_version') IS NOT ?", (SCHEMA_VERSION,))]
        chunks = [old[start:start + 10_000] for start in range(0, len(old), 10_000)]
        description = f"{self.path.name}: upgrading posts to schema v{SCHEMA_VERSION}"
        for chunk in track(chunks, description, unit="×10k posts"):
            conn.executemany("UPDATE posts SET doc = ? WHERE rowid = ?",
                             [(json.dumps(upgrade(json.loads(doc)), ensure_ascii=False), rowid)
                              for rowid, doc in chunk])
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('post_schema_version', ?)", (str(SCHEMA_VERSION),))

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
            conn.execute("PRAGMA cache_size = -65536")  # up to 64 MiB of pages: indexes of a big corpus stay warm
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
            self._upsert_locked(conn, batch, result)
        return result

    def _upsert_locked(self, conn: sqlite3.Connection, batch: list[Post], result: UpsertResult) -> None:
        """upsert's work, inside its transaction (write_labels runs it too, after its check)."""
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
        before = self._stored_profiles(conn, [row[-1] for row in updates])
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
        after = Counter(self._profile(p) for _, p, _ in final.values())
        before_counts = Counter(before.values())
        self._add_daily_counts(conn, after - before_counts, before_counts - after)

    # -- daily counts: one row per profile (day, platform, language, country, label set) and grain
    # with how many posts have exactly that profile, kept in the transaction that changes the posts, so
    # counts_over_time and count can sum it instead of scanning posts. A post's profile is what the
    # un-aggregated queries see of it: _profile (from the post being written) and _stored_profiles (read
    # back from the tables) must agree, which tests/test_store_daily_counts.py checks.

    @staticmethod
    def _profile(post: Post) -> tuple:
        """(day, platform, language, country, labels) as the tables will hold them."""
        labels = {(lab.task, lab.model): lab.label for lab in post.labels}  # the labels table keeps the last
        return (_day(_epoch(post.created_at) // DAY), post.platform, _or_none(post.language),
                _or_none(post.country), _json_list(frozenset((task, label) for (task, _), label in labels.items())))

    @staticmethod
    def _stored_profiles(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple]:
        """rowid -> the profile of a stored post."""
        profiles: dict[int, tuple] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            labels: dict[int, set] = {r: set() for r in chunk}
            for post, task, value in conn.execute(f"SELECT post, task, label FROM labels WHERE post IN ({marks})",
                                                  chunk):
                labels[post].add((task, value))
            rows = conn.execute(f"SELECT rowid, date(created_at, 'unixepoch'), platform, coalesce(language, ?),"
                                f" coalesce(country, ?) FROM posts WHERE rowid IN ({marks})", [NONE, NONE, *chunk])
            for rowid, *columns in rows:
                profiles[rowid] = (*columns, _json_list(frozenset(labels[rowid])))
        return profiles

    @staticmethod
    def _add_daily_counts(conn: sqlite3.Connection, added: Counter, removed: Counter) -> None:
        """Add and take away posts of these profiles at every grain; a profile left with no posts goes."""
        for table, fields in DAILY_LEVELS:
            pick = itemgetter(*(PROFILE.index(f) for f in fields))
            plus: Counter = Counter()
            minus: Counter = Counter()
            for profiles, into in ((added, plus), (removed, minus)):
                for profile, n in profiles.items():
                    into[pick(profile)] += n
            net_plus, net_minus = (plus - minus, minus - plus) if minus else (plus, minus)
            key = " AND ".join(f"{field} = ?" for field in fields)
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * (len(fields) + 1))})"
                             f" ON CONFLICT ({', '.join(fields)}) DO UPDATE SET posts = posts + excluded.posts",
                             [(*row, n) for row, n in net_plus.items()])
            if net_minus:
                conn.executemany(f"UPDATE {table} SET posts = posts - ? WHERE {key}",
                                 [(n, *row) for row, n in net_minus.items()])
                conn.executemany(f"DELETE FROM {table} WHERE {key} AND posts <= 0", list(net_minus))

    def _rebuild_daily_counts(self, conn: sqlite3.Connection) -> None:
        for statement in DAILY_SCHEMA:
            conn.execute(statement)
        rowids = [r[0] for r in conn.execute("SELECT rowid FROM posts")]
        chunks = [rowids[start:start + 10_000] for start in range(0, len(rowids), 10_000)]
        for chunk in track(chunks, f"{self.path.name}: counting posts per day", unit="×10k posts"):
            profiles = self._stored_profiles(conn, chunk)
            self._add_daily_counts(conn, Counter(profiles.values()), Counter())
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('daily_counts_version', ?)", (DAILY_COUNTS_VERSION,))

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
            rowids = []
            for chunk in range(0, len(ordered), 500):
                part = ordered[chunk:chunk + 500]
                rowids += [r[0] for r in conn.execute(f"SELECT rowid FROM posts WHERE id IN"
                                                      f" ({','.join('?' * len(part))})", part)]
            self._add_daily_counts(conn, Counter(), Counter(self._stored_profiles(conn, rowids).values()))
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
        if filters is not None and filters.task and self._daily_answers(filters, None):  # else indexes suffice
            return sum(c for _, _, c in self._daily_rows(filters, None, None))
        return self._count_posts(filters)

    def _count_posts(self, filters: Filters | None) -> int:
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
        if split_by is not None:
            check_facet(split_by)
        if interval in DAILY_BUCKET_SQL and self._daily_answers(filters, split_by):
            return [Bucket(start=datetime.fromisoformat(b).replace(tzinfo=timezone.utc), key=k, count=c)
                    for b, k, c in self._daily_rows(filters or Filters(), interval, split_by)]
        return self._counts_over_posts(filters, interval, split_by)

    @staticmethod
    def _daily_answers(filters: Filters | None, split_by: str | None) -> bool:
        """Whether the daily counts hold the answer: every filter and the split are profile fields."""
        f = filters or Filters()
        return (f.min_score is None and f.max_score is None and not (f.sources or f.targets or f.myths)
                and (split_by is None or split_by in SPLIT_FIELDS or split_by.startswith("label.")))

    def _daily_rows(self, filters: Filters, interval: Interval | None,
                    split_by: str | None) -> list[tuple[str | None, str | None, int]]:
        """(bucket, key, posts) from the daily counts; the partial days at either end come from the posts."""
        since, until = filters.since, filters.until
        first = since and _next_midnight(since)
        last = until and _midnight(until)
        if first is not None and last is not None and first >= last:  # no whole day in the range
            return self._sorted(self._edge_rows(filters, interval, split_by))
        totals: Counter = Counter()
        if since is not None and first != since:
            totals.update(self._edge_rows(filters.model_copy(update={"until": first}), interval, split_by))
        if until is not None and last != until:
            totals.update(self._edge_rows(filters.model_copy(update={"since": last}), interval, split_by))
        task = split_by and check_facet(split_by)
        split_field = "labels" if task else SPLIT_FIELDS.get(split_by or "")
        needed = {field for name, field in FILTER_FIELDS.items() if getattr(filters, name)}
        needed |= {split_field} if split_field else set()
        table = next(table for table, fields in DAILY_LEVELS if needed <= set(fields))
        grouped = sorted(needed)
        clauses, args = [], []
        if first is not None:
            clauses.append("d.day >= ?")
            args.append(first.strftime("%Y-%m-%d"))
        if last is not None:
            clauses.append("d.day < ?")
            args.append(last.strftime("%Y-%m-%d"))
        for name in ("platforms", "languages", "countries"):
            if values := getattr(filters, name):
                clauses.append(f"d.{FILTER_FIELDS[name]} IN ({','.join('?' * len(values))})")
                args.extend(values)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        bucket = DAILY_BUCKET_SQL[interval] if interval else "NULL"
        columns = "".join(f", d.{field}" for field in grouped)
        rows = self._run(f"SELECT {bucket} AS b{columns}, sum(d.posts) FROM {table} d{where}"
                         f" GROUP BY b{columns}", args)
        decoded: dict[str, list] = {}  # each label set's JSON, parsed once
        wanted = set(filters.labels)
        for b, *values, n in rows:
            row = dict(zip(grouped, (None if value == NONE else value for value in values)))
            labels: list = []
            if "labels" in row:
                if row["labels"] not in decoded:
                    decoded[row["labels"]] = json.loads(row["labels"])
                labels = decoded[row["labels"]]
            if filters.task and not any(t == filters.task and (not wanted or label in wanted) for t, label in labels):
                continue
            if task:  # a post counts once under each label it has for the task
                for key in {label for t, label in labels if t == task}:
                    totals[(b, key)] += n
            else:
                totals[(b, row.get(split_field))] += n
        return self._sorted(totals)

    @staticmethod
    def _sorted(totals: Counter) -> list[tuple[str | None, str | None, int]]:
        """As ORDER BY bucket, key sorts: a None key first."""
        return [(b, k, c) for (b, k), c in sorted(totals.items(), key=lambda item: (
            item[0][0] or "", item[0][1] is not None, item[0][1] or "")) if c]

    def _edge_rows(self, filters: Filters, interval: Interval | None, split_by: str | None) -> Counter:
        if interval is None:
            return Counter({(None, None): self._count_posts(filters)})
        return Counter({(b.start.strftime("%Y-%m-%d"), b.key): b.count
                        for b in self._counts_over_posts(filters, interval, split_by)})

    def _counts_over_posts(self, filters: Filters | None, interval: Interval,
                           split_by: str | None) -> list[Bucket]:
        """counts_over_time from the posts themselves (hourly buckets, score bounds, split by author)."""
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

    def mentioning(self, account: str) -> Iterator[Post]:
        rows = self._run("SELECT p.title, p.text, p.doc FROM posts p WHERE EXISTS (SELECT 1 FROM"
                         " json_each(p.doc, '$.mentions') WHERE value = ?) ORDER BY p.created_at, p.rowid", [account])
        return (self._load(*row) for row in rows)

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

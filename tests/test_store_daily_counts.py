"""The SQLite store's daily counts give exactly what counting the posts gives, through updates, forgets and retention.

counts_over_time and count answer from the pre-aggregated daily counts when the filters allow; each check here
compares that answer with the same question put to the posts themselves (`_counts_over_posts`, `_count_posts`).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from vigia.model import Label, Post, Provenance
from vigia.privacy.retention import strip
from vigia.store import Filters
from vigia.store.sqlite import DAILY_LEVELS, SQLiteStore

T0 = datetime(2026, 3, 2, tzinfo=timezone.utc)  # a Monday
PLATFORMS = ["x", "news", "telegram"]
SOURCES = ["s1", "s2", None]
LANGUAGES = ["es", "pt", None]
COUNTRIES = ["CO", "PE", "BR", None]
GROUPS = ["venezuelans", "haitians", "migrants"]
MYTHS = ["crime_insecurity", "jobs_wages"]
SPLITS = [None, "platform", "source", "language", "country", "target", "myth", "label.hate", "label.migration"]


def make_post(i: int, rng: random.Random) -> Post:
    labels = [Label(task="hate", label=rng.choice(["hateful", "not_hateful"]), score=round(rng.random(), 3),
                    model="m1", model_version="1")]
    if rng.random() < 0.6:
        labels.append(Label(task="migration", label=rng.choice(["migration", "not_migration"]),
                            score=round(rng.random(), 3), model="m1", model_version="1"))
    if rng.random() < 0.2:  # a human who disagrees with the model: the post has two hate labels
        labels.append(Label(task="hate", label=rng.choice(["hateful", "not_hateful"]), score=1.0,
                            model="human:ana", model_version="1"))
    return Post(
        id=f"x:{i}", platform=rng.choice(PLATFORMS), native_id=str(i), source=rng.choice(SOURCES),
        url=f"https://example.org/{i}", text=f"post {i}", language=rng.choice(LANGUAGES),
        created_at=T0 + timedelta(seconds=rng.randrange(12 * 86_400)), collected_at=T0 + timedelta(days=20),
        country=rng.choice(COUNTRIES), author=f"a_{i % 9:020d}", labels=labels,
        targets=rng.sample(GROUPS, rng.randrange(3)), myths=rng.sample(MYTHS, rng.randrange(2)),
        provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)),
    )


def random_filters(rng: random.Random) -> Filters:
    f: dict = {}
    if rng.random() < 0.5:  # midnight or not: partial days at either end come from the posts
        f["since"] = T0 + timedelta(days=rng.randrange(6), hours=rng.choice([0, 0, 7]))
    if rng.random() < 0.5:
        f["until"] = T0 + timedelta(days=rng.randrange(5, 13), hours=rng.choice([0, 0, 13]))
    for name, values in (("platforms", PLATFORMS), ("sources", ["s1", "s2"]), ("languages", ["es", "pt"]),
                         ("countries", ["CO", "PE", "BR"]), ("targets", GROUPS), ("myths", MYTHS)):
        if rng.random() < 0.25:
            f[name] = rng.sample(values, rng.randrange(1, 3))
    if rng.random() < 0.3:
        f["task"] = rng.choice(["hate", "migration"])
        if rng.random() < 0.7:
            f["labels"] = [rng.choice(["hateful", "not_hateful", "migration", "not_migration"])]
    return Filters(**f)


def assert_same_as_counting_posts(store: SQLiteStore, rng: random.Random, cases: int = 60) -> None:
    for _ in range(cases):
        f = random_filters(rng)
        split, interval = rng.choice(SPLITS), rng.choice(["day", "week"])
        assert store.counts_over_time(f, interval, split) == store._counts_over_posts(f, interval, split), (
            f, interval, split)
        assert store.count(f) == store._count_posts(f), f
    assert store.counts_over_time() == store._counts_over_posts(None, "day", None)
    assert store.count() == store._count_posts(None)


def daily_rows(path: Path) -> list[tuple]:
    """(table, profile, posts) of every grain of the daily counts."""
    with sqlite3.connect(path) as conn:
        return sorted(((table, row[:-1], row[-1]) for table, _ in DAILY_LEVELS
                       for row in conn.execute(f"SELECT * FROM {table}")), key=repr)


@pytest.fixture
def store(tmp_path: Path):
    db = SQLiteStore(tmp_path / "daily.db")
    yield db
    db.close()


def test_daily_counts_match_the_posts_through_reclassification_forget_and_retention(store: SQLiteStore,
                                                                                      tmp_path: Path):
    rng = random.Random(11)
    corpus = [make_post(i, rng) for i in range(400)]
    for start in range(0, len(corpus), 150):
        store.upsert(corpus[start:start + 150])
    assert_same_as_counting_posts(store, rng)

    relabelled = []  # re-classification: the same model changes its mind, and one batch repeats a post
    for post in rng.sample(corpus, 120):
        labels = [lab.model_copy(update={"label": "not_hateful" if lab.label == "hateful" else "hateful"})
                  if lab.task == "hate" and lab.model == "m1" else lab for lab in post.labels]
        relabelled.append(post.model_copy(update={"labels": labels, "targets": rng.sample(GROUPS, 1)}))
    result = store.upsert(relabelled + relabelled[:5])
    assert result.updated >= 100
    assert_same_as_counting_posts(store, rng)

    gone = store.delete(ids=[p.id for p in corpus[:30]]) + store.delete(author=f"a_{4:020d}")
    gone += store.delete(url="https://example.org/333")
    assert len(gone) > 60 and store.count() == 400 - len(set(gone))
    assert_same_as_counting_posts(store, rng)

    old = list(store.iter_posts(Filters(until=T0 + timedelta(days=4))))
    store.upsert([strip(p, datetime.now(timezone.utc)) for p in old])
    assert_same_as_counting_posts(store, rng)

    rows = daily_rows(store.path)
    assert rows and all(n > 0 for _, _, n in rows)  # emptied profiles are removed, not left at zero
    for table, _ in DAILY_LEVELS:
        assert sum(n for t, _, n in rows if t == table) == store._count_posts(None)


def test_an_existing_store_without_daily_counts_builds_them_on_open(store: SQLiteStore, tmp_path: Path):
    rng = random.Random(5)
    store.upsert([make_post(i, rng) for i in range(200)])
    built_in_step = daily_rows(store.path)
    store.close()
    with sqlite3.connect(store.path) as conn:  # a store written before the daily counts existed
        for table, _ in DAILY_LEVELS:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM meta WHERE key = 'daily_counts_version'")
    reopened = SQLiteStore(store.path)
    assert daily_rows(store.path) == built_in_step
    assert_same_as_counting_posts(reopened, rng, cases=20)
    reopened.close()


def test_what_the_profiles_leave_out_is_counted_from_the_posts(store: SQLiteStore):
    rng = random.Random(3)
    store.upsert([make_post(i, rng) for i in range(100)])
    with sqlite3.connect(store.path) as conn:  # poison the daily counts: answers that use them show it
        for table, _ in DAILY_LEVELS:
            conn.execute(f"UPDATE {table} SET posts = posts + 1000")
    scored = Filters(task="hate", min_score=0.5)
    assert store.count(scored) == store._count_posts(scored) < 100
    assert store.counts_over_time(scored) == store._counts_over_posts(scored, "day", None)
    for f in (Filters(sources=["s1"]), Filters(targets=["haitians"]), Filters(myths=["jobs_wages"])):
        assert store.counts_over_time(f, "week") == store._counts_over_posts(f, "week", None)
    assert sum(b.count for b in store.counts_over_time(interval="hour")) == 100
    for facet in ("author", "source", "target", "myth"):
        assert store.counts_over_time(split_by=facet) == store._counts_over_posts(None, "day", facet)
    assert store.count() == 100
    assert sum(b.count for b in store.counts_over_time()) > 1000  # ...while these do come from them
    assert store.count(Filters(task="hate", countries=["CO"])) > 1000

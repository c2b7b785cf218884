"""The store contract: every registered backend must pass these tests unchanged.

A new backend adds one factory to tests/stores.py; `test_every_backend_is_tested` fails until it does.
Results are checked against a plain-Python reading of the same corpus, so each filter, bucket and facet
is compared with what it should be, not with a number written down by hand.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stores import STORE_FACTORIES
from vigia.model import Cue, Engagement, Label, Media, Post, Provenance, canonical_url
from vigia.store import BACKENDS, Filters, SearchQuery, Store

T0 = datetime(2026, 1, 5, 0, 0, tzinfo=timezone.utc)  # a Monday
PLATFORMS = ["x", "news", "telegram", "mastodon"]
COUNTRIES = ["CO", "PE", "CL", "BR", None]
LANGS = ["es", "pt", "en", "ht"]
GROUPS = ["venezuelans", "haitians", "nicaraguans", "migrants"]
MYTHS = ["crime_insecurity", "jobs_wages", "disease"]
WORDS = ["migración", "frontera", "trabajo", "salud", "Darién", "acogida", "niños", "mercado"]


def label(task: str, value: str, score: float, model: str = "m1", version: str = "1") -> Label:
    return Label(task=task, label=value, score=score, model=model, model_version=version,
                 labelled_at=T0 + timedelta(days=40))


def make_post(i: int, rng: random.Random) -> Post:
    platform = PLATFORMS[i % len(PLATFORMS)]
    created = T0 + timedelta(hours=rng.randrange(0, 24 * 21), minutes=rng.randrange(60))
    hate = rng.random()
    return Post(
        id=f"{platform}:{i}", platform=platform, native_id=str(i), source=f"src{i % 3}",
        url=f"https://{platform}.example/p/{i}?utm_source=feed", title=f"Título {i}" if platform == "news" else None,
        text=f"Post {i} sobre {rng.choice(WORDS)} y {rng.choice(WORDS)} número{i}",
        language=LANGS[i % len(LANGS)], created_at=created, collected_at=created + timedelta(hours=1),
        country=COUNTRIES[i % len(COUNTRIES)], place=None, author=f"a_{i % 7:020d}",
        engagement=Engagement(likes=rng.randrange(100), shares=rng.randrange(10)),
        targets=sorted(set(rng.sample(GROUPS, rng.randrange(0, 3)))),
        myths=sorted(set(rng.sample(MYTHS, rng.randrange(0, 2)))),
        labels=[label("hate", "hateful" if hate > 0.6 else "not_hateful", round(hate, 3))],
        provenance=Provenance(collector="contract", run_id="r1", raw_hash=f"h{i}", synthetic=True),
        cues=[Cue(text="Post", kind="target", start=0, end=4, group="migrants")],
        # what schema v2 added: every store keeps it whole
        hashtags=["migrantes", f"t{i % 4}"] if i % 5 == 0 else [], mentions=[f"a_{i % 3:020d}"] if i % 2 else [],
        media=[Media(url=f"https://files.example/{i}.jpg", kind="image", alt=f"Foto {i} de una fila")]
        if i % 3 == 0 else [],
        links=[f"https://noticias.example/{i}"] if i % 4 == 1 else [],
        reply_to=str(i - 1) if i % 7 == 3 else None, thread_id=str(i - 3) if i % 7 == 3 else None,
        repost_of=f"{platform}:{i - 1}" if i % 9 == 4 else None,
        original_url=f"https://{platform}.example/p/{i - 1}" if i % 9 == 4 else None,
        edited_at=created + timedelta(minutes=5) if i % 6 == 2 else None,
        content_warning="violencia" if i % 8 == 5 else None,
        created_at_source=("article", "feed", "gdelt")[i % 3] if platform == "news" else None,  # schema v3
    )


@pytest.fixture(params=sorted(BACKENDS))
def store(request, tmp_path: Path):
    backend = STORE_FACTORIES[request.param](tmp_path)
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def corpus() -> list[Post]:
    rng = random.Random(7)
    return [make_post(i, rng) for i in range(120)]


@pytest.fixture
def loaded(store: Store, corpus: list[Post]) -> Store:
    """A store of one's own, loaded with the corpus: for tests that change it."""
    result = store.upsert(corpus)
    assert (result.new, result.updated, result.unchanged) == (len(corpus), 0, 0)
    return store


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def shared(request, tmp_path_factory, corpus: list[Post]):
    """One loaded store per backend for the tests that only read."""
    backend = STORE_FACTORIES[request.param](tmp_path_factory.mktemp(request.param))
    backend.upsert(corpus)
    yield backend
    backend.close()


def matches(post: Post, f: Filters) -> bool:
    """The reference semantics of Filters, in plain Python."""
    hate = [lab for lab in post.labels if lab.task == f.task]
    return all([
        f.since is None or post.created_at >= f.since,
        f.until is None or post.created_at < f.until,
        not f.platforms or post.platform in f.platforms,
        not f.sources or post.source in f.sources,
        not f.languages or post.language in f.languages,
        not f.countries or post.country in f.countries,
        not f.targets or set(post.targets) & set(f.targets),
        not f.myths or set(post.myths) & set(f.myths),
        not f.task or any((not f.labels or lab.label in f.labels)
                          and (f.min_score is None or lab.score >= f.min_score)
                          and (f.max_score is None or lab.score <= f.max_score) for lab in hate),
    ])


def test_every_backend_is_tested():
    assert set(BACKENDS) == set(STORE_FACTORIES)


def test_upsert_twice_is_one_record(store: Store, corpus: list[Post]):
    store.upsert(corpus[:10])
    again = store.upsert(corpus[:10])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 10)
    assert store.count() == 10


def test_same_post_twice_in_one_batch_is_one_record(store: Store, corpus: list[Post]):
    result = store.upsert([corpus[0], corpus[0]])
    assert result.new == 1 and result.unchanged == 1
    assert store.count() == 1


def test_get_round_trips_every_field(shared: Store, corpus: list[Post]):
    for post in corpus[:8]:
        assert shared.get(post.id) == post
    assert shared.get("nope:0") is None


def test_new_label_replaces_old_for_same_task_and_model(loaded: Store, corpus: list[Post]):
    post = corpus[0]
    relabelled = post.model_copy(update={"labels": [label("hate", "hateful", 0.99)]})
    other_model = post.model_copy(update={"labels": [label("hate", "not_hateful", 0.2, model="m2")]})
    assert loaded.upsert([relabelled]).updated == 1
    assert loaded.upsert([other_model]).updated == 1
    stored = loaded.get(post.id)
    by_model = {lab.model: (lab.label, lab.score) for lab in stored.labels}
    assert by_model == {"m1": ("hateful", 0.99), "m2": ("not_hateful", 0.2)}
    hits = loaded.search(SearchQuery(filters=Filters(task="hate", labels=["hateful"], min_score=0.99))).posts
    assert post.id in {p.id for p in hits}
    assert loaded.count() == len(corpus)


def test_changed_text_is_an_update_and_is_searchable(loaded: Store, corpus: list[Post]):
    post = corpus[3].model_copy(update={"text": "texto corregido sobre Tapachula"})
    assert loaded.upsert([post]).updated == 1
    assert [p.id for p in loaded.search(SearchQuery(text="tapachula")).posts] == [post.id]
    assert loaded.search(SearchQuery(text=f"número{3}")).total == 0


@pytest.mark.parametrize("query,expected", [
    ("migracion", "migración"), ("MIGRACIÓN", "migración"), ("darien", "Darién"), ("ninos", "niños"),
])
def test_search_folds_case_and_diacritics(shared: Store, corpus: list[Post], query: str, expected: str):
    want = {p.id for p in corpus if expected in p.text}
    page = shared.search(SearchQuery(text=query, limit=1000))
    assert want and {p.id for p in page.posts} == want and page.total == len(want)


def test_search_words_are_anded_and_phrases_and_prefixes_work(shared: Store, corpus: list[Post]):
    both = {p.id for p in corpus if "frontera" in p.text and "salud" in p.text}
    assert {p.id for p in shared.search(SearchQuery(text="frontera salud", limit=1000)).posts} == both
    phrase = {p.id for p in corpus if "sobre frontera" in p.text}
    assert {p.id for p in shared.search(SearchQuery(text='"sobre frontera"', limit=1000)).posts} == phrase
    prefix = {p.id for p in corpus if "número1" in p.text}
    assert {p.id for p in shared.search(SearchQuery(text="número1*", limit=1000)).posts} == prefix
    titled = {p.id for p in corpus if p.title == "Título 4"}
    assert {p.id for p in shared.search(SearchQuery(text="titulo 4", limit=1000)).posts} >= titled


@pytest.mark.parametrize("text", ['"', "AND (", "*", "-x", "NEAR(", "a:b", "'", "💥", "OR OR"])
def test_search_never_fails_on_odd_queries(shared: Store, text: str):
    page = shared.search(SearchQuery(text=text))
    assert page.total >= 0


FILTER_CASES = [
    Filters(),
    Filters(platforms=["news"]),
    Filters(platforms=["x", "telegram"], countries=["CO"]),
    Filters(sources=["src1"]),
    Filters(languages=["pt"]),
    Filters(countries=["CL", "BR"]),
    Filters(targets=["haitians"]),
    Filters(targets=["venezuelans", "nicaraguans"], languages=["es"]),
    Filters(myths=["disease"]),
    Filters(task="hate", labels=["hateful"]),
    Filters(task="hate", min_score=0.3, max_score=0.5),
    Filters(task="hate", labels=["not_hateful"], platforms=["mastodon"]),
    Filters(since=T0 + timedelta(days=3), until=T0 + timedelta(days=9)),
    Filters(since=T0 + timedelta(days=10), myths=["jobs_wages"], targets=["migrants"]),
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: repr(f.model_dump(exclude_defaults=True)))
def test_filters_select_exactly_the_matching_posts(shared: Store, corpus: list[Post], filters: Filters):
    want = {p.id for p in corpus if matches(p, filters)}
    assert shared.count(filters) == len(want)
    assert {p.id for p in shared.iter_posts(filters)} == want
    page = shared.search(SearchQuery(filters=filters, limit=1000))
    assert page.total == len(want) and {p.id for p in page.posts} == want


def test_paging_covers_everything_once(shared: Store, corpus: list[Post]):
    seen: list[str] = []
    for offset in range(0, 130, 25):
        seen += [p.id for p in shared.search(SearchQuery(limit=25, offset=offset)).posts]
    assert len(seen) == len(set(seen)) == len(corpus)


def test_sorting(shared: Store, corpus: list[Post]):
    newest = shared.search(SearchQuery(limit=1000)).posts
    assert [p.created_at for p in newest] == sorted((p.created_at for p in corpus), reverse=True)
    oldest = shared.search(SearchQuery(limit=5, descending=False)).posts
    assert [p.created_at for p in oldest] == sorted(p.created_at for p in corpus)[:5]
    engaged = shared.search(SearchQuery(sort="engagement", limit=1000)).posts
    assert [p.engagement.total for p in engaged] == sorted((p.engagement.total for p in corpus), reverse=True)
    scored = shared.search(SearchQuery(sort="score", limit=1000)).posts
    assert [p.labels[0].score for p in scored] == sorted((p.labels[0].score for p in corpus), reverse=True)


@pytest.mark.parametrize("interval", ["hour", "day", "week"])
def test_counts_over_time_match_the_corpus(shared: Store, corpus: list[Post], interval: str):
    def start(post: Post) -> datetime:
        t = post.created_at.replace(minute=0, second=0, microsecond=0)
        if interval != "hour":
            t = t.replace(hour=0)
        if interval == "week":
            t -= timedelta(days=t.weekday())
        return t

    want = Counter(start(p) for p in corpus)
    got = {b.start: b.count for b in shared.counts_over_time(interval=interval)}
    assert got == dict(want)
    assert all(b.start.tzinfo is not None for b in shared.counts_over_time(interval=interval))


@pytest.mark.parametrize("facet", ["platform", "country", "target", "myth", "label.hate"])
def test_counts_over_time_split_by_a_facet(shared: Store, corpus: list[Post], facet: str):
    f = Filters(platforms=["x", "news", "telegram"])
    want: Counter = Counter()
    for post in corpus:
        if matches(post, f):
            day = post.created_at.replace(hour=0, minute=0, second=0, microsecond=0)
            for value in facet_values(post, facet, keep_none=True):
                want[(day, value)] += 1
    got = {(b.start, b.key): b.count for b in shared.counts_over_time(f, interval="day", split_by=facet)}
    assert got == dict(want)


def facet_values(post: Post, facet: str, keep_none: bool = False) -> list[str | None]:
    """A post's values of a facet; a single-valued facet that is unset splits out as None."""
    if facet == "target":
        return post.targets
    if facet == "myth":
        return post.myths
    if facet.startswith("label."):
        return [lab.label for lab in post.labels if lab.task == facet[6:]]
    value = getattr(post, facet)
    return [value] if value is not None or keep_none else []


@pytest.mark.parametrize("facet", ["platform", "source", "language", "country", "target", "myth", "author",
                                   "label.hate"])
def test_top_values_match_the_corpus(shared: Store, corpus: list[Post], facet: str):
    f = Filters(since=T0 + timedelta(days=2))
    want = Counter(v for p in corpus if matches(p, f) for v in facet_values(p, facet))
    got = shared.top_values(facet, f, limit=3)
    assert [n for _, n in got] == [n for _, n in want.most_common(3)]
    assert all(want[v] == n for v, n in got)


def test_unknown_facet_is_a_clear_error(shared: Store):
    with pytest.raises(ValueError, match="unknown facet"):
        shared.top_values("text")


def test_iteration_has_no_cap_and_keeps_order(shared: Store, corpus: list[Post]):
    posts = list(shared.iter_posts(batch_size=7))
    assert len(posts) == len(corpus) == len({p.id for p in posts})
    keys = [(p.created_at, p.id) for p in posts]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)


def test_delete_by_id_url_and_author(loaded: Store, corpus: list[Post]):
    assert loaded.delete(ids=[corpus[0].id, "missing:1"]) == [corpus[0].id]
    assert loaded.get(corpus[0].id) is None
    url_post = corpus[1]
    assert loaded.delete(url=canonical_url(url_post.url.replace("?utm_source=feed", ""))) == [url_post.id]
    assert loaded.get(url_post.id) is None
    author = corpus[2].author
    by_author = {p.id for p in corpus[2:] if p.author == author}
    assert set(loaded.delete(author=author)) == by_author
    assert loaded.count() == len(corpus) - 2 - len(by_author)
    assert author not in {v for v, _ in loaded.top_values("author", limit=50)}
    assert loaded.search(SearchQuery(text=corpus[2].text.split()[1] + " número2")).total == 0


def test_forget_takes_the_person_out_of_other_posts_mentions(loaded: Store, corpus: list[Post], settings):
    from vigia.privacy.forget import forget

    person, other = f"a_{1:020d}", f"a_{2:020d}"  # an author who is also mentioned; another mentioned account
    assert sorted(p.id for p in loaded.mentioning(person)) == sorted(p.id for p in corpus if person in p.mentions)
    remaining = {p.id: p for p in corpus if person in p.mentions and p.author != person}
    assert remaining
    report = forget(settings, loaded, author=person)
    assert set(report.deleted) == {p.id for p in corpus if p.author == person}
    assert report.unmentioned == len(remaining) and f"{len(remaining)} other posts no longer mention" in report.line()
    assert list(loaded.mentioning(person)) == []
    for post_id, before in remaining.items():
        after = loaded.get(post_id)
        assert person not in after.mentions and after.text == before.text and after.labels == before.labels
    assert not any(person in (p.author, *p.mentions) for p in loaded.iter_posts())
    assert {p.id for p in loaded.mentioning(other)} == {p.id for p in corpus
                                                         if other in p.mentions and p.author != person}


def test_delete_needs_a_criterion(loaded: Store):
    with pytest.raises(ValueError):
        loaded.delete()


def test_checkpoints_round_trip_per_source(store: Store):
    assert store.get_checkpoint("mastodon-x") is None
    store.set_checkpoint("mastodon-x", {"min_id": "1099", "health": {"new": 3}})
    store.set_checkpoint("reddit-y", {"after": "t3_abc"})
    store.set_checkpoint("mastodon-x", {"min_id": "1200"})
    assert store.get_checkpoint("mastodon-x") == {"min_id": "1200"}
    assert store.get_checkpoint("reddit-y") == {"after": "t3_abc"}


def test_emerging_terms_rank_what_grew_in_the_period(store: Store):
    def post(i: int, text: str, day: int) -> Post:
        created = T0 + timedelta(days=day, hours=i % 24)
        return Post(id=f"e:{i}", platform="x", text=text, created_at=created, collected_at=created,
                    provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)))

    posts = [post(i, f"la frontera de siempre con migrantes {'y OLEADA' if i % 2 else ''}", 20)
             for i in range(10)]  # the period: 'oleada' in half the posts
    posts += [post(100 + i, f"la frontera de siempre con migrantes {'oleada' if i == 0 else 'calma'}", 2)
              for i in range(30)]  # the baseline: 'oleada' once
    store.upsert(posts)
    period = Filters(since=T0 + timedelta(days=15))
    baseline = Filters(until=T0 + timedelta(days=15))
    terms = store.emerging_terms(period, baseline, limit=5)
    assert terms[0].term == "oleada" and (terms[0].docs, terms[0].baseline_docs) == (5, 6)
    p_fg, p_bg = 5 / 10, 6 / 40
    assert terms[0].score == pytest.approx((p_fg - p_bg) * p_fg / p_bg, rel=1e-3)
    assert "frontera" not in {t.term for t in terms}  # as common before as during
    assert "calma" not in {t.term for t in terms}  # only in the baseline


def test_human_labels_survive_reclassification_reindex_and_other_erasures(store: Store, corpus: list[Post]):
    from vigia.labels.review import record_judgement

    store.upsert(corpus[:20])
    post = corpus[0]
    record_judgement(store, post.id, "hate", "not_hateful", "ana")
    record_judgement(store, post.id, "hate", "hateful", "luis")
    relabelled = post.model_copy(update={"labels": [label("hate", "hateful", 0.97)]})  # the model changes its mind
    store.upsert([relabelled])
    other_author = next(p.author for p in corpus[1:20] if p.author != post.author)
    store.delete(author=other_author)
    if hasattr(store, "reindex"):
        store.reindex(99)
    humans = {lab.model: lab.label for lab in store.get(post.id).labels if lab.model.startswith("human:")}
    assert humans == {"human:ana": "not_hateful", "human:luis": "hateful"}
    assert store.get(post.id).label_for("hate").label in {"hateful", "not_hateful"}
    assert {(lab.model, lab.label) for lab in store.get(post.id).labels if lab.model == "m1"} == {("m1", "hateful")}


def test_human_labelled_posts_are_exactly_those_an_annotator_judged(store: Store, corpus: list[Post]):
    from vigia.labels.review import record_judgement

    store.upsert(corpus[:30])
    assert list(store.human_labelled_posts()) == []
    for post in corpus[3:6]:
        record_judgement(store, post.id, "hate", "hateful", "ana")
    record_judgement(store, corpus[4].id, "migration", "migration", "luis")
    assert sorted(p.id for p in store.human_labelled_posts()) == sorted(p.id for p in corpus[3:6])


def test_counts_follow_relabelling_and_deletes(loaded: Store, corpus: list[Post]):
    """Counts stay exact while labels change and posts go (SQLite answers them from its daily counts)."""
    flipped = [p.model_copy(update={"labels": [label("hate", "not_hateful" if p.labels[0].label == "hateful"
                                                      else "hateful", p.labels[0].score)]}) for p in corpus[::3]]
    assert loaded.upsert(flipped).updated == len(flipped)
    gone = set(loaded.delete(ids=[p.id for p in corpus[1::7]]))
    now = {p.id: p for p in [*corpus, *flipped] if p.id not in gone}
    for f in (Filters(), Filters(countries=["CO", "PE"]), Filters(task="hate", labels=["hateful"]),
              Filters(platforms=["x"], since=T0 + timedelta(days=2, hours=5), until=T0 + timedelta(days=15))):
        assert loaded.count(f) == sum(matches(p, f) for p in now.values())
        for split in (None, "label.hate", "country"):
            want: Counter = Counter()
            for post in now.values():
                if matches(post, f):
                    day = post.created_at.replace(hour=0, minute=0, second=0, microsecond=0)
                    for value in facet_values(post, split, keep_none=True) if split else [None]:
                        want[(day, value)] += 1
            assert {(b.start, b.key): b.count for b in loaded.counts_over_time(f, "day", split)} == dict(want)


# -- shared work: leases and the classification slices (vigia.ingest.workers) ------------------------------


def second_client(store: Store) -> Store:
    """Another connection to the same store, as another process or machine would open it."""
    from vigia.store.elastic import ElasticStore
    from vigia.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        return SQLiteStore(store.path)
    assert isinstance(store, ElasticStore)
    return ElasticStore(store.url, store.corpus)


def test_a_lease_is_held_by_one_owner_until_released_or_expired(store: Store):
    other = second_client(store)
    try:
        assert store.acquire_lease("source:a", "host1:1:x", 60)
        assert not other.acquire_lease("source:a", "host2:2:y", 60)
        assert store.acquire_lease("source:a", "host1:1:x", 60)  # renewed by its owner
        other.release_lease("source:a", "host2:2:y")  # not the owner's: nothing happens
        assert [(lease["name"], lease["owner"]) for lease in other.leases()] == [("source:a", "host1:1:x")]
        assert other.leases()[0]["expires_at"] > datetime.now(timezone.utc)
        store.release_lease("source:a", "host1:1:x")
        assert store.leases() == []
        assert other.acquire_lease("source:a", "host2:2:y", 0.05)
        import time

        time.sleep(0.2)  # the lease's TTL passes: the owner stopped renewing it
        assert store.acquire_lease("source:a", "host1:1:x", 60)  # taken over
        assert not other.acquire_lease("source:a", "host2:2:y", 60)
        assert [lease["owner"] for lease in other.leases()] == ["host1:1:x"]
    finally:
        other.close()


def test_of_owners_racing_for_a_free_lease_exactly_one_gets_it(store: Store):
    from concurrent.futures import ThreadPoolExecutor

    clients = [second_client(store) for _ in range(6)]
    try:
        with ThreadPoolExecutor(len(clients)) as pool:
            won = list(pool.map(lambda k: clients[k].acquire_lease("classify:v:0", f"w{k}", 60),
                                range(len(clients))))
        assert sum(won) == 1
        assert [lease["owner"] for lease in store.leases()] == [f"w{won.index(True)}"]
    finally:
        for client in clients:
            client.close()


def test_slices_divide_the_posts_lacking_a_model_version(loaded: Store, corpus: list[Post]):
    seen: list[str] = []
    for slice_id in range(3):
        batches = list(loaded.posts_to_classify("2", slice_id, 3, batch_size=7))
        assert all(1 <= len(batch) <= 7 for batch in batches)
        ids = [post.id for batch in batches for post, _ in batch]
        again = [post.id for batch in loaded.posts_to_classify("2", slice_id, 3, batch_size=50) for post, _ in batch]
        assert sorted(again) == sorted(ids)  # a post stays in its slice
        seen += ids
    assert sorted(seen) == sorted(p.id for p in corpus)  # every post once, in one slice
    assert list(loaded.posts_to_classify("1", 0, 1)) == []  # every post has labels of version 1
    with pytest.raises(ValueError, match="slice 3"):
        next(loaded.posts_to_classify("2", 3, 3))


def test_labels_written_back_once_when_two_writers_race(loaded: Store, corpus: list[Post]):
    other = second_client(loaded)
    try:
        [(mine, my_token)] = next(loaded.posts_to_classify("2", 0, 1, batch_size=1))
        [(theirs, their_token)] = next(other.posts_to_classify("2", 0, 1, batch_size=1))
        assert mine.id == theirs.id
        relabel = [label("hate", "hateful", 0.9, model="m1", version="2")]
        assert loaded.write_labels(mine.model_copy(update={"labels": relabel}), my_token)
        late = [label("hate", "not_hateful", 0.1, model="m1", version="2")]
        assert not other.write_labels(theirs.model_copy(update={"labels": late}), their_token)
        stored = other.get(mine.id)
        assert [(lab.label, lab.model_version) for lab in stored.labels] == [("hateful", "2")]
        assert loaded.count(Filters(task="hate", labels=["hateful"])) == sum(
            p.labels[0].label == "hateful" for p in corpus if p.id != mine.id) + 1
        left = [post.id for batch in other.posts_to_classify("2", 0, 1) for post, _ in batch]
        assert mine.id not in left and len(left) == len(corpus) - 1
        batch = next(other.posts_to_classify("2", 0, 1, batch_size=4))
        first, token = batch[0]
        assert loaded.write_labels_batch([(first.model_copy(update={"labels": relabel}), token)]) == [True]
        assert other.write_labels_batch(batch) == [False, True, True, True]
    finally:
        other.close()

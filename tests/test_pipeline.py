"""The pipeline: normalize -> enrich -> store, quarantine of bad records, idempotent re-runs, pseudonyms."""

from __future__ import annotations

import json

from conftest import incoming
from vigia.ingest.pipeline import Pipeline, Unreadable
from vigia.privacy.pseudonym import pseudonymize
from vigia.settings import load_settings
from vigia.store import Filters


def run(settings, store, enricher, records, run_id=None):
    pipeline = Pipeline(settings, store, enricher, collector="test", run_id=run_id)
    return pipeline, pipeline.process(records)


GOOD = [
    ("r1", incoming()),
    ("r2", incoming(native_id="1002", url=None, text="Os haitianos em São Paulo", country="BR",
                    author_handle="@Ana")),
    ("r3", incoming(platform="news", native_id=None, url="https://diario.example/nota?utm_source=x",
                    title="Récord de cruces por el Darién", text="Panamá registró más cruces.", country="PA")),
]
BAD = [
    ("r4", incoming(native_id="1004", created_at="ayer")),
    ("r5", incoming(native_id="1005", country="Colombia")),
    ("r6", incoming(native_id=None, url=None)),
    ("r7", incoming(native_id="1007", engagement={"likes": -3})),
    ("r8", ["not", "an", "object"]),
    ("r9", incoming(native_id="1009", text="", title=None)),
    ("r10", Unreadable(None, "not valid JSON: Expecting value at column 1", "{oops")),
    ("r11", incoming(native_id="1011", surprise="field")),
]


def test_bad_records_are_quarantined_with_ref_field_and_reason(settings, sqlite_store, enricher):
    pipeline, summary = run(settings, sqlite_store, enricher, BAD[:3] + GOOD + BAD[3:])
    assert (summary.seen, summary.new, summary.quarantined) == (11, 3, 8)
    lines = [json.loads(line) for line in summary.quarantine_path.read_text().splitlines()]
    by_ref = {entry["ref"]: entry for entry in lines}
    assert set(by_ref) == {ref for ref, _ in BAD}
    assert by_ref["r4"]["field"] == "created_at"
    assert by_ref["r5"]["field"] == "country"
    assert by_ref["r6"]["field"] == "native_id"
    assert by_ref["r7"]["field"] == "engagement.likes"
    assert by_ref["r8"]["field"] is None and "object" in by_ref["r8"]["reason"]
    assert by_ref["r9"]["field"] == "text"
    assert by_ref["r10"]["record"] == "{oops" and "JSON" in by_ref["r10"]["reason"]
    assert by_ref["r11"]["field"] == "surprise"
    assert by_ref["r5"]["record"]["country"] == "Colombia"  # the raw record is kept whole
    assert sqlite_store.count() == 3
    assert "8 quarantined" in summary.line() and str(summary.quarantine_path) in summary.line()


def test_rerunning_the_same_input_changes_nothing(settings, sqlite_store, enricher):
    _, first = run(settings, sqlite_store, enricher, GOOD)
    before = {p.id: p for p in sqlite_store.iter_posts()}
    _, second = run(settings, sqlite_store, enricher, GOOD)
    assert (first.new, second.new, second.updated, second.unchanged) == (3, 0, 0, 3)
    assert {p.id: p for p in sqlite_store.iter_posts()} == before


def test_changed_content_is_an_update_with_new_provenance(settings, sqlite_store, enricher):
    run(settings, sqlite_store, enricher, GOOD[:1])
    first = sqlite_store.get("mastodon:1001")
    _, summary = run(settings, sqlite_store, enricher, [("r1", incoming(text="Texto editado sobre haitianos"))])
    after = sqlite_store.get("mastodon:1001")
    assert summary.updated == 1 and after.targets == ["haitians"]
    assert after.collected_at == first.collected_at
    assert after.provenance.raw_hash != first.provenance.raw_hash


def test_records_are_normalized_and_enriched(settings, sqlite_store, enricher):
    run(settings, sqlite_store, enricher, GOOD)
    post = sqlite_store.get("mastodon:1001")
    assert post.created_at.isoformat() == "2026-03-04T15:00:00+00:00"
    assert post.language == "es" and post.label_for("language").label == "es"
    assert post.targets == ["venezuelans"]
    assert any(post.text[c.start:c.end] == c.text for c in post.cues)
    article = next(sqlite_store.iter_posts(Filters(platforms=["news"])))
    assert article.id.startswith("news:u:") and article.url.endswith("utm_source=x")
    assert article.provenance.collector == "test" and len(article.provenance.raw_hash) == 64


def test_authors_are_pseudonymized_and_raw_handles_not_kept(settings, sqlite_store, enricher):
    run(settings, sqlite_store, enricher, GOOD)
    ana, ana_caps = sqlite_store.get("mastodon:1001"), sqlite_store.get("mastodon:1002")
    assert ana.author == ana_caps.author == pseudonymize("mastodon", "ana", settings.pseudonym_secret())
    assert ana.author_raw is None
    import sqlite3

    with sqlite3.connect(sqlite_store.path) as conn:  # everything stored, WAL included
        dump = "\n".join(conn.iterdump()).replace("mastodon.example/@ana/", "")
    assert "@ana" not in dump.lower() and '"ana"' not in dump.lower()
    assert ana.author in dump


def test_raw_handles_only_when_the_operator_enables_it(isolated, sqlite_store, enricher, monkeypatch):
    monkeypatch.setenv("VIGIA_KEEP_RAW_AUTHORS", "true")
    settings = load_settings()
    run(settings, sqlite_store, enricher, GOOD[:1])
    assert sqlite_store.get("mastodon:1001").author_raw == "@ana"


def test_pseudonyms_depend_on_the_key(isolated, monkeypatch):
    first = load_settings(pseudonym_key="one")
    second = load_settings(pseudonym_key="two")
    assert pseudonymize("x", "ana", first.pseudonym_secret()) != pseudonymize("x", "ana", second.pseudonym_secret())
    generated = load_settings()
    assert generated.pseudonym_secret() == load_settings().pseudonym_secret()  # persisted once
    assert oct((isolated / "pseudonym.key").stat().st_mode & 0o777) == "0o600"


def test_reenrich_updates_only_what_changed(settings, sqlite_store, enricher, tmp_path):
    run(settings, sqlite_store, enricher, GOOD)
    pipeline = Pipeline(settings, sqlite_store, enricher, collector="classify")
    same = pipeline.reenrich(sqlite_store.iter_posts())
    assert (same.seen, same.updated, same.unchanged) == (3, 0, 3)

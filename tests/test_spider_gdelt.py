"""GDELT spider: DOC 2.0 artlist queries, then the articles extracted, against recorded answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store


@pytest.fixture
def api():
    yield from started("gdelt")


def test_gdelt_artlist_articles_and_rerun(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "gdelt-co", "spider": "gdelt",
        "options": {"api_base": f"{api.base}/api/v2/doc/doc", "queries": ["migrantes"], "source_countries": ["CO"],
                    "source_languages": ["spanish"], "timespan": "3d", "max_records": 10, "delay": 0}}])
    run = collect("gdelt-co")
    assert run.returncode == 0, run.stderr[-3000:]
    # two addresses of one article (canonical link) are one post; the entry without seendate is quarantined
    assert "gdelt-co: 3 seen, 1 new, 0 updated, 1 unchanged, 1 quarantined" in run.stdout
    assert api.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = list(store.iter_posts())
        state = store.get_checkpoint("gdelt-co")
    assert len(posts) == 1
    post = posts[0]
    assert post.url == f"{api.base}/2026/04/familias-venezolanas-cucuta" and post.country == "CO"
    assert post.source == "diario.example" and post.language == "es" and post.title.startswith("Familias")
    assert "Cientos de familias venezolanas" in post.text
    assert [e["field"] for e in quarantined(isolated)] == ["seendate"]
    assert state["cursor"] == {"migrantes sourcecountry:CO sourcelang:spanish": "20260407T134500Z"}

    before = len(api.requests)
    again = collect("gdelt-co")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "gdelt-co: 0 seen, 0 new" in again.stdout
    asked = [r.query for r in api.requests[before:] if r.path == "/api/v2/doc/doc"]
    assert [q.get("startdatetime") for q in asked] == ["20260407134500"] and "timespan" not in asked[0]
    assert {r.path for r in api.requests[before:]} == {"/robots.txt", "/api/v2/doc/doc"}


def test_gdelt_splits_a_capped_window_repairs_broken_records_and_keeps_the_precise_time(api, isolated: Path,
                                                                                        tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "gdelt-ventana", "spider": "gdelt",
        "options": {"api_base": f"{api.base}/api/v2/doc/doc", "queries": ["migrantes"], "timespan": "1h",
                    "end": "2026-05-18T12:00:00Z", "max_records": 3, "delay": 0}}])
    run = collect("gdelt-ventana")
    assert run.returncode == 0, run.stderr[-3000:]
    # the capped answer is not used: its two halves are; only the record with a missing comma is lost
    assert "gdelt-ventana: 4 seen, 3 new, 0 updated, 0 unchanged, 1 quarantined" in run.stdout
    windows = [(q["startdatetime"], q["enddatetime"]) for q in (r.query for r in api.asked("/api/v2/doc/doc"))]
    assert windows[0] == ("20260518110000", "20260518120000")
    assert sorted(windows[1:]) == [("20260518110000", "20260518113000"), ("20260518113001", "20260518120000")]
    assert api.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.url.removeprefix(api.base): p for p in store.iter_posts()}
        state = store.get_checkpoint("gdelt-ventana")
    assert set(posts) == {"/2026/05/gdelt-solo-fecha", "/2026/05/riohacha", "/2026/05/ferias"}
    # the page gives only the day: GDELT's time stays; pages with a full time give theirs
    assert posts["/2026/05/gdelt-solo-fecha"].created_at.isoformat() == "2026-05-18T11:15:00+00:00"
    assert posts["/2026/05/riohacha"].created_at.isoformat() == "2026-05-18T11:10:00+00:00"
    assert posts["/2026/05/ferias"].created_at.isoformat() == "2026-05-18T11:40:00+00:00"
    assert {url: p.created_at_source for url, p in posts.items()} == {
        "/2026/05/gdelt-solo-fecha": "gdelt", "/2026/05/riohacha": "article", "/2026/05/ferias": "article"}
    [broken] = quarantined(isolated)
    assert "Expecting ',' delimiter" in broken["reason"] and "Registro roto" in str(broken["record"])
    assert state["cursor"] == {"migrantes": "20260518T115000Z"}

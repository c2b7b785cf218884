"""Mastodon spider: hashtag timelines and search crawled for real against recorded API responses."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store

TOKEN = "tok-SECRET-4f1c"


@pytest.fixture
def api():
    yield from started("mastodon")


def test_mastodon_timeline_search_and_rerun(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "mastodon-test", "spider": "mastodon", "interval_minutes": 30,
        "options": {"instance": api.base, "hashtags": ["migrantes", "privado"], "queries": ["venezolanos"],
                    "access_token": TOKEN, "limit": 3, "delay": 0, "country": "CO"}}],
        contact_email="equipo@vigia.example")
    run = collect("mastodon-test", "-s", "LOG_LEVEL=DEBUG")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "mastodon-test: 6 seen, 4 new, 0 updated, 0 unchanged, 2 quarantined" in run.stdout
    assert "1 forbidden by robots.txt" in run.stdout
    assert TOKEN not in run.stdout + run.stderr  # the credential never reaches the log, even at DEBUG
    assert api.unmatched == []
    # robots.txt obeyed; Retry-After honoured before asking page 2 again
    assert not api.asked("/api/v1/timelines/tag/privado")
    page2 = [r for r in api.asked("/api/v1/timelines/tag/migrantes") if r.query.get("max_id") == "108"]
    assert [r.status for r in page2] == [429, 200] and page2[1].at - page2[0].at >= 0.95
    assert api.asked("/api/v2/search")[0].headers["Authorization"] == f"Bearer {TOKEN}"
    agents = {r.headers["User-Agent"] for r in api.requests}
    assert len(agents) == 1 and agents.pop().startswith("Vigia/0.") and "contact: equipo@vigia.example" in (
        api.requests[0].headers["User-Agent"])

    settings = load_settings()
    with open_store(settings.resolved_store_url) as store:
        posts = {p.native_id.rsplit("/", 1)[1]: p for p in store.iter_posts()}
        state = store.get_checkpoint("mastodon-test")
    assert set(posts) == {"110", "109", "108", "107"}
    p109 = posts["109"]
    assert p109.platform == "mastodon" and p109.url == "https://mastodon.example/@luis/109"
    assert p109.text == "Primera línea\nsegunda línea: los haitianos llegan a Tapachula & esperan"
    assert [m.url for m in p109.media] == ["https://files.example/9.jpg"]
    assert p109.links == ["https://noticias.example/nota"]
    assert p109.author.startswith("a_") and p109.author_raw is None and p109.country == "CO"
    assert p109.source == f"#migrantes@{api.base.split('//')[1]}"
    assert posts["108"].language == "pt" and posts["108"].reply_to == "101"
    assert posts["110"].engagement.likes == 110 % 7 and posts["110"].engagement.shares == 2
    assert posts["110"].created_at.isoformat() == "2026-04-02T20:00:00+00:00"
    assert "venezuelans" in posts["110"].targets
    reasons = {e["field"] or "": e["reason"] for e in quarantined(isolated)}
    assert "created_at" in reasons and "missing field" in reasons["created_at"]
    assert any("not valid JSON" in r for r in reasons.values())
    assert state["cursor"] == {"tag:migrantes": "110"}
    health = state["health"]
    assert (health["fetched"], health["new"], health["errors"], health["finished"]) == (6, 4, 2, True)
    assert health["robots_forbidden"] == 1 and health["last_new_at"]
    assert "not mapped to a post field" in run.stdout and "emojis" in run.stdout

    before = len(api.requests)
    again = collect("mastodon-test")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "mastodon-test: 1 seen, 0 new, 0 updated, 0 unchanged, 1 quarantined" in again.stdout
    timeline = [r.query for r in api.requests[before:] if r.path == "/api/v1/timelines/tag/migrantes"]
    assert timeline == [{"limit": "3", "min_id": "110"}]  # only newer than the checkpoint
    assert api.unmatched == []


def test_mastodon_statuses_in_cp1252_served_as_utf8_are_decoded_by_detection(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "mastodon-cp1252", "spider": "mastodon",
        "options": {"instance": api.base, "hashtags": ["frontera"], "limit": 3, "delay": 0}}])
    run = collect("mastodon-cp1252")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "mastodon-cp1252: 1 seen, 1 new, 0 updated, 0 unchanged, 0 quarantined" in run.stdout
    assert "decoded as cp1252 (by detection)" in run.stderr
    with open_store(load_settings().resolved_store_url) as store:
        [post] = list(store.iter_posts())
    assert post.text == ("Migración y economía: ¿qué dicen los estudios? "
                         "Los niños venezolanos ya estudian en Perú.")
@pytest.fixture
def spread():
    yield from started("mastodon_spread")


def test_mastodon_boosts_are_their_own_records_and_the_rate_limit_reset_is_waited_for(
        spread, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "mastodon-spread", "spider": "mastodon",
        "options": {"instance": spread.base, "hashtags": ["migrantes"], "limit": 5, "delay": 0}}],
        keep_raw_authors=True)
    run = collect("mastodon-spread", "-s", "LOG_LEVEL=INFO", "-v")
    assert run.returncode == 0, run.stderr[-3000:]
    assert spread.unmatched == []
    # 429 with X-RateLimit-Reset (an ISO time, no Retry-After): waited for, then the same page asked again
    first = spread.asked("/api/v1/timelines/tag/migrantes")[:2]
    assert [r.status for r in first] == [429, 200] and first[0].query == first[1].query == {"limit": "5"}
    assert "until the reset the server states" in run.stderr

    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
    original_uri = "https://mastodon.example/users/ana_test/statuses/203"
    boosts = [p for p in posts.values() if p.repost_of]
    assert len(posts) == 4 and len(boosts) == 2  # the original once, each boost its own record
    original = posts[original_uri]
    assert {b.repost_of for b in boosts} == {original.id} and {b.text for b in boosts} == {""}
    assert {(b.author_raw, b.created_at.isoformat()) for b in boosts} == {
        (f"luis_test@{spread.base.split('//')[1]}", "2026-04-03T10:30:00+00:00"),
        ("pedro_test@otra.example", "2026-04-03T10:00:00+00:00")}
    assert {b.original_url for b in boosts} == {"https://mastodon.example/@ana_test/203"}
    assert all(not b.labels for b in boosts) and original.labels  # only the original's text is classified
    assert original.reply_to == "199" and original.edited_at.isoformat() == "2026-04-03T09:15:30+00:00"
    assert original.content_warning == "Discurso de odio citado"
    assert original.hashtags == ["migrantes", "noalodio"]
    assert len(original.mentions) == 1 and original.mentions[0].startswith("a_")  # pseudonymized, like authors
    assert "marta_test" not in original.mentions[0]
    assert [(m.url, m.kind, m.alt) for m in original.media] == [
        ("https://files.example/media/301.png", "image", "Captura de un cartel que dice: trabajo para todos")]


def test_mastodon_gives_up_a_reset_longer_than_the_setting(spread, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "mastodon-spread", "spider": "mastodon",
        "options": {"instance": spread.base, "hashtags": ["migrantes"], "limit": 5, "delay": 0}}],
        rate_limit_max_wait=0.2)
    run = collect("mastodon-spread")
    assert run.returncode != 0
    assert "rate-limited (429" in run.stderr + run.stdout and "RETRY_AFTER_MAX=0s" in run.stderr + run.stdout
    assert [r.status for r in spread.asked("/api/v1/timelines/tag/migrantes")] == [429]

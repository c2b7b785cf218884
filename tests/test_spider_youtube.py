"""YouTube spider: comment threads of videos and of a search, against recorded Data API v3 responses."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store

KEY = "AIzaSy-test-key-0000"


@pytest.fixture
def api():
    yield from started("youtube")


def test_youtube_comments_search_quota_and_rerun(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "youtube-co", "spider": "youtube",
        "options": {"api_base": api.base + "/youtube/v3", "api_key": KEY, "videos": ["vidA"],
                    "queries": ["migrantes venezolanos"], "region": "CO", "language": "es", "max_videos": 5,
                    "delay": 0, "country": "CO"}}])
    run = collect("youtube-co", "-s", "LOG_LEVEL=DEBUG")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "youtube-co: 4 seen, 3 new, 0 updated, 0 unchanged, 1 quarantined" in run.stdout
    assert "1 failed requests" in run.stdout and "exceeded your quota" in run.stderr  # vidB: the API's own words
    assert KEY not in run.stdout + run.stderr
    assert all(r.headers.get("X-Goog-Api-Key") == KEY and "key" not in r.query for r in api.requests
               if r.path != "/robots.txt")
    assert api.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("youtube-co")
    assert set(posts) == {"UgxA01", "UgxA02", "UgxA03"}
    first = posts["UgxA01"]
    assert first.url == "https://www.youtube.com/watch?v=vidA&lc=UgxA01" and first.thread_id == "vidA"
    assert first.engagement.likes == 12 and first.engagement.replies == 3 and first.country == "CO"
    assert first.created_at.isoformat() == "2026-04-06T15:00:00+00:00" and first.author.startswith("a_")
    assert [e["field"] for e in quarantined(isolated)] == ["publishedAt"]
    assert state["cursor"] == {"video:vidA": "2026-04-06T15:00:00Z"}
    assert state["health"]["request_errors"] == 1 and "quota" in state["health"]["last_error"]

    before = len(api.requests)
    again = collect("youtube-co")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "youtube-co: 0 seen, 0 new" in again.stdout
    tokens = [r.query.get("pageToken") for r in api.requests[before:] if r.query.get("videoId") == "vidA"]
    assert tokens == [None]  # stops at the first comment it already has

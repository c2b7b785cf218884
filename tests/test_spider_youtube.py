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
                    "delay": 0, "country": "CO", "replies": False}}])
    run = collect("youtube-co", "-s", "LOG_LEVEL=DEBUG")
    assert run.returncode == 0, run.stderr[-3000:]
    # 4 comments (one quarantined) and the 2 videos the search found
    assert "youtube-co: 6 seen, 5 new, 0 updated, 0 unchanged, 1 quarantined" in run.stdout
    assert "1 failed requests" in run.stdout and "exceeded your quota" in run.stderr  # vidB: the API's own words
    assert KEY not in run.stdout + run.stderr
    assert all(r.headers.get("X-Goog-Api-Key") == KEY and "key" not in r.query for r in api.requests
               if r.path != "/robots.txt")
    assert api.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("youtube-co")
    assert set(posts) == {"UgxA01", "UgxA02", "UgxA03", "vidA", "vidB"}
    assert posts["vidB"].title == "Video sintético B"
    assert posts["vidB"].source == "youtube search 'migrantes venezolanos'"
    first = posts["UgxA01"]
    assert first.url == "https://www.youtube.com/watch?v=vidA&lc=UgxA01" and first.thread_id == "vidA"
    assert first.engagement.likes == 12 and first.engagement.replies == 3 and first.country == "CO"
    assert first.created_at.isoformat() == "2026-04-06T15:00:00+00:00" and first.author.startswith("a_")
    assert [e["field"] for e in quarantined(isolated)] == ["publishedAt"]
    assert state["cursor"] == {"video:vidA": "2026-04-06T15:00:00Z",
                               "search:migrantes venezolanos": "2026-04-06T10:00:00Z"}
    assert state["health"]["request_errors"] == 1 and "quota" in state["health"]["last_error"]

    before = len(api.requests)
    again = collect("youtube-co")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "youtube-co: 0 seen, 0 new" in again.stdout
    tokens = [r.query.get("pageToken") for r in api.requests[before:] if r.query.get("videoId") == "vidA"]
    assert tokens == [None]  # stops at the first comment it already has


@pytest.fixture
def replies():
    yield from started("youtube_replies")


def test_youtube_videos_replies_and_the_daily_quota_budget(replies, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "youtube-mitos", "spider": "youtube",
        "options": {"api_base": replies.base + "/youtube/v3", "api_key": KEY, "queries": ["xenofobia", "migrantes"],
                    "max_videos": 5, "delay": 0, "daily_quota": 102}}])
    run = collect("youtube-mitos")
    assert run.returncode == 0, run.stderr[-3000:]
    assert replies.unmatched == []  # the second search (100 more units) was never sent
    assert "daily quota budget reached (100 of 102 units" in run.stderr
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("youtube-mitos")
    assert set(posts) == {"vidX", "UgxX01", "UgxX01.9zR1", "UgxX01.9zR2"}
    video = posts["vidX"]
    assert video.title == "Mitos sobre la migración venezolana, verificados" and video.text.startswith("Revisamos")
    assert video.created_at.isoformat() == "2026-04-07T13:30:00+00:00" and video.author.startswith("a_")
    assert video.url == "https://www.youtube.com/watch?v=vidX"
    assert video.hashtags == ["migración", "verificacióndedatos"]
    assert [m.url for m in video.media] == ["https://i.ytimg.example/vi/vidX/hqdefault.jpg"]
    edited, answer = posts["UgxX01.9zR1"], posts["UgxX01.9zR2"]
    assert edited.reply_to == answer.reply_to == "UgxX01" and edited.thread_id == "vidX"
    assert edited.edited_at.isoformat() == "2026-04-07T15:20:00+00:00" and answer.edited_at is None
    assert answer.author == posts["UgxX01"].author  # the same channel answered its own thread
    assert state["quota"]["used"] == 102

    before = len(replies.requests)
    again = collect("youtube-mitos")
    assert again.returncode != 0 and "daily quota budget reached (102 of 102 units" in again.stderr
    assert [r.path for r in replies.requests[before:] if r.path != "/robots.txt"] == []  # nothing spent today

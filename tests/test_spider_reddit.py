"""Reddit spider: subreddit listings and search crawled for real against recorded JSON listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store


@pytest.fixture
def api():
    yield from started("reddit")


def test_reddit_listing_search_and_rerun(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "reddit-prueba", "spider": "reddit",
        "options": {"base": api.base, "subreddits": ["vigia_prueba"], "queries": ["hospitales"], "limit": 2,
                    "delay": 0, "country": "CL"}}])
    run = collect("reddit-prueba")
    assert run.returncode == 0, run.stderr[-3000:]
    # 4 listed + 1 found again by search (stored once) ; the post without created_utc is quarantined
    assert "reddit-prueba: 5 seen, 3 new, 0 updated, 1 unchanged, 1 quarantined" in run.stdout
    assert api.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("reddit-prueba")
    assert set(posts) == {"t3_r5", "t3_r4", "t3_r3"}
    five = posts["t3_r5"]
    assert five.title.startswith("¿Es cierto") and five.text.startswith("Leí esto")
    assert five.url == f"{api.base}/r/vigia_prueba/comments/r5/titulo/" and five.source == "r/vigia_prueba"
    assert five.engagement.likes == 15 and five.engagement.replies == 5 and five.country == "CL"
    assert five.created_at.timestamp() == 1775005000.0
    assert posts["t3_r4"].links == ["https://noticias.example/haitianos"] and posts["t3_r4"].author is None
    assert [e["field"] for e in quarantined(isolated)] == ["created_utc"]
    assert state["cursor"]["r/vigia_prueba"].endswith("|t3_r5")
    assert "not mapped to a post field" in run.stdout and "upvote_ratio" in run.stdout

    before = len(api.requests)
    again = collect("reddit-prueba")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "reddit-prueba: 0 seen, 0 new" in again.stdout
    assert all(r.query.get("before") == "t3_r5" for r in api.requests[before:] if r.path != "/robots.txt")
    assert api.unmatched == []

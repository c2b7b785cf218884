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


CLIENT_SECRET = "reddit-SECRET-b7d2e9"


@pytest.fixture
def oauth():
    yield from started("reddit_oauth")


def test_reddit_oauth_comments_crossposts_and_the_rate_limit_reset(oauth, isolated: Path, tmp_path: Path):
    import base64

    write_sources(tmp_path / "vigia.toml", [{
        "name": "reddit-oauth", "spider": "reddit",
        "options": {"base": oauth.base + "/anon", "oauth_base": oauth.base,
                    "token_url": oauth.base + "/api/v1/access_token",
                    "client_id": "app-id-123", "client_secret": CLIENT_SECRET, "subreddits": ["vigia_prueba"],
                    "queries": ["hospitales"], "comments": True, "limit": 2, "delay": 0}}], keep_raw_authors=True)
    run = collect("reddit-oauth", "-s", "LOG_LEVEL=DEBUG")
    assert run.returncode == 0, run.stderr[-3000:]
    basic = base64.b64encode(f"app-id-123:{CLIENT_SECRET}".encode()).decode()
    output = run.stdout + run.stderr
    assert CLIENT_SECRET not in output and basic not in output and "tok-REDDIT-app-only" not in output
    assert oauth.unmatched == []
    [login] = oauth.asked("/api/v1/access_token")
    assert login.headers["Authorization"] == f"Basic {basic}" and login.body == b"grant_type=client_credentials"
    listings = [r for r in oauth.requests if r.path.startswith("/r/")]
    assert {r.headers.get("Authorization") for r in listings} == {"bearer tok-REDDIT-app-only-7c1e"}
    # 429 with x-ratelimit-reset (seconds): waited for, the same listing asked again
    assert [r.status for r in oauth.asked("/r/vigia_prueba/new.json")] == [429, 200]

    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
    # the comment without a body is quarantined; its neighbours and its parent's reply are kept
    assert set(posts) == {"t3_r9", "t3_r8", "t1_c1", "t1_c2"}
    assert [(e["field"], e["ref"].endswith("(t3_r8 comment t1_c3)")) for e in quarantined(isolated)] == [("body", True)]
    c1, c2 = posts["t1_c1"], posts["t1_c2"]
    assert c1.text.startswith("Los datos del ministerio") and c1.reply_to == "t3_r8" and c1.thread_id == "t3_r8"
    assert c1.edited_at.timestamp() == 1775081500.0 and c1.author_raw == "medico_sintetico"
    assert c2.reply_to == "t1_c1" and c2.author is None and c2.engagement.likes == 0
    assert c1.url == f"{oauth.base}/anon/r/vigia_prueba/comments/r8/hospitales/c1/"
    assert len(posts["t3_r8"].mentions) == 1 and posts["t3_r8"].mentions[0].startswith("a_")
    crosspost = posts["t3_r9"]
    assert crosspost.repost_of == "reddit:t3_q1"
    assert crosspost.original_url.endswith("/r/otro_sub/comments/q1/frontera/")
    assert crosspost.content_warning == "spoiler" and crosspost.edited_at.timestamp() == 1775090600.0
    assert [(m.url, m.alt) for m in crosspost.media] == [
        ("https://preview.redd.it/abc123.jpg?width=800&format=pjpg", "Fila de personas en el puesto fronterizo")]

"""Bluesky spider: app-password session, post search and an author feed, against recorded XRPC responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store

APP_PASSWORD = "abcd-efgh-ijkl-mnop"


@pytest.fixture
def api():
    yield from started("bluesky")


def test_bluesky_session_search_feed_and_rerun(api, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "bluesky-pe", "spider": "bluesky",
        "options": {"pds": api.base, "api_base": api.base + "/unused", "queries": ["venezolanos"],
                    "authors": ["prensa.test.example"], "identifier": "vigia.test.example",
                    "app_password": APP_PASSWORD, "limit": 2, "delay": 0, "country": "PE"}}])
    run = collect("bluesky-pe", "-s", "LOG_LEVEL=DEBUG")
    assert run.returncode == 0, run.stderr[-3000:]
    # the repost in the author feed: its own record, and the reposted post once more (its source changes)
    assert "bluesky-pe: 7 seen, 5 new, 1 updated, 0 unchanged, 1 quarantined" in run.stdout
    assert APP_PASSWORD not in run.stdout + run.stderr and "jwt-access-abc123" not in run.stderr
    assert api.unmatched == []
    login = api.asked("/xrpc/com.atproto.server.createSession")[0]
    assert json.loads(login.body) == {"identifier": "vigia.test.example", "password": APP_PASSWORD}
    searches = api.asked("/xrpc/app.bsky.feed.searchPosts")
    assert {r.headers.get("Authorization") for r in searches} == {"Bearer jwt-access-abc123"}

    with open_store(load_settings().resolved_store_url) as store:
        stored = list(store.iter_posts())
        state = store.get_checkpoint("bluesky-pe")
    posts = {p.native_id.rsplit("/", 1)[1]: p for p in stored if not p.repost_of}
    assert set(posts) == {"3lb2", "3lb1", "3la9", "3lc1"}
    [repost] = [p for p in stored if p.repost_of]  # the repost in the feed is a record of who spread it, and when
    assert repost.repost_of == posts["3lb2"].id and repost.text == "" and repost.source == "prensa.test.example"
    assert repost.created_at.isoformat() == "2026-04-05T12:30:00+00:00" and repost.author != posts["3lb2"].author
    reply = posts["3lb1"]
    assert reply.url == "https://bsky.app/profile/ben.test.example/post/3lb1"
    assert reply.reply_to == "at://did:plc:xyz/app.bsky.feed.post/3la0" and reply.links == ["https://datos.example/informe"]
    assert reply.engagement.likes == 5 and reply.engagement.shares == 2 and reply.country == "PE"
    assert posts["3la9"].language == "pt" and posts["3lc1"].source == "prensa.test.example"
    assert posts["3lb1"].source == "search 'venezolanos'"
    assert [e["field"] for e in quarantined(isolated)] == ["createdAt"]
    assert state["cursor"]["search:venezolanos"] == "2026-04-05T12:00:00.000000Z"

    before = len(api.requests)
    again = collect("bluesky-pe")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "bluesky-pe: 0 seen, 0 new" in again.stdout
    rerun = [(r.path.rsplit(".", 1)[1], r.query) for r in api.requests[before:] if "feed" in r.path]
    assert ("searchPosts", {"q": "venezolanos", "sort": "latest", "limit": "2",
                            "since": "2026-04-05T12:00:00.000000Z"}) in rerun
    assert not any(q.get("cursor") for _, q in rerun)  # the author feed stops at the first post it has
    assert api.unmatched == []


@pytest.fixture
def spread():
    yield from started("bluesky_spread")


def test_bluesky_reposts_invalid_handles_facets_media_and_the_rate_limit_reset(
        spread, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "bluesky-spread", "spider": "bluesky",
        "options": {"api_base": spread.base, "authors": ["prensa.test.example"], "limit": 3, "delay": 0}}],
        keep_raw_authors=True)
    run = collect("bluesky-spread", "-v")
    assert run.returncode == 0, run.stderr[-3000:]
    assert spread.unmatched == []
    # 429 with RateLimit-Reset (Unix seconds): waited for, then the same request again
    asked = spread.asked("/xrpc/app.bsky.feed.getAuthorFeed")
    assert [r.status for r in asked[:2]] == [429, 200] and asked[0].query == asked[1].query
    assert "until the reset the server states" in run.stderr

    with open_store(load_settings().resolved_store_url) as store:
        stored = {p.native_id: p for p in store.iter_posts()}
    assert len(stored) == 3
    post = stored["at://did:plc:sinhandlexxxxxxxxxxxxxxx/app.bsky.feed.post/3ld7"]
    # handle.invalid: the URL (and the handle kept) are built from the DID
    assert post.url == "https://bsky.app/profile/did:plc:sinhandlexxxxxxxxxxxxxxx/post/3ld7"
    assert post.author_raw == "did:plc:sinhandlexxxxxxxxxxxxxxx"
    assert post.reply_to == "at://did:plc:prensaxxxxxxxxxxxxxxxxxx/app.bsky.feed.post/3ld5"
    assert post.thread_id == "at://did:plc:prensaxxxxxxxxxxxxxxxxxx/app.bsky.feed.post/3ld1"
    assert post.hashtags == ["migrantes"] and post.links == ["https://datos.example/informe"]
    assert len(post.mentions) == 1 and post.mentions[0].startswith("a_") and post.content_warning == "graphic-media"
    assert [(m.kind, m.alt) for m in post.media] == [("image", "Gráfico de empleo por nacionalidad")]
    assert post.media[0].url.startswith("https://cdn.bsky.app/img/feed_fullsize/")
    repost = stored["at://did:plc:prensaxxxxxxxxxxxxxxxxxx/app.bsky.feed.repost/3ld9"]
    assert repost.repost_of == post.id and repost.author_raw == "prensa.test.example" and repost.text == ""
    assert repost.created_at.isoformat() == "2026-04-06T12:00:00+00:00" and repost.original_url == post.url
    # one account, one pseudonym: the account mentioned by DID is the same pseudonym as its posts and reposts,
    # and the account with an invalid handle is keyed by its DID like any other
    prensa = stored["at://did:plc:prensaxxxxxxxxxxxxxxxxxx/app.bsky.feed.post/3ld5"]
    assert post.mentions == [prensa.author] == [repost.author] and prensa.author_raw == "prensa.test.example"
    assert post.author != prensa.author

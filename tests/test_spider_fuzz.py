"""Every spider's mapping survives garbage: an item or a quarantined record, never a crash (hypothesis)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from scrapy.utils.test import get_crawler

from collectors.items import Malformed, PostItem
from collectors.spiders.bluesky import BlueskySpider
from collectors.spiders.mastodon import MastodonSpider
from collectors.spiders.reddit import RedditSpider
from collectors.spiders.telegram import TelegramSpider
from collectors.spiders.youtube import YouTubeSpider
from vigia.errors import RecordError
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings

leaves = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
          | st.sampled_from(["2026-01-01T00:00:00Z", "https://x.example/a", "", "0", "@ana"]))
garbage = st.recursive(leaves, lambda kids: st.lists(kids, max_size=4)
                       | st.dictionaries(st.sampled_from(["id", "uri", "url", "created_at", "content", "account",
                                                          "record", "author", "data", "snippet", "text", "title",
                                                          "indexedAt", "acct", "topLevelComment", "created_utc",
                                                          "permalink", "selftext", "body"]) | st.text(max_size=8),
                                         kids, max_size=6), max_leaves=25)
CONTEXT = {
    MastodonSpider: {"source": "fuzz", "host": "m.example"},
    BlueskySpider: {"stream": "fuzz"},
    RedditSpider: {"stream": "fuzz"},
    YouTubeSpider: {"video": "v1"},
}


def spider(cls):
    crawler = get_crawler(cls)
    return cls.from_crawler(crawler, source="fuzz")


@pytest.mark.parametrize("cls", list(CONTEXT), ids=lambda c: c.name)
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=garbage)
def test_json_spiders_map_or_quarantine(cls, raw, isolated):
    item = spider(cls).emit(raw, "fuzz record", **CONTEXT[cls])
    assert isinstance(item, (PostItem, Malformed))
    if isinstance(item, PostItem):  # what the pipeline then makes of it is a Post or a named error
        pipeline = Pipeline(load_settings(), store=None, enricher=None, collector="fuzz")
        try:
            pipeline.normalize("fuzz", dict(item))
        except RecordError as exc:
            assert exc.reason


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(html=st.text(max_size=300) | st.builds(lambda a, b: f'<div class="tgme_widget_message" data-post="{a}">'
                                              f'<div class="tgme_widget_message_text">{b}</div></div>',
                                              st.text(max_size=20), st.text(max_size=60)))
def test_telegram_pages_map_or_quarantine(html, isolated):
    item = spider(TelegramSpider).emit(html, "fuzz message", channel="canal")
    assert isinstance(item, (PostItem, Malformed))
    json.dumps(dict(item), default=str)

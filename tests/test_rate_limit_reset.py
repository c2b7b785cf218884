"""The wait a 429 asks for, read from each platform's own rate-limit headers (no sleeping here)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from scrapy.http import Headers

from collectors.middlewares import rate_limit_reset_seconds

NOW = datetime(2026, 4, 6, 12, 0, 0, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("headers,wait", [
    ({"X-RateLimit-Reset": "2026-04-06T12:04:30.000Z"}, 270.0),  # Mastodon: an ISO time
    ({"X-RateLimit-Reset": "2026-04-06T11:59:00Z"}, 0.0),  # already past: go on at once
    ({"RateLimit-Reset": str(int(NOW) + 42)}, 42.0),  # Bluesky: Unix seconds
    ({"x-ratelimit-reset": "37"}, 37.0),  # Reddit: seconds until the reset, header in lower case
    ({"x-ratelimit-reset": "12.5", "x-ratelimit-remaining": "0.0"}, 12.5),
    ({"X-RateLimit-Reset": "soon"}, None),  # unreadable: the middleware's default wait applies
    ({"X-RateLimit-Reset": "-3"}, None),
    ({}, None),
])
def test_reset_headers_give_the_wait(headers: dict[str, str], wait: float | None):
    assert rate_limit_reset_seconds(Headers(headers), now=NOW) == wait

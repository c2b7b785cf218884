"""Mastodon: public hashtag timelines and search of one instance, through its REST API (no login needed
for hashtag timelines; statuses search needs an access token on most instances).

Pages newest first with the Link header (rel="next" carries max_id). A re-run asks only for statuses newer
than the checkpoint (min_id) and walks forward with rel="prev" until a page comes back empty.
API: https://docs.joinmastodon.org/methods/timelines/#tag, https://docs.joinmastodon.org/methods/search/
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from pydantic import Field, SecretStr

from collectors.base import SourceOptions, VigiaSpider, html_to_text, parse_link_header
from collectors.items import PostItem
from vigia.model import make_post_id

USED = {"id", "uri", "url", "created_at", "content", "spoiler_text", "language", "account", "replies_count",
        "reblogs_count", "favourites_count", "media_attachments", "in_reply_to_id", "card", "reblog", "tags",
        "visibility", "mentions", "edited_at"}


class MastodonOptions(SourceOptions):
    instance: str = Field(default="https://mastodon.social", description="Base URL of the instance.")
    hashtags: list[str] = Field(default_factory=list, description="Hashtags without '#'.")
    queries: list[str] = Field(default_factory=list, description="Full-text searches (need access_token).")
    access_token: SecretStr | None = Field(default=None, description="Optional token of an app on the instance.")
    limit: int = Field(default=40, ge=1, le=40)
    country: str | None = Field(default=None, description="Country to give posts, when the source is national.")


class MastodonSpider(VigiaSpider):
    name = "mastodon"
    platform = "mastodon"
    Options = MastodonOptions

    def first_requests(self):
        base = self.opts.instance.rstrip("/")
        for tag in self.opts.hashtags:
            stream = f"tag:{tag.lstrip('#').lower()}"
            url = f"{base}/api/v1/timelines/tag/{quote(tag.lstrip('#'))}"
            yield self._page(url, {"limit": self.opts.limit}, stream, f"#{tag.lstrip('#')}@{urlsplit(base).netloc}")
        for query in self.opts.queries:
            stream = f"search:{query}"
            params = {"q": query, "type": "statuses", "limit": self.opts.limit}
            yield self._page(f"{base}/api/v2/search", params, stream, f"search '{query}'@{urlsplit(base).netloc}")

    def _page(self, url: str, params: dict[str, Any], stream: str, label: str, page: int = 1, forward: bool = False):
        since = self.since(stream)
        if since and "max_id" not in params and "min_id" not in params:
            params, forward = {**params, "min_id": since}, True
        return self.request(f"{url}?{urlencode(params)}", self.parse, headers=self._headers(),
                            cb_kwargs={"stream": stream, "label": label, "page": page, "forward": forward,
                                       "url": url, "params": params})

    def parse(self, response, stream, label, page, forward, url, params):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        statuses = data.get("statuses") if isinstance(data, dict) else data
        if not isinstance(statuses, list):
            yield self.malformed(response.url, "expected a list of statuses", data)
            return
        host = urlsplit(self.opts.instance).netloc
        for status in statuses:
            if isinstance(status, dict) and status.get("id"):
                self.saw(stream, str(status["id"]))
            ref = f"{label} status {status.get('id') if isinstance(status, dict) else '?'}"
            if isinstance(status, dict) and isinstance(status.get("reblog"), dict):
                # a boost: the original once, on its own, and the boost as a record of who spread it and when
                yield self.emit(status["reblog"], f"{ref} (boosted)", source=label, host=host)
                yield self.emit(status, ref, mapper=self.to_boost, source=label, host=host)
                continue
            yield self.emit(status, ref, source=label, host=host)
        if not statuses:
            return
        links = parse_link_header(response.headers.get("Link"))
        ids = [str(s["id"]) for s in statuses if isinstance(s, dict) and s.get("id")]
        if not ids:
            return
        if forward:  # re-run: walk towards newer statuses until a page is empty
            newest = max(ids, key=lambda i: (len(i), i))
            following = links.get("prev") or f"{url}?{urlencode({**params, 'min_id': newest})}"
        elif page < self.opts.max_pages:
            oldest = min(ids, key=lambda i: (len(i), i))
            following = links.get("next") or (
                f"{url}?{urlencode({**params, 'max_id': oldest})}" if url.endswith("/search") else None)
        else:
            following = None
        if following:
            query = dict(parse_qsl(urlsplit(following).query))
            yield self.request(following, self.parse, headers=self._headers(),
                               cb_kwargs={"stream": stream, "label": label, "page": page + 1, "forward": forward,
                                          "url": url, "params": {**params, **query}})

    def _headers(self) -> dict[str, str]:
        if self.opts.access_token:
            return {"Authorization": f"Bearer {self.opts.access_token.get_secret_value()}"}
        return {}

    @staticmethod
    def _acct(account: dict[str, Any], host: str) -> str:
        acct = account["acct"]
        return acct if "@" in acct else f"{acct}@{host}"

    def to_boost(self, status: dict[str, Any], source: str, host: str) -> PostItem:
        """A boost (a Status whose `reblog` is the original) to a record linked to the original."""
        self.note_unmapped(status, USED)
        original = status["reblog"]
        return PostItem(
            platform=self.platform, native_id=status["uri"], source=source,
            url=status.get("url") or status["uri"], text="", created_at=status["created_at"],
            country=self.opts.country, author_handle=self._acct(status["account"], host),
            repost_of=make_post_id(self.platform, original["uri"]),
            original_url=original.get("url") or original["uri"],
        )

    def to_item(self, status: dict[str, Any], source: str, host: str) -> PostItem:
        """One Mastodon Status entity to a PostItem."""
        self.note_unmapped(status, USED)
        account = status["account"]
        text = html_to_text(status["content"])
        if status.get("spoiler_text"):
            text = f"{status['spoiler_text']}\n\n{text}"
        card = status.get("card") or {}
        return PostItem(
            platform=self.platform,
            native_id=status["uri"],
            source=source,
            url=status.get("url") or status["uri"],
            text=text,
            language=status.get("language"),
            created_at=status["created_at"],
            country=self.opts.country,
            author_handle=self._acct(account, host),
            engagement={"likes": status.get("favourites_count"), "shares": status.get("reblogs_count"),
                        "replies": status.get("replies_count")},
            links=[card["url"]] if card.get("url") else [],
            media=[{"url": m.get("url") or m["remote_url"], "kind": m.get("type"), "alt": m.get("description")}
                   for m in status.get("media_attachments") or [] if m.get("url") or m.get("remote_url")],
            reply_to=status.get("in_reply_to_id"),
            edited_at=status.get("edited_at"),
            content_warning=status.get("spoiler_text") or None,
            hashtags=[t["name"] for t in status.get("tags") or [] if t.get("name")],
            mentions=[self._acct(m, host) for m in status.get("mentions") or [] if m.get("acct")],
        )

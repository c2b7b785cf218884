"""Reddit: public JSON listings (`/r/<sub>/new.json`) and search (`/r/<sub>/search.json`) of subreddits.

Listings page backwards with `after=<fullname>`; a re-run asks only for newer posts with `before=<fullname>`.
Reddit asks clients to send a unique, descriptive User-Agent (Vigía's names the contact address) and to stay
under its rate limits; its robots.txt is obeyed like every site's.
API: https://www.reddit.com/dev/api/#GET_new and https://www.reddit.com/dev/api/#GET_search
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlencode

from pydantic import Field

from collectors.base import SourceOptions, VigiaSpider
from collectors.items import PostItem

USED = {"id", "name", "subreddit", "author", "title", "selftext", "created_utc", "permalink", "url", "score",
        "num_comments", "is_self", "domain", "over_18", "subreddit_name_prefixed"}


class RedditOptions(SourceOptions):
    base: str = Field(default="https://www.reddit.com", description="API root.")
    subreddits: list[str] = Field(default_factory=list, description="Subreddit names, without 'r/'.")
    queries: list[str] = Field(default_factory=list, description="Searches within each subreddit.")
    limit: int = Field(default=100, ge=1, le=100)
    country: str | None = None


class RedditSpider(VigiaSpider):
    name = "reddit"
    platform = "reddit"
    Options = RedditOptions
    custom_settings = {"DOWNLOAD_DELAY": 2.0}  # unauthenticated clients: about 10 requests a minute

    def first_requests(self):
        base = self.opts.base.rstrip("/")
        for sub in self.opts.subreddits:
            sub = sub.removeprefix("r/")
            yield self._page(f"{base}/r/{quote(sub)}/new.json", {"limit": self.opts.limit, "raw_json": 1},
                             f"r/{sub}", 1)
            for query in self.opts.queries:
                yield self._page(f"{base}/r/{quote(sub)}/search.json",
                                 {"q": query, "restrict_sr": 1, "sort": "new", "limit": self.opts.limit,
                                  "raw_json": 1}, f"r/{sub}?q={query}", 1)

    def _page(self, url: str, params: dict[str, Any], stream: str, page: int):
        since = self.since(stream)
        if since and page == 1:
            params = {**params, "before": since.split("|", 1)[1]}
        return self.request(f"{url}?{urlencode(params)}", self.parse,
                            cb_kwargs={"url": url, "params": params, "stream": stream, "page": page})

    def parse(self, response, url: str, params: dict[str, Any], stream: str, page: int):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        if not isinstance(data, dict) or data.get("kind") != "Listing":
            yield self.malformed(response.url, "expected a Listing", data)
            return
        listing = data.get("data") or {}
        children = [c.get("data") for c in listing.get("children") or [] if isinstance(c, dict) and c.get("kind") == "t3"]
        forward = "before" in params
        for post in children:
            if not isinstance(post, dict):
                continue
            if isinstance(post.get("created_utc"), (int, float)) and post.get("name"):
                self.saw(stream, f"{post['created_utc']:014.2f}|{post['name']}")
            yield self.emit(post, f"{stream} {post.get('name', '?')}", stream=stream)
        if forward:  # newer posts: keep asking before the newest one until nothing comes back
            if children and isinstance(children[0], dict) and children[0].get("name"):
                yield self._next(url, {**params, "before": children[0]["name"]}, stream, page)
        elif listing.get("after") and page < self.opts.max_pages:
            yield self._next(url, {**params, "after": listing["after"]}, stream, page)

    def _next(self, url, params, stream, page):
        return self.request(f"{url}?{urlencode(params)}", self.parse,
                            cb_kwargs={"url": url, "params": params, "stream": stream, "page": page + 1})

    def to_item(self, post: dict[str, Any], stream: str) -> PostItem:
        """One Reddit link (t3) to a PostItem."""
        self.note_unmapped(post, USED)
        permalink = f"{self.opts.base.rstrip('/')}{post['permalink']}" if post["permalink"].startswith("/") \
            else post["permalink"]
        author = post.get("author")
        link = post.get("url")
        return PostItem(
            platform=self.platform,
            native_id=post["name"],
            source=post.get("subreddit_name_prefixed") or f"r/{post['subreddit']}",
            url=permalink,
            title=post.get("title"),
            text=post.get("selftext") or "",
            created_at=datetime.fromtimestamp(float(post["created_utc"]), timezone.utc).isoformat(),
            country=self.opts.country,
            author_handle=None if author in (None, "[deleted]") else author,
            engagement={"likes": max(int(post.get("score") or 0), 0), "replies": post.get("num_comments")},
            links=[link] if link and not post.get("is_self") and link.startswith("http") else [],
        )

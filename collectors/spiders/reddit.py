"""Reddit: public JSON listings (`/r/<sub>/new.json`) and search (`/r/<sub>/search.json`) of subreddits.

Listings page backwards with `after=<fullname>`; a re-run asks only for newer posts with `before=<fullname>`.
Reddit asks clients to send a unique, descriptive User-Agent (Vigía's names the contact address) and to stay
under its rate limits; its robots.txt is obeyed like every site's.
With `client_id` and `client_secret` (an app of type "script" or "web" at https://www.reddit.com/prefs/apps) the
spider gets an application-only OAuth token (client credentials grant) and reads through oauth.reddit.com, as
Reddit asks of every client now. With `comments`, the comment trees of submissions a search matched are
collected too (each comment its own record: reply_to its parent, thread_id the submission).
API: https://www.reddit.com/dev/api/#GET_new, https://www.reddit.com/dev/api/#GET_search,
https://www.reddit.com/dev/api/#GET_comments_{article}, https://github.com/reddit-archive/reddit/wiki/OAuth2
"""

from __future__ import annotations

import base64
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlencode

from pydantic import Field, SecretStr

from collectors.base import SourceOptions, VigiaSpider
from collectors.items import PostItem
from vigia.model import make_post_id

USER_MENTION = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})")
COMMENT_USED = {"id", "name", "author", "body", "created_utc", "permalink", "parent_id", "link_id", "score",
                "edited", "replies", "subreddit", "subreddit_name_prefixed", "depth"}
USED = {"id", "name", "subreddit", "author", "title", "selftext", "created_utc", "permalink", "url", "score",
        "num_comments", "is_self", "domain", "over_18", "subreddit_name_prefixed", "edited", "spoiler", "preview",
        "crosspost_parent", "crosspost_parent_list", "media_metadata", "gallery_data", "is_video", "media"}


class RedditOptions(SourceOptions):
    base: str = Field(default="https://www.reddit.com", description="API root.")
    subreddits: list[str] = Field(default_factory=list, description="Subreddit names, without 'r/'.")
    queries: list[str] = Field(default_factory=list, description="Searches within each subreddit.")
    limit: int = Field(default=100, ge=1, le=100)
    country: str | None = None
    client_id: str | None = Field(default=None, description="OAuth client id of a Reddit app (with client_secret).")
    client_secret: SecretStr | None = Field(default=None, description="That app's secret (never logged).")
    oauth_base: str = Field(default="https://oauth.reddit.com", description="API root with an OAuth token.")
    token_url: str = Field(default="https://www.reddit.com/api/v1/access_token", description="OAuth token endpoint.")
    comments: bool = Field(default=False, description="Also collect the comments of submissions a query matched.")
    comments_limit: int = Field(default=100, ge=1, le=500, description="Comments asked per submission.")


class RedditSpider(VigiaSpider):
    name = "reddit"
    platform = "reddit"
    Options = RedditOptions
    custom_settings = {"DOWNLOAD_DELAY": 2.0}  # unauthenticated clients: about 10 requests a minute

    token: str | None = None

    def first_requests(self):
        if self.opts.client_id and self.opts.client_secret:
            pair = f"{self.opts.client_id}:{self.opts.client_secret.get_secret_value()}".encode()
            yield self.request(self.opts.token_url, self.authorized, method="POST", dont_filter=True,
                               body="grant_type=client_credentials",
                               headers={"Authorization": "Basic " + base64.b64encode(pair).decode(),
                                        "Content-Type": "application/x-www-form-urlencoded"})
        elif self.opts.client_id or self.opts.client_secret:
            self.fail("client_id and client_secret go together: give both for OAuth, or neither")
        else:
            yield from self.listings()

    def authorized(self, response):
        data, bad = self.load_json(response)
        if bad is not None or not isinstance(data, dict) or not data.get("access_token"):
            self.fail("the OAuth token endpoint answered without an access_token: check client_id and client_secret")
            return
        self.token = data["access_token"]
        yield from self.listings()

    @property
    def base(self) -> str:
        return (self.opts.oauth_base if self.token else self.opts.base).rstrip("/")

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"bearer {self.token}"} if self.token else {}

    def listings(self):
        base = self.base
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
        return self.request(f"{url}?{urlencode(params)}", self.parse, headers=self._headers(),
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
            if self.opts.comments and "q" in params and post.get("id") and post.get("subreddit"):
                yield self.request(
                    f"{self.base}/r/{quote(post['subreddit'])}/comments/{quote(post['id'])}.json?"
                    + urlencode({"limit": self.opts.comments_limit, "raw_json": 1}), self.parse_comments,
                    headers=self._headers(), cb_kwargs={"submission": post.get("name")})
        if forward:  # newer posts: keep asking before the newest one until nothing comes back
            if children and isinstance(children[0], dict) and children[0].get("name"):
                yield self._next(url, {**params, "before": children[0]["name"]}, stream, page)
        elif listing.get("after") and page < self.opts.max_pages:
            yield self._next(url, {**params, "after": listing["after"]}, stream, page)

    def parse_comments(self, response, submission: str):
        """A submission's comment tree ([Listing of the t3, Listing of t1 with nested replies]), depth first."""
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], dict)):
            yield self.malformed(response.url, "expected [submission, comments] listings", data)
            return
        pending = list(((data[1].get("data") or {}).get("children") or []))
        while pending:
            child = pending.pop(0)
            if not isinstance(child, dict) or child.get("kind") != "t1":
                continue  # "more": comments beyond the limit
            comment = child.get("data") or {}
            yield self.emit(comment, f"{submission} comment {comment.get('name', '?')}", mapper=self.comment_item)
            replies = comment.get("replies")
            if isinstance(replies, dict):
                pending[:0] = (replies.get("data") or {}).get("children") or []

    def comment_item(self, comment: dict[str, Any]) -> PostItem:
        """One Reddit comment (t1) to a PostItem."""
        self.note_unmapped(comment, COMMENT_USED, prefix="comment.")
        author = comment.get("author")
        return PostItem(
            platform=self.platform, native_id=comment["name"],
            source=comment.get("subreddit_name_prefixed") or f"r/{comment['subreddit']}",
            url=self._permalink(comment["permalink"]), text=comment["body"],
            created_at=_utc(comment["created_utc"]), country=self.opts.country,
            author_handle=None if author in (None, "[deleted]") else author,
            engagement={"likes": max(int(comment.get("score") or 0), 0)},
            reply_to=comment.get("parent_id"), thread_id=comment.get("link_id"),
            edited_at=_utc(comment["edited"]) if _is_time(comment.get("edited")) else None,
            mentions=USER_MENTION.findall(comment["body"]),
        )

    def _permalink(self, permalink: str) -> str:
        return f"{self.opts.base.rstrip('/')}{permalink}" if permalink.startswith("/") else permalink

    def _next(self, url, params, stream, page):
        return self.request(f"{url}?{urlencode(params)}", self.parse, headers=self._headers(),
                            cb_kwargs={"url": url, "params": params, "stream": stream, "page": page + 1})

    def to_item(self, post: dict[str, Any], stream: str) -> PostItem:
        """One Reddit link (t3) to a PostItem."""
        self.note_unmapped(post, USED)
        permalink = self._permalink(post["permalink"])
        author = post.get("author")
        link = post.get("url")
        original = (post.get("crosspost_parent_list") or [{}])[0]
        warnings = [name for name, flag in (("nsfw", post.get("over_18")), ("spoiler", post.get("spoiler"))) if flag]
        return PostItem(
            platform=self.platform,
            native_id=post["name"],
            source=post.get("subreddit_name_prefixed") or f"r/{post['subreddit']}",
            url=permalink,
            title=post.get("title"),
            text=post.get("selftext") or "",
            created_at=_utc(post["created_utc"]),
            country=self.opts.country,
            author_handle=None if author in (None, "[deleted]") else author,
            engagement={"likes": max(int(post.get("score") or 0), 0), "replies": post.get("num_comments")},
            links=[link] if link and not post.get("is_self") and link.startswith("http")
            and not post.get("crosspost_parent") else [],
            edited_at=_utc(post["edited"]) if _is_time(post.get("edited")) else None,
            content_warning=", ".join(warnings) or None,
            repost_of=make_post_id(self.platform, post["crosspost_parent"]) if post.get("crosspost_parent") else None,
            original_url=self._permalink(original["permalink"]) if original.get("permalink") else None,
            mentions=USER_MENTION.findall(post.get("selftext") or ""),
            media=submission_media(post),
        )


def _is_time(value: Any) -> bool:
    """Reddit's `edited` is false, or the time of the edit in epoch seconds."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _utc(value: Any) -> str:
    return datetime.fromtimestamp(float(value), timezone.utc).isoformat()


def submission_media(post: dict[str, Any]) -> list[dict[str, Any]]:
    """A gallery's images (media_metadata, with their captions as alt text), a hosted video, or a preview image."""
    media = []
    captions = {i.get("media_id"): i.get("caption") for i in (post.get("gallery_data") or {}).get("items") or []}
    for media_id, item in (post.get("media_metadata") or {}).items():
        source = (item or {}).get("s") or {}
        url = source.get("u") or source.get("gif")
        if url:
            media.append({"url": url, "kind": str(item.get("e") or "").lower() or None,
                          "alt": captions.get(media_id) or None})
    video = ((post.get("media") or {}).get("reddit_video") or {}).get("fallback_url")
    if post.get("is_video") and video:
        media.append({"url": video, "kind": "video"})
    if not media:
        for image in (post.get("preview") or {}).get("images") or []:
            url = (image.get("source") or {}).get("url")
            if url:
                media.append({"url": url, "kind": "image"})
    return media

"""Bluesky: post search (`app.bsky.feed.searchPosts`) and author feeds (`app.bsky.feed.getAuthorFeed`).

Without credentials it reads the public AppView (https://public.api.bsky.app). Where search needs an
account, give `identifier` (handle) and an app password (Settings > App passwords, never the account's
password): the spider opens a session with `com.atproto.server.createSession` on the PDS and sends its
token. Results page with `cursor`; a re-run searches only `since` the checkpoint and stops an author feed at
the first post it already has.
API: https://docs.bsky.app/docs/api/app-bsky-feed-search-posts, https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed
"""

from __future__ import annotations

import json
from datetime import timezone
from typing import Any
from urllib.parse import urlencode

from pydantic import Field, SecretStr

from collectors.base import SourceOptions, VigiaSpider
from collectors.items import PostItem
from vigia.model import make_post_id
from vigia.times import parse_time

USED = {"uri", "cid", "author", "record", "replyCount", "repostCount", "likeCount", "quoteCount", "indexedAt",
        "embed", "labels"}
INVALID_HANDLE = "handle.invalid"  # what the AppView shows for an account whose handle no longer verifies


def profile_ref(author: dict[str, Any]) -> str:
    """What names an account in a bsky.app URL: its handle, or its DID when the handle is invalid."""
    handle = author.get("handle")
    return author["did"] if not handle or handle == INVALID_HANDLE else handle


def is_repost(entry: dict[str, Any]) -> bool:
    return str((entry.get("reason") or {}).get("$type", "")).endswith("reasonRepost")


class BlueskyOptions(SourceOptions):
    api_base: str = Field(default="https://public.api.bsky.app", description="AppView for reading without login.")
    pds: str = Field(default="https://bsky.social", description="Where the account lives (with an app password).")
    queries: list[str] = Field(default_factory=list, description="searchPosts queries.")
    authors: list[str] = Field(default_factory=list, description="Handles or DIDs whose posts to follow.")
    language: str | None = Field(default=None, description="Only posts in this language (searchPosts 'lang').")
    identifier: str | None = Field(default=None, description="Handle of the account the app password belongs to.")
    app_password: SecretStr | None = Field(default=None, description="An app password (not the account password).")
    limit: int = Field(default=100, ge=1, le=100)
    country: str | None = None


def stamp(value: str) -> str:
    """A Bluesky timestamp as a sortable UTC string with microseconds."""
    return parse_time(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class BlueskySpider(VigiaSpider):
    name = "bluesky"
    platform = "bluesky"
    Options = BlueskyOptions

    def first_requests(self):
        self.token: str | None = None
        if self.opts.app_password and self.opts.identifier:
            body = json.dumps({"identifier": self.opts.identifier,
                               "password": self.opts.app_password.get_secret_value()})
            yield self.request(f"{self.opts.pds.rstrip('/')}/xrpc/com.atproto.server.createSession", self.session,
                               method="POST", body=body, headers={"Content-Type": "application/json"},
                               dont_filter=True)
        else:
            yield from self.streams()

    def session(self, response):
        data, bad = self.load_json(response)
        if bad is not None or not isinstance(data, dict) or not data.get("accessJwt"):
            self.fail("createSession answered without a token: check identifier and app_password")
            return
        self.token = data["accessJwt"]
        yield from self.streams()

    @property
    def xrpc(self) -> str:
        return f"{(self.opts.pds if self.token else self.opts.api_base).rstrip('/')}/xrpc"

    def streams(self):
        for query in self.opts.queries:
            params = {"q": query, "sort": "latest", "limit": self.opts.limit}
            if self.opts.language:
                params["lang"] = self.opts.language
            since = self.since(f"search:{query}")
            if since:
                params["since"] = since
            yield self._call("app.bsky.feed.searchPosts", params, f"search:{query}", 1)
        for actor in self.opts.authors:
            params = {"actor": actor, "limit": self.opts.limit, "filter": "posts_with_replies"}
            yield self._call("app.bsky.feed.getAuthorFeed", params, f"author:{actor}", 1)

    def _call(self, method: str, params: dict[str, Any], stream: str, page: int):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return self.request(f"{self.xrpc}/{method}?{urlencode(params)}", self.parse, headers=headers,
                            cb_kwargs={"method": method, "params": params, "stream": stream, "page": page})

    def parse(self, response, method: str, params: dict[str, Any], stream: str, page: int):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        reposts: dict[int, dict[str, Any]] = {}  # index in posts -> the feed entry's repost reason
        if method.endswith("searchPosts"):
            posts = data.get("posts") if isinstance(data, dict) else None
        else:
            feed = data.get("feed") if isinstance(data, dict) else None
            posts = None if not isinstance(feed, list) else []
            for entry in feed if isinstance(feed, list) else []:
                if isinstance(entry, dict) and is_repost(entry):
                    reposts[len(posts)] = entry["reason"]
                posts.append(entry.get("post") if isinstance(entry, dict) else entry)
        if not isinstance(posts, list):
            yield self.malformed(response.url, f"{method} answered without its list of posts", data)
            return
        since = self.since(stream)
        reached_old = False
        for index, post in enumerate(posts):
            reason = reposts.get(index)
            created = ((post or {}).get("record") or {}).get("createdAt") if isinstance(post, dict) else None
            if reason is not None:  # a repost is new when it was reposted, whatever the original's age
                created = reason.get("indexedAt")
            if created and since:
                try:
                    if not stamp(created) > since:
                        reached_old = True
                        continue
                except ValueError:
                    pass
            if created:
                try:
                    self.saw(stream, stamp(created))
                except ValueError:
                    pass
            ref = f"{stream} {post.get('uri') if isinstance(post, dict) else '?'}"
            yield self.emit(post, ref, stream=stream)
            if reason is not None:
                yield self.emit(post, f"{ref} (repost)", mapper=self.to_repost, stream=stream, reason=reason)
        cursor = data.get("cursor")
        if cursor and posts and not reached_old and (since or page < self.opts.max_pages):
            yield self._call(method, {**params, "cursor": cursor}, stream, page + 1)

    def _source(self, stream: str) -> str:
        return stream.replace("search:", "search '", 1) + "'" if stream.startswith("search:") else \
            stream.removeprefix("author:")

    def to_repost(self, post: dict[str, Any], stream: str, reason: dict[str, Any]) -> PostItem:
        """A feed entry's reasonRepost: who reposted the post and when, linked to the post."""
        by = reason["by"]
        rkey = post["uri"].rsplit("/", 1)[-1]
        return PostItem(
            platform=self.platform,
            # the repost record's at-URI when the AppView gives it, else one made of the reposter and the post
            native_id=reason.get("uri") or f"{by['did']}/repost/{post['uri']}",
            source=self._source(stream), text="", created_at=reason["indexedAt"], country=self.opts.country,
            author_handle=by["did"] if by.get("handle") in (None, INVALID_HANDLE) else by["handle"],
            author_id=by["did"],
            repost_of=make_post_id(self.platform, post["uri"]),
            original_url=f"https://bsky.app/profile/{profile_ref(post['author'])}/post/{rkey}",
        )

    def to_item(self, post: dict[str, Any], stream: str) -> PostItem:
        """One PostView (app.bsky.feed.defs#postView) to a PostItem."""
        self.note_unmapped(post, USED)
        record = post["record"]
        author = post["author"]
        rkey = post["uri"].rsplit("/", 1)[-1]
        reply = (record.get("reply") or {}).get("parent") or {}
        embed = record.get("embed") or {}
        links = [embed["external"]["uri"]] if (embed.get("external") or {}).get("uri") else []
        hashtags, mentions = list(record.get("tags") or []), []
        for facet in record.get("facets") or []:
            for feature in facet.get("features") or []:
                if feature.get("uri") and feature["uri"] not in links:
                    links.append(feature["uri"])
                if feature.get("tag"):
                    hashtags.append(feature["tag"])
                if feature.get("did"):
                    mentions.append(feature["did"])
        langs = record.get("langs") or []
        self_labels = [v["val"] for v in (record.get("labels") or {}).get("values") or [] if v.get("val")]
        return PostItem(
            platform=self.platform,
            native_id=post["uri"],
            source=self._source(stream),
            url=f"https://bsky.app/profile/{profile_ref(author)}/post/{rkey}",
            text=record["text"],
            language=langs[0].split("-")[0] if langs else None,
            created_at=record["createdAt"],
            country=self.opts.country,
            author_handle=profile_ref(author),
            author_id=author["did"],  # the pseudonym's key, as for mentions (facets name accounts by DID)
            engagement={"likes": post.get("likeCount"), "shares": post.get("repostCount"),
                        "replies": post.get("replyCount")},
            links=links,
            reply_to=reply.get("uri"),
            thread_id=((record.get("reply") or {}).get("root") or {}).get("uri"),
            content_warning=", ".join(self_labels) or None,
            hashtags=hashtags,
            mentions=list(dict.fromkeys(mentions)),
            media=embedded_media(post.get("embed") or {}),
        )


def embedded_media(embed: dict[str, Any]) -> list[dict[str, Any]]:
    """Images and videos of a post's embed view (app.bsky.embed.images#view, video#view, recordWithMedia#view)."""
    kind = str(embed.get("$type", ""))
    if kind.startswith("app.bsky.embed.recordWithMedia"):
        return embedded_media(embed.get("media") or {})
    if kind.startswith("app.bsky.embed.images"):
        return [{"url": image.get("fullsize") or image["thumb"], "kind": "image", "alt": image.get("alt") or None}
                for image in embed.get("images") or []]
    if kind.startswith("app.bsky.embed.video"):
        return [{"url": embed["playlist"], "kind": "video", "alt": embed.get("alt") or None}]
    return []

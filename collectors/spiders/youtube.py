"""YouTube: comments on the videos of configured channels, searches or video ids, through the Data API v3.

Needs an API key (Google Cloud console > APIs & Services > YouTube Data API v3 > Credentials); it is sent in
the `X-Goog-Api-Key` header, never in the URL, so it stays out of logs. Quota: a search costs 100 units,
a page of comment threads 1 (the default daily quota is 10,000). Videos come from `search.list`
(channels and queries, newest first); their comments from `commentThreads.list` (order=time, paged with
pageToken). A re-run stops each video's comments at the first one it already has.
The videos a search or a channel finds are stored too (title, description, channel, time), and replies to a
comment come from `comments.list` (parentId). Every call's cost is counted against `daily_quota` (units per
Pacific-time day, as Google counts them, kept in the checkpoint): a call that would overspend it is not made.
API: https://developers.google.com/youtube/v3/docs/commentThreads/list,
https://developers.google.com/youtube/v3/docs/search/list, https://developers.google.com/youtube/v3/docs/comments/list,
https://developers.google.com/youtube/v3/determine_quota_cost
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from pydantic import Field, SecretStr

from collectors.base import SourceOptions, VigiaSpider
from collectors.items import PostItem
from vigia.times import parse_time, utc_iso

USED = {"videoId", "textOriginal", "textDisplay", "authorDisplayName", "authorChannelId", "likeCount",
        "publishedAt", "parentId", "channelId", "updatedAt"}
VIDEO_USED = {"publishedAt", "channelId", "title", "description", "channelTitle", "thumbnails", "publishTime"}
COST = {"search": 100, "commentThreads": 1, "comments": 1}  # quota units per call
HASHTAG = re.compile(r"(?<!\w)#(\w{2,100})")


def quota_day(now: datetime | None = None) -> str:
    """The day YouTube's quota belongs to: it resets at midnight Pacific time (UTC-8, -7 in summer; -8 is kept
    so a day never ends early)."""
    return ((now or datetime.now(timezone.utc)) - timedelta(hours=8)).date().isoformat()


class YouTubeOptions(SourceOptions):
    api_base: str = Field(default="https://www.googleapis.com/youtube/v3")
    api_key: SecretStr | None = Field(default=None, description="YouTube Data API v3 key.")
    channels: list[str] = Field(default_factory=list, description="Channel ids (UC…) whose latest videos to read.")
    queries: list[str] = Field(default_factory=list, description="Video searches.")
    videos: list[str] = Field(default_factory=list, description="Video ids to read comments of.")
    region: str | None = Field(default=None, description="regionCode for searches, e.g. CO.")
    language: str | None = Field(default=None, description="relevanceLanguage for searches, e.g. es.")
    max_videos: int = Field(default=10, ge=1, le=50, description="Videos per channel or search.")
    replies: bool = Field(default=True, description="Also collect the replies to comments (comments.list).")
    daily_quota: int = Field(default=10_000, ge=1, description="Quota units this source may spend per day "
                                                              "(search 100, a page of comments 1).")
    country: str | None = None


class YouTubeSpider(VigiaSpider):
    name = "youtube"
    platform = "youtube"
    Options = YouTubeOptions
    over_budget = False  # set once the day's quota would be overspent

    @cached_property
    def quota(self) -> dict[str, Any]:
        """Units spent today, from the checkpoint (kept in it when the run closes)."""
        saved = self.previous_state.get("quota") or {}
        self.previous_state["quota"] = {"day": quota_day(),
                                        "used": saved.get("used", 0) if saved.get("day") == quota_day() else 0}
        return self.previous_state["quota"]

    def first_requests(self):
        if not self.opts.api_key:
            self.fail("no api_key in the source's options (the Data API v3 needs one)")
            return
        for video in self.opts.videos:
            yield from self._comments(video, None, 1)
        searches = [{"channelId": c} for c in self.opts.channels] + [{"q": q} for q in self.opts.queries]
        for search in searches:
            params = {"part": "snippet", "type": "video", "order": "date", "maxResults": self.opts.max_videos,
                      **search}
            if "q" in search and self.opts.region:
                params["regionCode"] = self.opts.region
            if "q" in search and self.opts.language:
                params["relevanceLanguage"] = self.opts.language
            stream = f"search:{search['q']}" if "q" in search else f"channel:{search['channelId']}"
            yield from self._get("search", params, self.parse_search, stream=stream)

    def _get(self, resource: str, params: dict[str, Any], callback, **cb_kwargs: Any):
        cost = COST[resource]
        if self.quota["used"] + cost > self.opts.daily_quota:
            if not self.over_budget:
                self.over_budget = True
                self.fail(f"daily quota budget reached ({self.quota['used']} of {self.opts.daily_quota} units used "
                          f"on {self.quota['day']}); the rest waits for the next day (option daily_quota)")
            return []
        self.quota["used"] += cost
        return [self.request(f"{self.opts.api_base.rstrip('/')}/{resource}?{urlencode(params)}", callback,
                             headers={"X-Goog-Api-Key": self.opts.api_key.get_secret_value()}, cb_kwargs=cb_kwargs)]

    def _comments(self, video: str, token: str | None, page: int):
        params = {"part": "snippet", "videoId": video, "order": "time", "textFormat": "plainText",
                  "maxResults": 100}
        if token:
            params["pageToken"] = token
        return self._get("commentThreads", params, self.parse_comments, video=video, page=page)

    def parse_search(self, response, stream: str):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        since = self.since(stream)
        for result in (data or {}).get("items") or []:
            video = ((result or {}).get("id") or {}).get("videoId")
            published = ((result or {}).get("snippet") or {}).get("publishedAt")
            if video and (not since or not published or published > since):  # the video itself: once
                self.saw(stream, published)
                yield self.emit(result, f"{stream} video {video}", mapper=self.video_item, stream=stream)
            if video and video not in self.opts.videos:
                yield from self._comments(video, None, 1)

    def _listing(self, response, endpoint: str):
        """(answer, its items), or (the record to quarantine, None) when the answer is unreadable."""
        data, bad = self.load_json(response)
        if bad is not None:
            return bad, None
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            return self.malformed(response.url, f"{endpoint} answered without 'items'", data), None
        return data, items

    def parse_comments(self, response, video: str, page: int):
        data, items = self._listing(response, "commentThreads")
        if items is None:
            yield data
            return
        stream = f"video:{video}"
        since = self.since(stream)
        reached_old = False
        for thread in items:
            snippet = (((thread or {}).get("snippet") or {}).get("topLevelComment") or {}).get("snippet") or {}
            published = snippet.get("publishedAt")
            if published:
                try:
                    stamp = utc_iso(parse_time(published))
                except ValueError:
                    stamp = None
                if stamp and since and not stamp > since:
                    reached_old = True
                    continue
                self.saw(stream, stamp)
            yield self.emit(thread, f"video {video} comment {(thread or {}).get('id', '?')}", video=video)
            replies = ((thread or {}).get("snippet") or {}).get("totalReplyCount") or 0
            if self.opts.replies and replies and isinstance(thread, dict) and thread.get("id"):
                yield from self._replies(video, thread["id"], None)
        token = data.get("nextPageToken")
        if token and not reached_old and (since or page < self.opts.max_pages):
            yield from self._comments(video, token, page + 1)

    def _replies(self, video: str, parent: str, token: str | None):
        params = {"part": "snippet", "parentId": parent, "textFormat": "plainText", "maxResults": 100}
        if token:
            params["pageToken"] = token
        return self._get("comments", params, self.parse_replies, video=video, parent=parent)

    def parse_replies(self, response, video: str, parent: str):
        data, items = self._listing(response, "comments")
        if items is None:
            yield data
            return
        for reply in items:
            yield self.emit(reply, f"video {video} reply {(reply or {}).get('id', '?')}", mapper=self.comment_item,
                            video=video)
        if data.get("nextPageToken"):
            yield from self._replies(video, parent, data["nextPageToken"])

    def video_item(self, result: dict[str, Any], stream: str) -> PostItem:
        """A search result (youtube#searchResult of a video) to a PostItem: the video as content."""
        snippet = result["snippet"]
        self.note_unmapped(snippet, VIDEO_USED, prefix="video.")
        video = result["id"]["videoId"]
        description = snippet.get("description") or ""
        thumbnails = snippet.get("thumbnails") or {}
        thumb = next((thumbnails[k]["url"] for k in ("high", "medium", "default") if (thumbnails.get(k) or {})
                      .get("url")), None)
        return PostItem(
            platform=self.platform, native_id=video,
            source=stream.replace("search:", "youtube search '", 1) + "'" if stream.startswith("search:")
            else f"youtube {stream.replace(':', ' ', 1)}",
            url=f"https://www.youtube.com/watch?v={video}", title=snippet["title"], text=description,
            created_at=snippet["publishedAt"], country=self.opts.country, author_handle=snippet["channelId"],
            hashtags=HASHTAG.findall(description), thread_id=video,
            media=[{"url": thumb, "kind": "thumbnail"}] if thumb else [],
        )

    def comment_item(self, comment: dict[str, Any], video: str) -> PostItem:
        """One Comment resource (a top-level comment or a reply) to a PostItem."""
        snippet = comment["snippet"]
        self.note_unmapped(snippet, USED, prefix="comment.")
        updated = snippet.get("updatedAt")
        return PostItem(
            platform=self.platform,
            native_id=comment["id"],
            source=f"youtube video {video}",
            url=f"https://www.youtube.com/watch?v={video}&lc={comment['id']}",
            text=snippet.get("textOriginal") or snippet["textDisplay"],
            created_at=snippet["publishedAt"],
            country=self.opts.country,
            author_handle=(snippet.get("authorChannelId") or {}).get("value") or snippet.get("authorDisplayName"),
            engagement={"likes": snippet.get("likeCount")},
            thread_id=video,
            reply_to=snippet.get("parentId"),
            edited_at=updated if updated and updated != snippet["publishedAt"] else None,
        )

    def to_item(self, thread: dict[str, Any], video: str) -> PostItem:
        """One commentThread (its top-level comment) to a PostItem."""
        item = self.comment_item(thread["snippet"]["topLevelComment"], video)
        item["engagement"] = {**item["engagement"], "replies": thread["snippet"].get("totalReplyCount")}
        return item

"""YouTube: comments on the videos of configured channels, searches or video ids, through the Data API v3.

Needs an API key (Google Cloud console > APIs & Services > YouTube Data API v3 > Credentials); it is sent in
the `X-Goog-Api-Key` header, never in the URL, so it stays out of logs. Quota: a search costs 100 units,
a page of comment threads 1 (the default daily quota is 10,000). Videos come from `search.list`
(channels and queries, newest first); their comments from `commentThreads.list` (order=time, paged with
pageToken). A re-run stops each video's comments at the first one it already has.
API: https://developers.google.com/youtube/v3/docs/commentThreads/list, https://developers.google.com/youtube/v3/docs/search/list
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pydantic import Field, SecretStr

from collectors.base import SourceOptions, VigiaSpider
from collectors.items import PostItem
from vigia.times import parse_time, utc_iso

USED = {"videoId", "textOriginal", "textDisplay", "authorDisplayName", "authorChannelId", "likeCount",
        "publishedAt", "parentId", "channelId"}


class YouTubeOptions(SourceOptions):
    api_base: str = Field(default="https://www.googleapis.com/youtube/v3")
    api_key: SecretStr | None = Field(default=None, description="YouTube Data API v3 key.")
    channels: list[str] = Field(default_factory=list, description="Channel ids (UC…) whose latest videos to read.")
    queries: list[str] = Field(default_factory=list, description="Video searches.")
    videos: list[str] = Field(default_factory=list, description="Video ids to read comments of.")
    region: str | None = Field(default=None, description="regionCode for searches, e.g. CO.")
    language: str | None = Field(default=None, description="relevanceLanguage for searches, e.g. es.")
    max_videos: int = Field(default=10, ge=1, le=50, description="Videos per channel or search.")
    country: str | None = None


class YouTubeSpider(VigiaSpider):
    name = "youtube"
    platform = "youtube"
    Options = YouTubeOptions

    def first_requests(self):
        if not self.opts.api_key:
            self.fail("no api_key in the source's options (the Data API v3 needs one)")
            return
        for video in self.opts.videos:
            yield self._comments(video, None, 1)
        searches = [{"channelId": c} for c in self.opts.channels] + [{"q": q} for q in self.opts.queries]
        for search in searches:
            params = {"part": "snippet", "type": "video", "order": "date", "maxResults": self.opts.max_videos,
                      **search}
            if "q" in search and self.opts.region:
                params["regionCode"] = self.opts.region
            if "q" in search and self.opts.language:
                params["relevanceLanguage"] = self.opts.language
            yield self._get("search", params, self.parse_search)

    def _get(self, resource: str, params: dict[str, Any], callback, **cb_kwargs: Any):
        return self.request(f"{self.opts.api_base.rstrip('/')}/{resource}?{urlencode(params)}", callback,
                            headers={"X-Goog-Api-Key": self.opts.api_key.get_secret_value()}, cb_kwargs=cb_kwargs)

    def _comments(self, video: str, token: str | None, page: int):
        params = {"part": "snippet", "videoId": video, "order": "time", "textFormat": "plainText",
                  "maxResults": 100}
        if token:
            params["pageToken"] = token
        return self._get("commentThreads", params, self.parse_comments, video=video, page=page)

    def parse_search(self, response):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        for result in (data or {}).get("items") or []:
            video = ((result or {}).get("id") or {}).get("videoId")
            if video and video not in self.opts.videos:
                yield self._comments(video, None, 1)

    def parse_comments(self, response, video: str, page: int):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            yield self.malformed(response.url, "commentThreads answered without 'items'", data)
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
        token = data.get("nextPageToken")
        if token and not reached_old and (since or page < self.opts.max_pages):
            yield self._comments(video, token, page + 1)

    def to_item(self, thread: dict[str, Any], video: str) -> PostItem:
        """One commentThread (its top-level comment) to a PostItem."""
        comment = thread["snippet"]["topLevelComment"]
        snippet = comment["snippet"]
        self.note_unmapped(snippet, USED, prefix="comment.")
        return PostItem(
            platform=self.platform,
            native_id=comment["id"],
            source=f"youtube video {video}",
            url=f"https://www.youtube.com/watch?v={video}&lc={comment['id']}",
            text=snippet.get("textOriginal") or snippet["textDisplay"],
            created_at=snippet["publishedAt"],
            country=self.opts.country,
            author_handle=(snippet.get("authorChannelId") or {}).get("value") or snippet.get("authorDisplayName"),
            engagement={"likes": snippet.get("likeCount"), "replies": thread["snippet"].get("totalReplyCount")},
            thread_id=video,
        )

"""Telegram: the public web preview of channels (https://t.me/s/<channel>), no account or API key needed.

A page shows the latest messages; older ones are paged with `?before=<id>`. A re-run asks only for messages
after the checkpoint (`?after=<id>`) and keeps asking until a page brings nothing newer.
Only public channels with the web preview enabled can be read this way.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from parsel import Selector
from pydantic import Field

from collectors.base import SourceOptions, VigiaSpider, html_to_text
from collectors.items import PostItem
from vigia.model import make_post_id

MESSAGE = "div.tgme_widget_message[data-post]"


class TelegramOptions(SourceOptions):
    base: str = Field(default="https://t.me", description="Where the web previews are served.")
    channels: list[str] = Field(default_factory=list, description="Public channel usernames, without '@'.")
    country: str | None = None


def parse_count(text: str | None) -> int | None:
    """'1.2K' -> 1200, '3M' -> 3000000, '845' -> 845."""
    if not text:
        return None
    match = re.fullmatch(r"\s*([\d.,]+)\s*([KkMm]?)\s*", text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return int(number * {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()])


class TelegramSpider(VigiaSpider):
    name = "telegram"
    platform = "telegram"
    Options = TelegramOptions

    def first_requests(self):
        for channel in self.opts.channels:
            channel = channel.lstrip("@")
            since = self.since(channel)
            query = {"after": since} if since else {}
            yield self._page(channel, query, page=1, forward=bool(since))

    def _page(self, channel: str, query: dict[str, Any], page: int, forward: bool):
        url = f"{self.opts.base.rstrip('/')}/s/{channel}" + (f"?{urlencode(query)}" if query else "")
        return self.request(url, self.parse, cb_kwargs={"channel": channel, "page": page, "forward": forward})

    def parse(self, response, channel: str, page: int, forward: bool):
        if not response.css(".tgme_channel_history, .tgme_widget_message_wrap, .tgme_channel_info"):
            yield self.malformed(response.url, "no message history in the page: the preview's layout changed, "
                                 "or the channel has no public preview", response.text[:5000])
            return
        ids = []
        for message in response.css(MESSAGE):
            post = message.attrib["data-post"]
            number = post.rsplit("/", 1)[-1]
            if number.isdigit():
                ids.append(int(number))
                if forward and not int(number) > int(self.since(channel)):
                    continue
                self.saw(channel, number)
            yield self.emit(message.get(), f"t.me/{post}", channel=channel)
        if not ids:
            return
        if forward:
            yield self._page(channel, {"after": max(ids)}, page + 1, forward)
        elif page < self.opts.max_pages:
            more = response.css("a.tme_messages_more[data-before]::attr(data-before)").get()
            yield self._page(channel, {"before": more or min(ids)}, page + 1, forward)

    def to_item(self, html: str, channel: str) -> PostItem:
        """One message block of the web preview to a PostItem."""
        message = Selector(text=html).css(MESSAGE)[0]
        post = message.attrib["data-post"]
        date = message.css("a.tgme_widget_message_date")
        when = date.css("time::attr(datetime)").get()
        if not when:
            raise KeyError("datetime")
        text_html = message.css(".tgme_widget_message_text").get()
        links = [href for href in message.css(".tgme_widget_message_text a::attr(href)").getall()
                 if href.startswith("http")]
        media = [re.sub(r"^.*url\('(.*)'\).*$", r"\1", style)
                 for style in message.css("a.tgme_widget_message_photo_wrap::attr(style)").getall()]
        reply = message.css("a.tgme_widget_message_reply::attr(href)").get()
        author = message.css(".tgme_widget_message_from_author::text").get() or channel
        forwarded = message.css("a.tgme_widget_message_forwarded_from_name::attr(href)").get()
        origin = re.fullmatch(r"https?://t\.me/(?:s/)?([A-Za-z0-9_]{4,})/(\d+)", forwarded or "")
        text_links = message.css(".tgme_widget_message_text a")
        for name in ("tgme_widget_message_poll", "tgme_widget_message_sticker"):
            if message.css(f".{name}"):
                self.crawler.stats.inc_value(f"unmapped/{name.removeprefix('tgme_widget_message_')}")
        return PostItem(
            platform=self.platform,
            native_id=post,
            source=f"t.me/{channel}",
            url=date.attrib.get("href") or f"https://t.me/{post}",
            text=html_to_text(text_html),
            created_at=when,
            country=self.opts.country,
            author_handle=author.strip(),
            engagement={"views": parse_count(message.css(".tgme_widget_message_views::text").get())},
            links=links,
            media=[m for m in media if m.startswith("http")],
            reply_to=reply.rsplit("/", 1)[-1] if reply else None,
            # a forward: linked to the original message (its channel/number, the id Vigía gives it)
            repost_of=make_post_id(self.platform, f"{origin[1]}/{origin[2]}") if origin else None,
            original_url=forwarded if forwarded and forwarded.startswith("http") else None,
            hashtags=[t.lstrip("#") for t in text_links.css("::text").getall() if t.startswith("#")],
            mentions=[t.lstrip("@") for t in text_links.css("::text").getall() if t.startswith("@")],
        )

"""Telegram: the public web preview of channels (https://t.me/s/<channel>), no account or API key needed.

A page shows the latest messages; older ones are paged with `?before=<id>`. A re-run asks only for messages
after the checkpoint (`?after=<id>`) and keeps asking until a page brings nothing newer.
Only public channels with the web preview enabled can be read this way.

What the preview shows besides posts is not stored as one: service messages ("Channel created", a new
name) and posts with only a photo, video, document or album and no text (nothing the classifiers can read)
are skipped and counted (`vigia/skipped/<reason>`). A reply's quoted preview is not the post's text, and the
author is always the channel (an admin signature is not an author). When every message of a page is
quarantined for the same reason (or ten or more are all captionless media), the run says the preview's
layout may have changed (`last_error` of the source's health, crawl stat `vigia/layout_changed`).
Walking back stops at the oldest page (one without a link to older messages).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from parsel import Selector
from pydantic import Field

from collectors.base import SourceOptions, VigiaSpider, html_to_text
from collectors.items import Malformed, PostItem
from vigia.model import make_post_id

MESSAGE = "div.tgme_widget_message[data-post]"
# The post's own text; a reply's quoted preview shares the class (js-message_reply_text) and comes first.
OWN_TEXT = ("descendant::div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message_text ')"
            " and not(contains(@class, 'js-message_reply_text'))"
            " and not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '),"
            " ' tgme_widget_message_reply ')])]")
MEDIA = {"photo": ".tgme_widget_message_photo_wrap", "video": ".tgme_widget_message_video_player",
         "document": ".tgme_widget_message_document", "album": ".tgme_widget_message_grouped_wrap",
         "voice": ".tgme_widget_message_voice", "round_video": ".tgme_widget_message_roundvideo"}


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
        outcomes = []  # per message: None when stored, else why it was not
        for message in response.css(MESSAGE):
            post = message.attrib["data-post"]
            number = post.rsplit("/", 1)[-1]
            if number.isdigit():
                ids.append(int(number))
                if forward and not int(number) > int(self.since(channel)):
                    continue
                self.saw(channel, number)
            skip = self.skip_reason(message)
            if skip:
                self.crawler.stats.inc_value(f"vigia/skipped/{skip}")
                self.logger.debug("source %s: t.me/%s skipped: %s", self.source, post, skip)
                outcomes.append(skip)
                continue
            item = self.emit(message.get(), f"t.me/{post}", channel=channel)
            outcomes.append(item.get("reason") if isinstance(item, Malformed) else None)
            yield item
        # A whole page rejected alike says the layout changed; a run of captionless photos only when it is long.
        alike = len(outcomes) >= 2 and None not in outcomes and len(set(outcomes)) == 1
        if alike and outcomes[0] != "service_message" and (outcomes[0] != "media_only" or len(outcomes) >= 10):
            self.crawler.stats.inc_value("vigia/layout_changed")
            self.fail(f"the page layout changed? all {len(outcomes)} messages of {response.url} were rejected "
                      f"the same way: {outcomes[0]}")
        if not ids:
            return
        if forward:
            yield self._page(channel, {"after": max(ids)}, page + 1, forward)
        elif page < self.opts.max_pages:
            more = response.css("a.tme_messages_more[data-before]::attr(data-before)").get()
            if more and more.isdigit() and int(more) > 1:  # no link to older messages: this is the oldest page
                yield self._page(channel, {"before": more}, page + 1, forward)

    @staticmethod
    def skip_reason(message) -> str | None:
        """Why a message block is not a post to store: a service message, or media without any text."""
        if "service_message" in message.attrib.get("class", "").split():
            return "service_message"
        text = message.xpath(OWN_TEXT)
        if text and html_to_text(text[0].get()):
            return None
        found = [kind for kind, css in MEDIA.items() if message.css(css)]
        return "media_only" if found else None

    def to_item(self, html: str, channel: str) -> PostItem:
        """One message block of the web preview to a PostItem."""
        message = Selector(text=html).css(MESSAGE)[0]
        post = message.attrib["data-post"]
        date = message.css("a.tgme_widget_message_date")
        when = date.css("time::attr(datetime)").get()
        if not when:
            raise KeyError("datetime")
        own = message.xpath(OWN_TEXT)
        if not own:
            raise ValueError("message has neither text nor media this spider knows (.tgme_widget_message_text "
                             "missing): the preview's layout changed")
        text_html = own[0].get()
        links = [href for href in own[0].css("a::attr(href)").getall() if href.startswith("http")]
        media = [re.sub(r"^.*url\('(.*)'\).*$", r"\1", style)
                 for style in message.css("a.tgme_widget_message_photo_wrap::attr(style)").getall()]
        reply = message.css("a.tgme_widget_message_reply::attr(href)").get()
        forwarded = message.css("a.tgme_widget_message_forwarded_from_name::attr(href)").get()
        origin = re.fullmatch(r"https?://t\.me/(?:s/)?([A-Za-z0-9_]{4,})/(\d+)", forwarded or "")
        text_links = own[0].css("a")
        for name in ("tgme_widget_message_from_author", "tgme_widget_message_poll", "tgme_widget_message_sticker"):
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
            author_handle=channel,  # the channel speaks; an admin signature is not the author
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

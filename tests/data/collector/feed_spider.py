"""A minimal spider over a paginated JSON feed, for testing the collector -> pipeline hand-off."""

import json

import scrapy

from collectors.items import PostItem


class FeedSpider(scrapy.Spider):
    name = "testfeed"

    def __init__(self, base: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [f"{base}/feed/page1.json"]
        self.base = base

    def parse(self, response):
        data = json.loads(response.text)
        for post in data["posts"]:
            yield PostItem(platform="testfeed", native_id=post["id"], author_handle=post["handle"],
                           text=post["body"], created_at=post["time"], country=post.get("country"),
                           url=f"{self.base}/p/{post['id']}")
        for key in ("next", "private"):
            if data.get(key):
                yield response.follow(data[key], self.parse)

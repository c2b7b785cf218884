"""Scrapy settings shared by every spider; a spider overrides what it must in `custom_settings`."""

from vigia.settings import user_agent

BOT_NAME = "vigia"
SPIDER_MODULES = ["collectors.spiders"]
NEWSPIDER_MODULE = "collectors.spiders"

# Without the contact address: each spider adds the one of vigia's settings when the crawl starts (collectors.base).
USER_AGENT = user_agent()

# Polite by default.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 3
# 429 (and 503 with Retry-After): wait what the server asks, before Scrapy's RetryMiddleware (550) sees it.
DOWNLOADER_MIDDLEWARES = {
    "collectors.middlewares.RetryAfterMiddleware": 560,
    # Scrapy's robots.txt middleware lets through requests queued while robots.txt downloads (see the class).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "collectors.middlewares.RobotsTxtMiddleware": 100,
    # Text decoded by what its bytes are (after decompression at 590): see collectors/encodings.py.
    "collectors.encodings.DecodedTextMiddleware": 580,
}
RETRY_AFTER_ENABLED = True
RETRY_AFTER_TIMES = 3
RETRY_AFTER_MAX = 300.0

# HTTP cache for development (off in real runs): `vigia collect SOURCE --http-cache` turns it on, in
# <data_dir>/httpcache, so re-running a spider while working on it does not hit the site again.
HTTPCACHE_ENABLED = False
HTTPCACHE_EXPIRATION_SECS = 6 * 3600
HTTPCACHE_IGNORE_HTTP_CODES = [429, 500, 502, 503, 504]

ITEM_PIPELINES = {"collectors.pipelines.VigiaPipeline": 900}
# Most records of a page unreadable: a parser alert in the source's health (collectors/parser_health.py).
SPIDER_MIDDLEWARES = {"collectors.parser_health.ParserHealthMiddleware": 950}
VIGIA_PIPELINE_ENABLED = True
# VIGIA_STORE_URL, VIGIA_CONFIG_FILE and VIGIA_BATCH_SIZE override vigia's settings for one crawl (-s NAME=value).

# No listening sockets during a crawl.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

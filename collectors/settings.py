"""Scrapy settings shared by every spider; a spider overrides what it must in `custom_settings`."""

from vigia import __version__
from vigia.settings import load_settings

BOT_NAME = "vigia"
SPIDER_MODULES = ["collectors.spiders"]
NEWSPIDER_MODULE = "collectors.spiders"

_contact = load_settings().contact_email
USER_AGENT = f"Vigia/{__version__} (monitoring of xenophobic speech{'; contact: ' + _contact if _contact else ''})"

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

ITEM_PIPELINES = {"collectors.pipelines.VigiaPipeline": 900}
VIGIA_PIPELINE_ENABLED = True
# VIGIA_STORE_URL, VIGIA_CONFIG_FILE and VIGIA_BATCH_SIZE override vigia's settings for one crawl (-s NAME=value).

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

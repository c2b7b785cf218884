"""The item every spider yields: the fields of vigia.model.IncomingPost, nothing else."""

import scrapy

from vigia.model import IncomingPost

PostItem = type("PostItem", (scrapy.Item,), {name: scrapy.Field() for name in IncomingPost.model_fields})
PostItem.__doc__ = "A post or article as collected; vigia.ingest.pipeline validates, pseudonymizes and enriches it."


class Malformed(scrapy.Item):
    """A record a spider could not read (broken JSON, changed HTML, missing fields): it goes to the quarantine."""

    ref = scrapy.Field()
    field = scrapy.Field()
    reason = scrapy.Field()
    raw = scrapy.Field()

"""The item every spider yields: the fields of vigia.model.IncomingPost, nothing else."""

import scrapy

from vigia.model import IncomingPost

PostItem = type("PostItem", (scrapy.Item,), {name: scrapy.Field() for name in IncomingPost.model_fields})
PostItem.__doc__ = "A post or article as collected; vigia.pipeline validates, pseudonymizes and enriches it."

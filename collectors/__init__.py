"""Vigía's collectors: a Scrapy project whose items end in vigia.ingest.pipeline."""

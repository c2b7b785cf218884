"""One crawl's way into Vigía: the pipeline its items go through, the source's checkpoint and its health.

The crawl owns one `Crawl`: the store is opened once (on first use) and closed when the crawl ends, however
many parts of the crawl (the spider's start and close, the item pipeline, the command) need it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vigia.ingest.health import SourceHealth, health_of
from vigia.ingest.pipeline import Pipeline
from vigia.ingest.shared_nlp import SharedEnricher
from vigia.settings import Settings, SourceConfig, load_settings
from vigia.store import Store, open_store


class Crawl:
    """The store, the pipeline and the checkpoints of one crawl, through one store connection."""

    def __init__(self, settings: Settings, nlp: SharedEnricher | None = None):
        self.settings = settings
        self.nlp = nlp  # NLP components shared with the other crawls of the process, loaded once
        self._store: Store | None = None
        self._pipeline: Pipeline | None = None

    @classmethod
    def from_config(cls, config_file: Path | str | None = None, store_url: str | None = None,
                    batch_size: int | None = None) -> Crawl:
        return cls(load_settings(config_file, store_url=store_url, batch_size=batch_size))

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.resolved_store_url)
        return self._store

    def pipeline(self, collector: str) -> Pipeline:
        """The pipeline the crawl's items go through (built once; its `warnings` say what NLP could not load)."""
        if self._pipeline is None:
            self._pipeline = Pipeline.from_settings(self.settings, self.store, collector,
                                                    enricher=self.nlp.get() if self.nlp else None)
        return self._pipeline

    def checkpoint(self, source: str) -> dict[str, Any]:
        return self.store.get_checkpoint(source) or {}

    def save_checkpoint(self, source: str, state: dict[str, Any]) -> None:
        self.store.set_checkpoint(source, state)

    def health(self, source: SourceConfig) -> SourceHealth:
        return health_of(source, self.store.get_checkpoint(source.name))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Crawl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

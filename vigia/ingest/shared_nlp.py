"""NLP components loaded once and shared by the crawls of one process (a `vigia monitor` cycle)."""

from __future__ import annotations

from nlp import Enricher
from vigia.ingest.pipeline import load_enricher
from vigia.settings import Settings


class SharedEnricher:
    """The configured enricher, loaded on first use (never when every crawl is skipped), then reused."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._enricher: Enricher | None = None

    def get(self) -> Enricher:
        if self._enricher is None:
            self._enricher = load_enricher(self.settings, self.settings.classify_on_collect)
        return self._enricher

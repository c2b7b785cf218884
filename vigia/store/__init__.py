"""Storage backends, chosen by one URL (see open_store)."""

from __future__ import annotations

from urllib.parse import urlsplit

from vigia.errors import StoreError
from vigia.store.base import Bucket, Filters, SearchPage, SearchQuery, Store, UpsertResult
from vigia.store.elastic import ElasticStore
from vigia.store.sqlite import SQLiteStore

BACKENDS: dict[str, type[Store]] = {"sqlite": SQLiteStore, "elasticsearch": ElasticStore}

__all__ = ["BACKENDS", "Bucket", "Filters", "SearchPage", "SearchQuery", "Store", "UpsertResult", "open_store"]


def open_store(url: str) -> Store:
    """Open the backend registered for the URL's scheme."""
    scheme = urlsplit(url).scheme
    backend = next((b for b in BACKENDS.values() if scheme in b.schemes), None)
    if backend is None:
        known = ", ".join(f"{s}://" for b in BACKENDS.values() for s in b.schemes)
        raise StoreError(f"no store backend for '{url}' (known: {known})")
    return backend.from_url(url)

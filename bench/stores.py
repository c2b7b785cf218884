"""Store benchmarks: bulk indexing against a plain single-row loop, and the console's queries at scale."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime, timezone
from itertools import islice
from typing import Any

from bench.synth import posts
from vigia.store import Filters, SearchQuery, Store

YEAR = Filters(countries=["CO"], since=datetime(2026, 1, 1, tzinfo=timezone.utc),
               until=datetime(2027, 1, 1, tzinfo=timezone.utc))
QUERIES: dict[str, Callable[[Store], Any]] = {
    "panorama: counts per day by hate label, one country, one year":
        lambda s: s.counts_over_time(YEAR, interval="day", split_by="label.hate"),
    "explorar: search 'venezolanos' + country + platform":
        lambda s: s.search(SearchQuery(text="venezolanos", filters=Filters(countries=["CO"], platforms=["x"]))),
    "explorar: newest posts + language + target":
        lambda s: s.search(SearchQuery(filters=Filters(languages=["es"], targets=["haitians"]))),
}


def index(store: Store, n: int, batch: int = 2000, progress: Callable[[int], None] | None = None) -> dict:
    """Bulk-load n posts through Store.upsert; docs/s and seconds."""
    started = time.perf_counter()
    source = posts(n)
    done = 0
    while chunk := list(islice(source, batch)):
        store.upsert(chunk)
        done += len(chunk)
        if progress:
            progress(len(chunk))
    seconds = time.perf_counter() - started
    return {"docs": done, "seconds": round(seconds, 2), "docs_per_s": round(done / seconds, 1)}


def latency(store: Store, runs: int = 30) -> dict[str, dict[str, float]]:
    """p50 / p95 milliseconds of each console query (after one warm-up run)."""
    results = {}
    for name, query in QUERIES.items():
        query(store)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            query(store)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results[name] = {"p50_ms": round(statistics.median(times), 2),
                         "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}
    return results

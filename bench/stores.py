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
    """Bulk-load n posts through Store.upsert; docs/s and seconds of the upserts (not of making the posts)."""
    source = posts(n)
    done, seconds = 0, 0.0
    while chunk := list(islice(source, batch)):
        started = time.perf_counter()
        store.upsert(chunk)
        seconds += time.perf_counter() - started
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return {"docs": done, "seconds": round(seconds, 2), "docs_per_s": round(done / seconds, 1)}


BASELINE_QUERY = "panorama, counting the posts (baseline: the store's un-aggregated path)"


def latency(store: Store, runs: int = 30) -> dict[str, dict[str, float]]:
    """p50 / p95 milliseconds of each console query (after one warm-up run). A store that answers counts from
    pre-aggregated tables (SQLite's daily counts) also runs Panorama's query without them, as its baseline."""
    queries = dict(QUERIES)
    if hasattr(store, "_counts_over_posts"):
        queries[BASELINE_QUERY] = lambda s: s._counts_over_posts(YEAR, "day", "label.hate")
    results = {}
    for name, query in queries.items():
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

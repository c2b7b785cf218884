"""End to end: raw records through vigia.ingest.pipeline (normalize, enrich with the classifier, store in SQLite) to
searchable, classified posts; posts per second of the whole and of each step, and each step's memory peak.

The baseline in the same run is the same pipeline fed one record at a time (batch size 1): what batching buys.
Memory is measured in a second pass under tracemalloc (Python allocations; torch's own buffers are not seen),
so it does not slow the timed pass; the harness runs the stage in its own process for its ru_maxrss.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from bench.synth import demo_records
from vigia.store import Filters, SearchQuery
from vigia.store.sqlite import SQLiteStore

ENRICHED = ("labels", "targets", "myths", "cues")


def raw_records(n: int, seed: str = "e2e") -> list[tuple[str, dict]]:
    """n demo records as an importer hands them in: new ids, no labels (the enricher must make them)."""
    demo = demo_records()
    records = []
    for i in range(n):
        raw = {k: v for k, v in demo[i % len(demo)].items() if k not in ENRICHED}
        raw.update(native_id=f"{seed}-{i}", url=None)
        records.append((f"bench record {i}", raw))
    return records


def pipeline(settings, store):
    from nlp import Enricher
    from vigia.ingest.pipeline import Pipeline

    enricher = Enricher(settings.languages, settings.lexicon_path, classifier_dir=settings.classifier_dir,
                        encoder_dir=settings.models_dir / "multilingual-e5-small",
                        taxonomy_path=settings.myth_taxonomy_path, precision=settings.precision)
    if enricher.classifier is None:
        raise SystemExit(f"bench e2e: {'; '.join(enricher.warnings)}")
    return Pipeline(settings, store, enricher, collector="bench")


def steps(pipe, records: list[tuple[str, dict]], batch_size: int, memory: bool) -> dict:
    """Seconds (or tracemalloc peak MiB) of each step over the records, batch by batch, as process_batch runs."""
    spent = {"normalize": 0.0, "enrich": 0.0, "store": 0.0}
    for start in range(0, len(records), batch_size):
        batch = records[start:start + batch_size]
        posts = _measured(spent, "normalize", memory, lambda: [pipe.normalize(ref, raw) for ref, raw in batch])
        enriched = _measured(spent, "enrich", memory, lambda: pipe.enrich(posts))
        _measured(spent, "store", memory, lambda: pipe.store.upsert(enriched))
    return spent


def _measured(spent: dict, step: str, memory: bool, work):
    if memory:
        tracemalloc.start()
        result = work()
        spent[step] = max(spent[step], round(tracemalloc.get_traced_memory()[1] / 2**20, 1))
        tracemalloc.stop()
        return result
    started = time.perf_counter()
    result = work()
    spent[step] += time.perf_counter() - started
    return result


def run(n: int, baseline_n: int, settings, workdir: Path) -> dict:
    from vigia.ingest.pipeline import Pipeline, RunSummary

    records = raw_records(n)
    store = SQLiteStore(workdir / "e2e.db")
    pipe = pipeline(settings.model_copy(update={"batch_size": 100}), store)
    pipe.enrich([pipe.normalize(*records[0])])  # warm-up: loads what the first batch would
    started = time.perf_counter()
    summary = pipe.process(records, RunSummary())
    seconds = time.perf_counter() - started
    classified = store.count(Filters(task="hate"))
    found = store.search(SearchQuery(text="venezolanos")).total
    store.close()
    if summary.new != n or classified != n:
        raise SystemExit(f"bench e2e: {summary.line()}; {classified} of {n} classified")

    result = {"posts": n, "batch_size": 100, "posts_per_s": round(n / seconds, 1), "seconds": round(seconds, 2),
              "stored": summary.new, "classified": classified, "found_by_search_venezolanos": found}
    for memory in (False, True):
        with SQLiteStore(workdir / f"e2e-steps-{memory}.db") as step_store:
            pipe.store = step_store
            figures = steps(pipe, raw_records(n, seed=f"steps-{memory}"), 100, memory)
        if memory:
            result["tracemalloc_peak_mib"] = figures
        else:
            result["steps_posts_per_s"] = {step: round(n / s, 1) for step, s in figures.items()}

    with SQLiteStore(workdir / "e2e-baseline.db") as baseline_store:
        one_by_one = Pipeline(settings.model_copy(update={"batch_size": 1}), baseline_store, pipe.enricher,
                              collector="bench")
        started = time.perf_counter()
        one_by_one.process(raw_records(baseline_n, seed="one"), RunSummary())
        baseline_seconds = time.perf_counter() - started
    result["baseline"] = {"what": "the same pipeline, one record per batch", "posts": baseline_n,
                          "posts_per_s": round(baseline_n / baseline_seconds, 1)}
    result["ratio"] = round(result["posts_per_s"] / result["baseline"]["posts_per_s"], 1)
    return result

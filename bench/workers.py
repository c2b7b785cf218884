"""Classification workers: the same posts, stored without the model (the first stage, classify_on_collect =
false) into a fresh Elasticsearch corpus, labelled by `vigia classify --workers 1` and then by `--workers 2`,
in the same run; posts/s of each and the ratio.

Each run is the command as users run it (a subprocess, until no post lacks the model's labels), so its wall time
includes starting the workers and loading the model; the labelling rate is over the time from the first worker
having loaded the model to the end (the command's summary line gives both).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid

from bench.e2e import raw_records

SUMMARY = re.compile(r"^(\d+) workers?: (\d+) labelled, (\d+) conflicts, .* over ([\d.]+)s once a model was loaded")
WORKER = re.compile(r"^worker \S+: (\d+) labelled, ")


def store_unlabelled(settings, store_url: str, records: list) -> float:
    """The first stage: the records through the pipeline without the classifier; posts/s."""
    from vigia.ingest.pipeline import Pipeline
    from vigia.store import open_store

    with open_store(store_url) as store:
        pipeline = Pipeline.from_settings(settings, store, "bench", classify=False)
        started = time.perf_counter()
        summary = pipeline.process(records)
        seconds = time.perf_counter() - started
    if summary.new != len(records):
        raise SystemExit(f"bench workers: stored {summary.new} of {len(records)} posts")
    return round(len(records) / seconds, 1)


def label(store_url: str, workers: int, env: dict[str, str]) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "vigia", "classify", "--workers", str(workers)], text=True,
                          capture_output=True, env={**env, "VIGIA_STORE_URL": store_url})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench workers: vigia classify --workers {workers} failed: {done.stderr[-2000:]}")
    lines = done.stdout.splitlines()
    total = next(SUMMARY.match(line) for line in lines if SUMMARY.match(line))
    each = [WORKER.match(line) for line in lines if WORKER.match(line)]
    labelled, labelling = int(total.group(2)), float(total.group(4))
    return {"workers": workers, "labelled": labelled, "conflicts": int(total.group(3)),
            "wall_seconds": round(wall, 1), "posts_per_s": round(labelled / wall, 2),
            "labelling_seconds": labelling, "labelling_posts_per_s": round(labelled / labelling, 2),
            "per_worker": [int(m.group(1)) for m in each]}


def run(n: int, settings, es_url: str) -> dict:
    records = raw_records(n, seed="workers")
    env = {**os.environ, "VIGIA_CLASSIFIER_DIR": str(settings.classifier_dir),
           "VIGIA_MODELS_DIR": str(settings.models_dir), "VIGIA_DATA_DIR": str(settings.data_dir)}
    runs, stored = [], []
    for workers in (1, 2):
        url = f"{es_url}/benchworkers{uuid.uuid4().hex[:8]}"
        stored.append(store_unlabelled(settings, url, records))
        runs.append(label(url, workers, env))
        _drop(url)
    one, two = runs
    return {"posts": n, "cores": os.cpu_count(), "slices": settings.classify_slices,
            "batch_size": settings.classify_batch_size, "stored_unlabelled_posts_per_s": min(stored),
            "runs": runs, "ratio": round(two["posts_per_s"] / one["posts_per_s"], 2),
            "labelling_ratio": round(two["labelling_posts_per_s"] / one["labelling_posts_per_s"], 2)}


def _drop(url: str) -> None:
    from vigia.store.elastic import ElasticStore

    store = ElasticStore.from_url(url)
    store.client.indices.delete(index=f"{store.alias}-v*,{store.checkpoints},{store.leases_index}")
    store.close()


def markdown(result: dict) -> str:
    lines = [f"{result['posts']} demo posts stored without the model into a fresh Elasticsearch corpus "
             f"({result['stored_unlabelled_posts_per_s']} posts/s), then labelled by `vigia classify --workers N` "
             f"until none was left ({result['slices']} slices, batches of {result['batch_size']}, "
             f"{result['cores']} cores; each worker gets cores ÷ N torch threads).", "",
             "| workers | labelled | conflicts | wall s | posts/s (wall) | s once a model was loaded | posts/s (loaded) | "
             "per worker |", "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in result["runs"]:
        lines.append(f"| {r['workers']} | {r['labelled']} | {r['conflicts']} | {r['wall_seconds']} | "
                     f"{r['posts_per_s']} | {r['labelling_seconds']} | {r['labelling_posts_per_s']} | "
                     f"{', '.join(map(str, r['per_worker']))} |")
    lines += ["", f"Two workers ÷ one: {result['ratio']}× on wall time, {result['labelling_ratio']}× once a "
              "model was loaded.", ""]
    return "\n".join(lines)


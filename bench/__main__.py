"""`python -m bench` (or `make bench`): run the benchmarks and write bench/results/<date>.json and .md."""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path

from bench import baselines, stores
from vigia.progress import track
from vigia.store.elastic import ElasticStore
from vigia.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent
NODE = ROOT.parent / "deploy" / "elasticsearch" / "node.sh"
SCALES = {"smoke": 500, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def open_backend(name: str, workdir: Path, es_url: str | None):
    if name == "sqlite":
        return SQLiteStore(workdir / f"bench-{uuid.uuid4().hex[:6]}.db")
    return ElasticStore.from_url(f"{es_url}/bench{uuid.uuid4().hex[:8]}?refresh=false")


def run_store_bench(scale: str, backends: list[str], workdir: Path, es_url: str | None) -> list[dict]:
    n = SCALES[scale]
    rows = []
    for backend in backends:
        store = open_backend(backend, workdir, es_url)
        bar = iter(track(range(n), f"{backend} {scale}: indexing", total=n))
        indexing = stores.index(store, n, progress=lambda k: [next(bar, None) for _ in range(k)])
        if backend == "elasticsearch":
            store.client.indices.refresh(index=store.alias)
        baseline_n = min(n, 2_000 if backend == "elasticsearch" else 20_000)
        baseline = (baselines.elastic_single_doc_requests(es_url, baseline_n) if backend == "elasticsearch"
                    else baselines.sqlite_single_row_inserts(workdir / f"baseline-{uuid.uuid4().hex[:6]}.db",
                                                             baseline_n))
        rows.append({"stage": "indexing", "backend": backend, "scale": scale, **indexing,
                     "baseline": baseline, "ratio": round(indexing["docs_per_s"] / baseline["docs_per_s"], 1),
                     "queries": stores.latency(store), "count": store.count()})
        if backend == "elasticsearch":
            store.client.indices.delete(index=f"{store.alias}-v*")
        store.close()
    return rows


def markdown(results: dict) -> str:
    lines = [f"Run {results['date']} on {results['machine']}.", "",
             "| backend | posts | bulk docs/s | naive loop docs/s | × | query | p50 ms | p95 ms |",
             "|---|---:|---:|---:|---:|---|---:|---:|"]
    for row in results["stores"]:
        first = True
        for query, figures in row["queries"].items():
            head = (f"| {row['backend']} | {row['count']:,} | {row['docs_per_s']:,.0f} | "
                    f"{row['baseline']['docs_per_s']:,.0f} | {row['ratio']} |") if first else "| | | | | |"
            lines.append(f"{head} {query} | {figures['p50_ms']} | {figures['p95_ms']} |")
            first = False
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", default="100k", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--backends", default="sqlite,elasticsearch")
    parser.add_argument("--es-url", help="an Elasticsearch node to use (default: start one with node.sh)")
    parser.add_argument("--out", type=Path, default=ROOT / "results")
    args = parser.parse_args()
    backends = args.backends.split(",")
    es_url, started, state = args.es_url, False, None
    if "elasticsearch" in backends and not es_url:
        state = tempfile.mkdtemp(prefix="vigia-es-bench-")
        env = {"VIGIA_ES_STATE": state, "PATH": subprocess.os.environ["PATH"], "HOME": str(Path.home())}
        es_url = subprocess.run([str(NODE), "start"], capture_output=True, text=True, check=True,
                                env=env).stdout.strip().splitlines()[-1]
        started = True
    results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "machine": f"{platform.machine()}, {subprocess.os.cpu_count()} cores, Python {platform.python_version()}",
               "stores": []}
    try:
        with tempfile.TemporaryDirectory(prefix="vigia-bench-") as workdir:
            for scale in args.scales.split(","):
                results["stores"] += run_store_bench(scale, backends, Path(workdir), es_url)
    finally:
        if started:
            subprocess.run([str(NODE), "stop"], env={**subprocess.os.environ, "VIGIA_ES_STATE": state},
                           capture_output=True)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / results["date"][:10]
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(results))
    print(markdown(results))
    print(f"bench: {len(results['stores'])} store runs written to {stem}.json and {stem}.md")


if __name__ == "__main__":
    main()

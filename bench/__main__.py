"""`python -m bench` (or `make bench`): run the benchmarks and write bench/results/<date>.json and .md.

Each stage runs in its own process, so its peak resident memory (ru_maxrss) is its own:
  stores    bulk indexing and the console's queries in each store backend, at each scale
  classify  posts/s of every head at once in fp32, bf16 (where native) and int8, against transformers.pipeline;
            each precision's roofline
  parse     items/s of each spider's parse callbacks on the recorded fixtures, against reading the bytes
  e2e       raw records through vigia.ingest.pipeline (normalize, classify, store) to searchable posts
  console   the console's pages (bench/console.py)
  api       texts/s through POST /v1/analyze on loopback, one per request and batched, against in-process
  workers   `vigia classify --workers 1` against `--workers 2` on the same posts stored unlabelled in Elasticsearch
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NODE = ROOT.parent / "deploy" / "elasticsearch" / "node.sh"
SCALES = {"smoke": 500, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
STAGES = ("stores", "classify", "parse", "e2e", "console", "api", "workers")
# Sample sizes of the stages that do not grow with the corpus, by the largest scale asked for: the classifier
# stages stay at a few hundred posts so that each takes a minute or two.
SIZES = {
    "smoke": {"workers": 40, "api": 8, "classify": 12, "naive": 3, "e2e": 12, "e2e_baseline": 3, "parse_seconds": 0.05,
              "matmul": (256, 512)},
    "10k": {"workers": 400, "api": 100, "classify": 100, "naive": 20, "e2e": 60, "e2e_baseline": 10,
            "parse_seconds": 0.5,
            "matmul": (1024, 1536, 2048)},
    "100k": {"workers": 2000, "api": 200, "classify": 300, "naive": 60, "e2e": 200, "e2e_baseline": 20,
             "parse_seconds": 2.0,
             "matmul": (1024, 1536, 2048)},
}
SIZES["1m"] = SIZES["100k"]


# -- the stages (each runs inside a worker process) ---------------------------------------------------------

def stage_stores(args, workdir: Path) -> list[dict]:
    from bench import baselines, stores
    from vigia.progress import track
    from vigia.store.elastic import ElasticStore
    from vigia.store.sqlite import SQLiteStore

    rows = []
    for scale in args.scales.split(","):
        n = SCALES[scale]
        for backend in args.backends.split(","):
            store = (SQLiteStore(workdir / f"bench-{uuid.uuid4().hex[:6]}.db") if backend == "sqlite" else
                     ElasticStore.from_url(f"{args.es_url}/bench{uuid.uuid4().hex[:8]}?refresh=false"))
            bar = iter(track(range(n), f"{backend} {scale}: indexing", total=n))
            indexing = stores.index(store, n, progress=lambda k: [next(bar, None) for _ in range(k)])
            if backend == "elasticsearch":
                store.client.indices.refresh(index=store.alias)
            baseline_n = min(n, 2_000 if backend == "elasticsearch" else 20_000)
            baseline = (baselines.elastic_single_doc_requests(args.es_url, baseline_n) if backend == "elasticsearch"
                        else baselines.sqlite_single_row_inserts(workdir / f"baseline-{uuid.uuid4().hex[:6]}.db",
                                                                 baseline_n))
            rows.append({"stage": "indexing", "backend": backend, "scale": scale, **indexing,
                         "baseline": baseline, "ratio": round(indexing["docs_per_s"] / baseline["docs_per_s"], 1),
                         "queries": stores.latency(store), "count": store.count()})
            if backend == "elasticsearch":
                store.client.indices.delete(index=f"{store.alias}-v*")
            store.close()
    return rows


def stage_classify(args, workdir: Path) -> dict:
    from bench import classify
    from vigia.settings import load_settings

    settings, sizes = load_settings(), SIZES[args.size]
    return classify.run(sizes["classify"], sizes["naive"], settings.classifier_dir,
                        settings.models_dir / "multilingual-e5-small", sizes["matmul"], settings.precision)


def stage_parse(args, workdir: Path) -> list[dict]:
    from bench import parse

    return parse.run(SIZES[args.size]["parse_seconds"])


def stage_e2e(args, workdir: Path) -> dict:
    from bench import e2e
    from vigia.settings import load_settings

    sizes = SIZES[args.size]
    return e2e.run(sizes["e2e"], sizes["e2e_baseline"], load_settings(data_dir=str(workdir)), workdir)


def stage_api(args, workdir: Path) -> dict:
    from bench import api
    from vigia.settings import load_settings

    return api.run(SIZES[args.size]["api"], load_settings(data_dir=str(workdir)), workdir)


def stage_workers(args, workdir: Path) -> dict:
    from bench import workers
    from vigia.settings import load_settings

    return workers.run(SIZES[args.size]["workers"], load_settings(data_dir=str(workdir)), args.es_url)


def stage_console(args, workdir: Path):
    from bench import console  # written separately: run(scale, workdir) -> JSON-ready result

    return console.run(args.size, workdir)


def worker(args) -> None:
    """Run one stage in this process and write {"result", "maxrss_mib", "seconds"} to args.result."""
    with tempfile.TemporaryDirectory(prefix=f"vigia-bench-{args.worker}-") as workdir:
        started = time.perf_counter()
        result = globals()[f"stage_{args.worker}"](args, Path(workdir))
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    Path(args.result).write_text(json.dumps({"result": result, "maxrss_mib": round(maxrss_mib, 1),
                                             "seconds": round(time.perf_counter() - started, 1)}))


# -- the report ---------------------------------------------------------------------------------------------

def markdown(results: dict) -> str:
    lines = [f"Run {results['date']} on {results['machine']}; stages: {', '.join(results['stages'])}.", ""]
    if results.get("stores"):
        lines += ["### Stores", "",
                  "| backend | posts | bulk docs/s | naive loop docs/s | × | query | p50 ms | p95 ms |",
                  "|---|---:|---:|---:|---:|---|---:|---:|"]
        for row in results["stores"]:
            first = True
            for query, figures in row["queries"].items():
                head = (f"| {row['backend']} | {row['count']:,} | {row['docs_per_s']:,.0f} | "
                        f"{row['baseline']['docs_per_s']:,.0f} | {row['ratio']} |") if first else "| | | | | |"
                lines.append(f"{head} {query} | {figures['p50_ms']} | {figures['p95_ms']} |")
                first = False
        lines.append("")
    if c := results.get("classify"):
        f = c["flops"]
        lines += ["### Classification", "",
                  f"{c['posts']} demo posts, mean {f['mean_tokens']} tokens (max_length {f['max_length']}); "
                  f"encoder {f['useful_mflops_per_post']:,} MFLOP per post of useful work, "
                  f"{f['executed_mflops_per_post']:,} as executed in padded batches. Default precision here: "
                  f"{c['default_reason']}. Each precision's share is of its own number format's peak "
                  "(matrix multiply on square matrices, best size).", "",
                  "| precision | posts/s | × baseline | GFLOP/s | own peak GFLOP/s | share of own peak | "
                  "same hate decision as fp32 |", "|---|---:|---:|---:|---:|---:|---:|"]
        for mode in c["modes"]:
            m, roof = c[mode], c["roofline"][mode]
            same = f"{m['same_hate_decision_as_fp32']:.1%}" if "same_hate_decision_as_fp32" in m else "–"
            lines.append(f"| {mode}{' (default)' if mode == c['default'] else ''}: batched, length-bucketed, all "
                         f"heads | {m['posts_per_s']} | {m['ratio_to_baseline']} | {m['gflops']} | "
                         f"{roof['peak_gflops']} | {m['share_of_own_peak']:.0%} | {same} |")
        lines += [f"| baseline: {c['baseline']['what']} ({c['baseline']['posts']} posts) | "
                  f"{c['baseline']['posts_per_s']} | 1.0 | | | | |", ""]
        if b := c.get("batching"):
            f_old = f.get("executed_mflops_per_post_character_sorted")
            lines += [f"Batching by token count (Encoder.embed since 2026-12-07) against the batches sorted by "
                      f"characters it formed before, encoder only, {b['precision']}, {b['posts']} posts in calls of "
                      f"{b['posts_per_call']}: {b['token_sorted_posts_per_s']} against "
                      f"{b['character_sorted_posts_per_s']} posts/s ({b['speedup']}×); executed "
                      f"{f['executed_mflops_per_post']:,} against {f_old:,} MFLOP per post; embeddings at cosine "
                      f"≥ {b['min_cosine']}.", ""]
        t = c["lora_training"]
        lines += [f"Training, {t['what']} on {t['posts']} demo posts: "
                  + ", ".join(f"{m} {t[m]['posts_per_s']} posts/s" for m in ("fp32", "bf16") if m in t)
                  + (f" (bf16 autocast {t['bf16_speedup']}× fp32)." if "bf16_speedup" in t else "."), ""]
    if results.get("parse"):
        lines += ["### Collection parsing", "",
                  "| spider callback | fixture | records per page | records/s | bare read records/s | bare ÷ spider |",
                  "|---|---|---:|---:|---:|---:|"]
        for row in results["parse"]:
            lines.append(f"| {row['case']} | {row['fixture']} | {row['yielded']} | {row['records_per_s']:,.0f} | "
                         f"{row['baseline_records_per_s']:,.0f} | {row['ratio']} |")
        lines.append("")
    if e := results.get("e2e"):
        steps, peaks = e["steps_posts_per_s"], e["tracemalloc_peak_mib"]
        lines += ["### End to end (raw records → normalize → classify → SQLite)", "",
                  "| what | posts/s | Python peak MiB |", "|---|---:|---:|",
                  f"| whole pipeline, batches of {e['batch_size']} ({e['posts']} posts) | {e['posts_per_s']} | |"]
        lines += [f"| step: {step} | {steps[step]:,} | {peaks[step]} |" for step in steps]
        lines += [f"| baseline: {e['baseline']['what']} ({e['baseline']['posts']} posts) | "
                  f"{e['baseline']['posts_per_s']} | |", "",
                  f"{e['classified']} of {e['posts']} posts stored and classified; "
                  f"a search for 'venezolanos' finds {e['found_by_search_venezolanos']}.", ""]
    if results.get("console") is not None:
        from bench import console

        lines += ["### Console", "", console.markdown(results["console"])]
    if results.get("api"):
        from bench import api

        lines += ["### HTTP API", "", api.markdown(results["api"])]
    if results.get("workers"):
        from bench import workers

        lines += ["### Classification workers", "", workers.markdown(results["workers"])]
    lines += ["### Peak memory of each stage (ru_maxrss of its process)", "",
              "| stage | MiB | seconds |", "|---|---:|---:|"]
    lines += [f"| {stage} | {m['maxrss_mib']:,} | {m['seconds']} |" for stage, m in results["memory"].items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="100k", help="comma-separated: smoke, 10k, 100k, 1m")
    parser.add_argument("--stages", default=",".join(STAGES),
                        help=f"comma-separated, of {', '.join(STAGES)} (default: all)")
    parser.add_argument("--backends", default="sqlite,elasticsearch")
    parser.add_argument("--es-url", help="an Elasticsearch node to use (default: start one with node.sh)")
    parser.add_argument("--out", type=Path, default=ROOT / "results")
    parser.add_argument("--worker", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--size", choices=SIZES, help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    stages = args.stages.split(",")
    unknown = [s for s in stages + args.scales.split(",") if s not in STAGES and s not in SCALES]
    if unknown:
        parser.error(f"unknown stage or scale: {', '.join(unknown)}")
    size = max(args.scales.split(","), key=lambda s: SCALES[s])
    es_url, started, state = args.es_url, False, None
    needs_es = "stores" in stages and "elasticsearch" in args.backends.split(",") or "workers" in stages
    if needs_es and not es_url:
        state = tempfile.mkdtemp(prefix="vigia-es-bench-")
        env = {"VIGIA_ES_STATE": state, "PATH": subprocess.os.environ["PATH"], "HOME": str(Path.home())}
        es_url = subprocess.run([str(NODE), "start"], capture_output=True, text=True, check=True,
                                env=env).stdout.strip().splitlines()[-1]
        started = True
    results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "machine": f"{platform.machine()}, {subprocess.os.cpu_count()} cores, Python {platform.python_version()}",
               "stages": stages, "memory": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="vigia-bench-") as workdir:
            for stage in stages:
                out = Path(workdir) / f"{stage}.json"
                command = [sys.executable, "-m", "bench", "--worker", stage, "--size", size, "--result", str(out),
                           "--scales", args.scales, "--backends", args.backends]
                if es_url:
                    command += ["--es-url", es_url]
                if subprocess.run(command, cwd=ROOT.parent).returncode != 0:
                    raise SystemExit(f"bench: the {stage} stage failed (its error is above)")
                done = json.loads(out.read_text())
                results[stage] = done["result"]
                results["memory"][stage] = {"maxrss_mib": done["maxrss_mib"], "seconds": done["seconds"]}
    finally:
        if started:
            subprocess.run([str(NODE), "stop"], env={**subprocess.os.environ, "VIGIA_ES_STATE": state},
                           capture_output=True)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / results["date"][:10]
    if set(stages) != set(STAGES):  # a run of some stages never overwrites the day's other runs
        stem = stem.with_name(f"{stem.name}-{'-'.join(stages)}")
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(results))
    print(markdown(results))
    print(f"bench: {', '.join(stages)} written to {stem}.json and {stem}.md")


if __name__ == "__main__":
    main()

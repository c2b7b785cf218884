"""The benchmark harness works end to end (tiny runs; real figures come from `make bench`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from stores import ElasticNode

REPO = Path(__file__).resolve().parent.parent


def bench(out: Path, *args: str, env: dict | None = None) -> dict:
    run = subprocess.run([sys.executable, "-m", "bench", "--scales", "smoke", "--out", str(out), *args], cwd=REPO,
                         capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(next(out.glob("*.json")).read_text())


def test_store_and_parse_stages_write_json_and_tables(tmp_path: Path):
    results = bench(tmp_path, "--stages", "stores,parse", "--es-url", ElasticNode.get())
    rows = {row["backend"]: row for row in results["stores"]}
    assert set(rows) == {"sqlite", "elasticsearch"}
    for row in rows.values():
        assert row["count"] == 500 and row["docs_per_s"] > 0 and row["ratio"] > 0
        assert all(q["p95_ms"] >= q["p50_ms"] > 0 for q in row["queries"].values())
    assert any("baseline" in query for query in rows["sqlite"]["queries"])  # the un-aggregated Panorama query
    parsed = {row["case"].split(":")[0]: row for row in results["parse"]}
    assert set(parsed) == {"mastodon", "reddit", "bluesky", "youtube", "telegram", "gdelt", "news"}
    assert all(row["records_per_s"] > 0 and row["baseline_records_per_s"] > 0 for row in results["parse"])
    assert sum(row["posts"] for row in results["parse"]) >= 10  # the callbacks really mapped the fixtures
    assert set(results["memory"]) == {"stores", "parse"} and all(
        m["maxrss_mib"] > 50 for m in results["memory"].values())
    table = next(tmp_path.glob("*.md")).read_text()
    assert "| sqlite | 500 |" in table and "| elasticsearch | 500 |" in table
    assert "| mastodon: hashtag timeline | mastodon/tag_migrantes_1.json | 3 |" in table


def test_classify_and_end_to_end_stages_measure_the_classifier(tmp_path: Path, models_dir: Path):  # noqa: F811
    results = bench(tmp_path, "--stages", "classify,e2e", env={"VIGIA_MODELS_DIR": str(models_dir)})
    classify = results["classify"]
    shipped = json.loads((REPO / "data" / "models" / "vigia-xeno-e5" / "manifest.json").read_text())["tasks"]
    from nlp.precision import bf16_native

    assert classify["modes"] == ["fp32", "bf16", "int8"] if bf16_native() else ["fp32", "int8"]
    assert classify["default"] == ("bf16" if bf16_native() else "fp32")  # the `precision` setting's auto
    for mode in classify["modes"]:  # every head in one pass, in each precision, against its own format's peak
        assert classify[mode]["heads"] == sorted(shipped)
        assert classify[mode]["posts_per_s"] > 0 and classify[mode]["ratio_to_baseline"] > 0
        assert classify["roofline"][mode]["precision"] == mode and classify["roofline"][mode]["peak_gflops"] > 0
        assert 0 < classify[mode]["share_of_own_peak"]
        assert mode == "fp32" or 0 <= classify[mode]["same_hate_decision_as_fp32"] <= 1
    assert classify["baseline"]["posts_per_s"] > 0
    training = classify["lora_training"]
    assert all(training[m]["posts_per_s"] > 0 for m in classify["modes"] if m != "int8")
    assert ("bf16_speedup" in training) == bf16_native() and "int8" not in training
    flops = classify["flops"]
    assert 0 < flops["mean_tokens"] <= flops["max_length"]
    assert flops["executed_mflops_per_post"] >= flops["useful_mflops_per_post"] > 100  # e5-small: ~40 MFLOP/token
    assert flops["executed_mflops_per_post_character_sorted"] >= flops["executed_mflops_per_post"]
    batching = classify["batching"]  # the embedding path against the one sorted by characters, same posts
    assert batching["precision"] == classify["default"] and batching["posts"] == classify["posts"]
    assert batching["speedup"] > 0 and batching["min_cosine"] > 0.999
    e2e = results["e2e"]
    assert e2e["stored"] == e2e["classified"] == e2e["posts"] == 12 and e2e["found_by_search_venezolanos"] > 0
    assert set(e2e["steps_posts_per_s"]) == {"normalize", "enrich", "store"} == set(e2e["tracemalloc_peak_mib"])
    assert e2e["baseline"]["posts_per_s"] > 0
    table = next(tmp_path.glob("*.md")).read_text()
    assert "share of own peak" in table and "| step: enrich |" in table and "| fp32" in table
    assert "Training, one epoch of LoRA fine-tuning" in table and "Batching by token count" in table


def test_api_stage_measures_http_against_the_classifier_in_process(tmp_path: Path, models_dir: Path):  # noqa: F811
    results = bench(tmp_path, "--stages", "api", env={"VIGIA_MODELS_DIR": str(models_dir)})
    api = results["api"]
    assert api["texts"] == 8
    for key in ("http_batch1_texts_per_s", "http_batched_texts_per_s", "http_batched_requests_per_s"):
        assert api[key] > 0
    assert api["in_process_worker"]["batch1"] > 0 and api["in_process_worker"]["batched"] > 0
    assert api["http_overhead_batch1"] > 0
    assert "### HTTP API" in next(tmp_path.glob("*.md")).read_text()


def test_workers_stage_compares_one_and_two_classification_workers(tmp_path: Path, models_dir: Path):  # noqa: F811
    results = bench(tmp_path, "--stages", "workers", "--es-url", ElasticNode.get(),
                    env={"VIGIA_MODELS_DIR": str(models_dir)})
    workers = results["workers"]
    assert [run["workers"] for run in workers["runs"]] == [1, 2]
    for run in workers["runs"]:  # every post labelled once, by the one worker or shared by the two
        assert run["labelled"] == workers["posts"] == 40 and sum(run["per_worker"]) == 40
        assert run["posts_per_s"] > 0 and run["labelling_posts_per_s"] > 0
    assert workers["ratio"] > 0 and workers["labelling_ratio"] > 0
    table = next(tmp_path.glob("*.md")).read_text()
    assert "### Classification workers" in table and "| 2 | 40 |" in table

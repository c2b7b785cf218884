"""Every export has a version id and a datasheet that says what it holds, who labelled it and how to share it."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from labelled import labelled_posts
from vigia.analysis.estimates import estimate_or_reason
from vigia.cli.main import cli
from vigia.exports.datasheet import PAGE_SIZE, export_dataset, matching_posts
from vigia.exports.registry import ExportRegistry
from vigia.model import Label
from vigia.privacy import audit
from vigia.store import Filters


def test_the_datasheet_counts_what_the_file_holds(settings, sqlite_store, isolated: Path):
    sqlite_store.upsert(labelled_posts(240))
    done = export_dataset(settings, sqlite_store, Filters(), "jsonl", who="ana")

    rows = [json.loads(line) for line in done.path.read_text(encoding="utf-8").splitlines()]
    assert done.rows == len(rows) == 240 and done.path.parent == isolated / "exports"
    assert done.sha256 == hashlib.sha256(done.path.read_bytes()).hexdigest()
    assert done.version == f"{done.export_id}-{done.sha256[:12]}"
    judged = next(r for r in rows if r["id"] == "mastodon:0")
    assert {lab["model"] for lab in judged["labels"]} == {"vigia-xeno-e5", "human:ana", "human:luis"}

    sheet = json.loads(done.datasheet_json.read_text(encoding="utf-8"))
    assert sheet == done.sheet and sheet["version"] == done.version and sheet["file"]["rows"] == 240
    assert sheet["composition"]["platforms"] == {"mastodon": 120, "x": 120}
    assert sheet["composition"]["countries"] == {"CO": 160, "PE": 80}
    assert sheet["composition"]["languages"] == {"es": 192, "pt": 48} and sheet["composition"]["synthetic_rows"] == 24
    assert sheet["models"] == [
        {"task": "hate", "model": "vigia-xeno-e5", "model_version": "0.2", "labels": 100},
        {"task": "hate", "model": "vigia-xeno-e5", "model_version": "0.3", "labels": 140},
        {"task": "migration", "model": "vigia-xeno-e5", "model_version": "0.2", "labels": 100},
        {"task": "migration", "model": "vigia-xeno-e5", "model_version": "0.3", "labels": 140}]
    assert sheet["label_schema"]["tasks"]["hate"] == {"not_hateful": 185, "hateful": 63}  # 240 model + 8 human
    assert sheet["label_schema"]["myths"] == {"crime_insecurity": 30}
    assert "crime_insecurity" in sheet["label_schema"]["defined_myths"]
    assert "venezuelans" in sheet["label_schema"]["defined_targets"]
    assert sheet["human_labels"] == {"labels": 9, "posts": 5, "annotators": 2,
                                     "per_task": {"hate": 8, "migration": 1},
                                     "agreement": {"hate": {"kappa": 0.5, "pairs": 4},
                                                   "migration": {"kappa": None, "pairs": 0}}}
    assert sheet["privacy"]["treatment"] == "redacted" and sheet["created_by"] == "ana"
    assert sheet["period"]["first_post"].startswith("2026-03-01T00:00")
    assert any("24 of 240 rows are synthetic" in note for note in sheet["licence"])
    assert any("216 rows are public posts" in note for note in sheet["licence"])
    assert any("AGPL-3.0-or-later" in note for note in sheet["licence"])

    text = done.datasheet_md.read_text(encoding="utf-8")
    assert f"Version id: `{done.version}`" in text and done.sha256 in text
    assert "| hate | vigia-xeno-e5 | 0.3 | 140 |" in text
    assert "hate: 8 labels; Cohen's kappa 0.500 over 4 posts judged twice" in text
    assert "migration: 1 labels; no post judged twice, so no Cohen's kappa" in text

    [event] = ExportRegistry(settings.data_dir).events()
    assert (event["export_id"], event["version"], event["sha256"], event["posts"]) == (
        done.export_id, done.version, done.sha256, 240)
    [entry] = audit.entries(settings.data_dir)
    assert entry["action"] == "export" and entry["actor"] == "ana" and entry["version"] == done.version


def test_every_export_backs_up_all_human_labels_even_outside_its_filter(settings, sqlite_store):
    sqlite_store.upsert(labelled_posts(240))
    done = export_dataset(settings, sqlite_store, Filters(countries=["CO"]), "csv")  # posts 0 and 3 are from PE
    backup = [json.loads(line) for line in done.labels_backup.read_text(encoding="utf-8").splitlines()]
    assert done.labels_backup.name == f"{done.export_id}.jsonl"
    assert len(backup) == 9 and {r["post_id"] for r in backup} == {f"{p}:{i}" for p, i in
                                                                   [("mastodon", 0), ("x", 1), ("mastodon", 2),
                                                                    ("x", 3), ("x", 5)]}
    assert ExportRegistry(settings.data_dir).events()[-1]["labels_backup"] == str(done.labels_backup.resolve())


def test_a_text_query_exports_every_match_past_one_search_page(settings, sqlite_store):
    sqlite_store.upsert(labelled_posts(1200))
    total, posts = matching_posts(sqlite_store, Filters(), "frontera")
    ids = [post.id for post in posts]
    assert total == len(ids) == len(set(ids)) == 1080 > PAGE_SIZE

    hostile = "frontera | rota\n# titular"
    done = export_dataset(settings, sqlite_store, Filters(countries=["PE"]), "csv", text=hostile)
    assert done.rows == 0 and done.sheet["selection"]["query"] == hostile
    assert "- Text query: frontera \\| rota # titular" in done.datasheet_md.read_text(encoding="utf-8")

    done = export_dataset(settings, sqlite_store, Filters(countries=["PE"]), "csv", text="frontera")
    with done.path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert done.rows == len(rows) == 360 and {r["country"] for r in rows} == {"PE"}
    assert done.sheet["composition"]["countries"] == {"PE": 360}


def test_the_cli_export_writes_the_datasheet_beside_the_file(settings, sqlite_store, monkeypatch, tmp_path: Path):
    sqlite_store.upsert(labelled_posts(30))
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    out = tmp_path / "out" / "muestra.parquet"
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "-o", str(out), "--raw", "--country", "PE"])
    assert result.exit_code == 0, result.output

    export_id = result.output.rsplit("export id ", 1)[1].strip()
    sheet = json.loads((out.parent / "muestra.parquet.datasheet.json").read_text(encoding="utf-8"))
    assert sheet["export_id"] == export_id and sheet["file"]["rows"] == 10 and sheet["privacy"]["treatment"] == "raw"
    assert sheet["selection"]["filters"] == {"countries": ["PE"]}
    assert (out.parent / "muestra.parquet.datasheet.md").is_file()
    assert f"version {sheet['version']}" in result.output
    assert sheet["file"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    [event] = ExportRegistry(settings.data_dir).events()
    assert event["version"] == sheet["version"] and event["raw"] is True


def test_the_datasheet_reports_each_share_estimated_beside_the_count(settings, sqlite_store):
    posts = labelled_posts(240)
    posts[10].labels.append(Label(task="myth", label="crime_insecurity", score=0.7, model="vigia-xeno-e5",
                                  model_version="0.2"))  # the classifier found a myth in one post
    sqlite_store.upsert(posts)
    done = export_dataset(settings, sqlite_store, Filters(countries=["CO"]), "jsonl")
    section = done.sheet["label_shares"]
    shares = {s["share"]: s for s in section["shares"]}
    assert list(shares) == ["xenophobic", "hate=hateful", "migration=migration", "myth=crime_insecurity"]
    assert section["not_estimated"] == {} and section["confidence"] == 0.95
    for name, task, label in (("xenophobic", "xenophobic", "xenophobic"), ("hate=hateful", "hate", "hateful"),
                              ("myth=crime_insecurity", "myth", "crime_insecurity")):
        (expected,), _ = estimate_or_reason(sqlite_store, Filters(countries=["CO"]), task, label,
                                            settings.classifier_dir)
        got = shares[name]
        assert (got["estimate"], got["classify_and_count"], got["n_posts"], got["method"],
                got["error_rates_from"]) == (expected.estimate, expected.classify_and_count, expected.n_posts,
                                             expected.method, expected.error_rates_from)
        assert got["ci_low"] <= got["estimate"] <= got["ci_high"]
    hate = shares["hate=hateful"]
    assert hate["classify_and_count"] == round(40 / 160, 4) and hate["n_posts"] == 160  # CO's posts, 1 in 4 hateful
    assert hate["estimate"] != hate["classify_and_count"] and hate["error_rates_from"].startswith("model card")
    assert shares["myth=crime_insecurity"]["among"] == "posts the classifier labelled migration=migration"

    text = done.datasheet_md.read_text(encoding="utf-8")
    assert "## Label shares" in text and "Cite the estimate with its interval." in text
    assert (f"| hate=hateful | posts the classifier labelled for hate | 25.0% | {hate['estimate']:.1%} | "
            f"{hate['ci_low']:.1%}–{hate['ci_high']:.1%} | 160 | {hate['method']} | {hate['error_rates_from']} |"
            in text)

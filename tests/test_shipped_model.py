"""The classifier shipped in data/models/vigia-xeno-e5, run as `make run` runs it: through the pipeline.

The posts below are synthetic, written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, incoming
from vigia.ingest.pipeline import Pipeline

SHIPPED = REPO / "data" / "models" / "vigia-xeno-e5"
POSTS = {
    "crime": "Desde que llegaron los venezolanos al barrio hay robos todas las noches, son delincuentes",
    "jobs": "Los inmigrantes haitianos nos quitan el trabajo y por su culpa bajan los sueldos en Santiago",
    "news": "Más de 500 migrantes cruzaron el Darién esta semana rumbo al norte, informó la Defensoría",
    "football": "Qué partidazo ayer en el estadio, la hinchada cantó hasta el final",
    "pt": "Os venezuelanos chegam a Roraima e lotam os hospitais, não tem mais vaga para brasileiro",
    # called not about migration (0.37) by the shipped model before the Latin American training set
    "deport": "Los haitianos son unos salvajes, deberían deportarlos a todos",
}
TASKS = {"hate", "migration", "frame"}
CHALLENGE_ONLY = {"ht"}  # no real held-out data: measured on data/challenge/caribbean.jsonl only


@pytest.fixture(scope="module")
def enricher(models_dir: Path):
    from nlp import Enricher

    return Enricher(("es", "pt", "en", "fr", "ht"), REPO / "data" / "lexicons" / "targets.yaml",
                    classifier_dir=SHIPPED, encoder_dir=models_dir / "multilingual-e5-small",
                    taxonomy_path=REPO / "data" / "myths" / "taxonomy.yaml")


def test_the_pipeline_fills_every_task_for_every_post(settings, sqlite_store, enricher):
    records = [(f"r{i}", incoming(native_id=name, text=text, url=None)) for i, (name, text) in enumerate(POSTS.items())]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    posts = {name: sqlite_store.get(f"mastodon:{name}") for name in POSTS}
    for name, post in posts.items():
        model = [lab for lab in post.labels if lab.model == "vigia.xeno_e5"]
        tasks = [lab.task for lab in model]
        assert TASKS <= set(tasks) and all(tasks.count(t) == 1 for t in TASKS), (name, tasks)
        assert all(0.0 <= lab.score <= 1.0 and lab.model_version.endswith("vigia-xeno-e5.1") for lab in model)
        about = post.label_for("migration").label == "migration"
        assert about == (name != "football"), name
        if about:  # who is talked about, and how
            assert [lab for lab in model if lab.task == "target"], name
        else:
            assert post.label_for("frame").label == "none" and not post.myths
    assert post_label(posts["crime"], "hate") == "hateful" and post_label(posts["football"], "hate") == "not_hateful"
    assert post_label(posts["deport"], "hate") == "hateful"
    assert post_label(posts["crime"], "frame") in ("collective_threat", "personal_threat")
    assert "crime_insecurity" in posts["crime"].myths and "jobs_wages" in posts["jobs"].myths


def post_label(post, task: str) -> str:
    return post.label_for(task).label


def test_the_shipped_model_beats_its_baseline_where_it_claims_to():
    """The release rule of the model card, checked on the evaluation shipped with the model: in every language
    a task trains on, hate and migration at least match the character baseline, and hate beats it overall.
    (French hate has no training data: its MLMA figure is reported, and flagged in the card, not gated.)"""
    report = json.loads((SHIPPED / "evaluation.json").read_text(encoding="utf-8"))
    manifest = json.loads((SHIPPED / "manifest.json").read_text(encoding="utf-8"))
    assert {"hate", "migration", "frame", "myth"} <= set(manifest["tasks"]) <= set(report)
    assert set(manifest["tasks"]["migration"]["languages"]) == {"es", "pt", "en", "fr", "ht"}
    assert {"es", "pt", "en"} <= set(manifest["tasks"]["hate"]["languages"])
    for task in ("hate", "migration"):
        model, base = report[task]["model"], report[task]["baseline"]
        for lang in set(manifest["tasks"][task]["languages"]) - CHALLENGE_ONLY:
            cell = model["per_language"][lang]
            assert cell["macro_f1"] >= base["per_language"][lang]["macro_f1"] - 0.005, (task, lang)
    hate = report["hate"]["difference"]
    assert hate["overall"]["ci95"][0] > 0 and hate["overall"]["delta"] > 0
    assert report["xenophobic"]["n"] >= 600 and report["xenophobic"]["model"]["f1"] > 0.3  # real comments
    myth = report["myth"]
    assert myth["model"]["overall"]["micro_f1"] > myth["baseline"]["overall"]["micro_f1"]


def test_the_shipped_model_finds_migration_in_the_caribbean_challenge_set(enricher):
    """Haitian Creole and Caribbean French posts: before the Caribbean training set the model called 90 % of
    those about migration not about it (macro-F1 0.24 in Creole, 0.31 in French)."""
    from sklearn.metrics import f1_score

    rows = [json.loads(line) for line in (REPO / "data" / "challenge" / "caribbean.jsonl").open(encoding="utf-8")]
    clf = enricher.classifier
    assert clf is not None, "the shipped classifier did not load"
    texts, langs = [r["text"] for r in rows], [r["language"] for r in rows]
    decided = clf.decide(clf.probabilities(clf.embed(texts), "migration", texts), "migration", langs)
    for lang in ("ht", "fr"):
        pairs = [(r["migration"], d.label) for r, d in zip(rows, decided) if r["language"] == lang]
        assert f1_score(*zip(*pairs), average="macro") > 0.7, lang

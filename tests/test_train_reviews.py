"""A model that learns from the team, end to end in both stores: `vigia train --with-reviews` learns from the
store's judgements, installs the candidate only where it clearly beats the model in use on held-out judged posts,
and `vigia classify --outdated` re-labels what the older version labelled; estimates use each version's rates.

The deployment here is written for the test (synthetic): counter-speech that quotes slurs to condemn them, which
the tiny model in use takes for hate, and that the team's judgements teach the candidate to tell apart.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stores import STORE_FACTORIES
from vigia.cli.main import cli
from vigia.labels.review import record_judgement
from vigia.store import Filters

DATASETS = Path(__file__).resolve().parent / "data" / "datasets"
GROUPS = ["venezolanos", "haitianos", "colombianos", "peruanos", "migrantes", "extranjeros", "bolivianos", "cubanos"]
COUNTER = ["En el bus le gritaron a unos {g} que eran una plaga; eso es odio y hay que denunciarlo",
           "Decir que los {g} son delincuentes es falso, los datos muestran lo contrario",
           "Me avergüenza leer a quienes llaman basura a los {g}, son vecinos como cualquiera",
           "Nadie debería llamar lacras a los {g}: respeto para todas las personas",
           "Basta de insultar a los {g}, llamarlos plaga no resuelve nada",
           "Los que dicen que hay que echar a los {g} olvidan que todos venimos de algún lado"]
HATEFUL = ["Fuera los {g}, son una plaga, que se vayan ya", "Los {g} son ratas, hay que sacarlos del país",
           "Que deporten a todos los {g}, son basura y delincuentes"]
NEUTRAL = ["El partido terminó empatado y la hinchada cantó toda la noche", "Mañana llueve según el pronóstico",
           "La receta lleva arroz, pollo y cilantro", "Se abrió una biblioteca nueva en la plaza",
           "El tráfico de hoy estuvo terrible", "El concierto de anoche fue increíble"]
CITIES = ["Lima", "Bogotá", "Santiago", "Quito", "Cúcuta", "Arica"]


def deployment() -> list[tuple[str, str, str]]:
    """(text, hate label, migration label) of the deployment's posts, as its team would judge them."""
    posts = [(t.format(g=g) + f" ({c})", "not_hateful", "migration") for t in COUNTER for g in GROUPS[:4]
             for c in CITIES[:2]]
    posts += [(t.format(g=g) + f" ({c})", "hateful", "migration") for t in HATEFUL for g in GROUPS[4:]
              for c in CITIES[3:]]
    posts += [(f"{t} en {c}", "not_hateful", "not_migration") for t in NEUTRAL for c in CITIES[:3]]
    return posts


def vigia(*args: str, ok: bool = True, env: dict | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def env_for(store_url: str, classifier_dir: Path, models_dir: Path) -> dict:
    return {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(DATASETS),
            "VIGIA_CLASSIFIER_DIR": str(classifier_dir), "VIGIA_STORE_URL": store_url}


TRAIN = ["train", "hate", "migration", "--sample", "40", "--exclude", "vigia-latam", "--exclude", "vigia-caribbean",
         "--exclude", "vigia-functional", "--no-evaluate", "--with-reviews"]


def load_deployment(tmp_path: Path, store, env: dict, judge, judged: slice = slice(None)) -> list:
    """Import the deployment's posts through the pipeline (labelled by the model in use); `judge(post, truth)`
    gives the team's (hate, migration) judgement of each post of the `judged` slice."""
    posts = deployment()
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps({"platform": "mastodon", "native_id": str(i), "text": text,
                                          "created_at": f"2026-03-{1 + i % 20:02d}T10:00:00Z", "language": "es"},
                                         ensure_ascii=False) + "\n" for i, (text, *_) in enumerate(posts)),
                      encoding="utf-8")
    vigia("import", str(source), env=env)
    stored = {p.text: p for p in store.iter_posts()}
    for text, hate, migration in posts[judged]:
        post = stored[text]
        for task, label in zip(("hate", "migration"), judge(post, (hate, migration))):
            record_judgement(store, post.id, task, label, "ana")
    return posts


def versions(store, task: str) -> set[str]:
    return {lab.model_version for p in store.iter_posts() for lab in p.labels
            if lab.task == task and not lab.model.startswith("human:")}


@pytest.mark.parametrize("backend", sorted(STORE_FACTORIES))
def test_a_candidate_that_wins_on_the_held_out_judgements_is_installed_and_relabels(
        backend: str, trained: Path, models_dir: Path, tmp_path: Path):
    from vigia.analysis.estimates import estimate

    in_use = tmp_path / "in-use"
    shutil.copytree(trained, in_use)
    store = STORE_FACTORIES[backend](tmp_path)
    url = f"{store.url}/{store.corpus}" if backend == "elasticsearch" else f"sqlite:///{tmp_path / 'contract.db'}"
    env = env_for(url, in_use, models_dir)
    load_deployment(tmp_path, store, env, lambda post, truth: truth)
    assert versions(store, "hate") == {"1+vigia-xeno-e5.1"}

    out = vigia(*TRAIN, env=env)
    assert "installed vigia-xeno-e5 version 2" in out and "clearly better on hate es" in out, out
    manifest = json.loads((in_use / "manifest.json").read_text())
    assert manifest["version"] == "2" and manifest["reviews"]["held_out"]["hate"] > 0
    assert json.loads((in_use / "history" / "vigia-xeno-e5.1" / "manifest.json").read_text())["version"] == "1"
    assert (models_dir / "retired" / "vigia-xeno-e5.1" / "heads.safetensors").is_file()

    # before re-labelling, each post's estimate uses the rates of the version that labelled it
    (found,) = estimate(store, Filters(), "hate", "hateful", in_use, resamples=5)
    assert found.error_rates_from.startswith(f"posts labelled by vigia-xeno-e5.1 ({len(deployment())}): validation")

    out = vigia("classify", "--outdated", env=env)
    assert out.startswith(f"{len(deployment())} posts labelled by an older model re-labelled with vigia-xeno-e5.2")
    assert versions(store, "hate") == versions(store, "migration") == {"1+vigia-xeno-e5.2"}
    assert vigia("classify", "--outdated", env=env).startswith("0 posts labelled by an older model")
    (found,) = estimate(store, Filters(), "hate", "hateful", in_use, resamples=5)
    assert "vigia-xeno-e5.1" not in found.error_rates_from and found.error_rates_from.startswith("validation sample")
    store.close()


def test_too_few_judgements_is_one_clear_error_and_a_candidate_that_does_not_win_is_not_installed(
        trained: Path, models_dir: Path, tmp_path: Path, sqlite_store):
    in_use = tmp_path / "in-use"
    shutil.copytree(trained, in_use)
    env = env_for(f"sqlite:///{tmp_path / 'store.db'}", in_use, models_dir)

    def agree(post, truth):  # the team agrees with the model in use: the candidate cannot be clearly better
        return post.label_for("hate").label, post.label_for("migration").label

    load_deployment(tmp_path, sqlite_store, env, agree, judged=slice(0, 10))
    out = vigia(*TRAIN, ok=False, env=env)
    assert out.count("\n") == 1 and "too few judgements to train with: hate 10 judged posts" in out
    assert "Traceback" not in out
    only_hate = vigia("train", "hate", "--sample", "40", "--no-evaluate", "--with-reviews", ok=False, env=env)
    assert "also has migration: train every task it has" in only_hate

    for post in list(sqlite_store.iter_posts()):
        for task, label in zip(("hate", "migration"), agree(post, None)):
            record_judgement(sqlite_store, post.id, task, label, "luis")
    before = (in_use / "heads.safetensors").read_bytes()
    out = vigia(*TRAIN, "--output", str(tmp_path / "candidate"), env=env)
    assert "kept the model in use (vigia-xeno-e5.1)" in out and "not clearly better in Spanish" in out, out
    assert (in_use / "heads.safetensors").read_bytes() == before
    assert json.loads((in_use / "manifest.json").read_text())["version"] == "1"
    assert json.loads((tmp_path / "candidate" / "manifest.json").read_text())["version"] == "2"
    assert "## Release rule" in (tmp_path / "candidate" / "REVIEWS-COMPARISON.md").read_text()


def test_holdout_is_seeded_and_its_share_is_a_documented_setting():
    from vigia.labels.review_training import Judged, held_out, next_version, split_judged

    judged = [Judged(f"x:{i}", f"t{i}", "es", {"hate": "hateful" if i % 2 else "not_hateful"}) for i in range(400)]
    train, test, skipped = split_judged(judged, ["hate"], 0.3, seed=13)
    assert 0.25 < len(test["hate"]) / 400 < 0.35 and not skipped
    assert {j.post_id for j in test["hate"]} == {j.post_id for j in judged if held_out(j.post_id, 0.3, 13)}
    assert {j.post_id for j in test["hate"]} != {j.post_id for j in split_judged(judged, ["hate"], 0.3, 14)[1]["hate"]}
    assert not {j.post_id for j in train["hate"]} & {j.post_id for j in test["hate"]}
    assert [next_version(v) for v in ("1", "9", "2026.3", "beta")] == ["2", "10", "2026.4", "beta.1"]
    example = (Path(__file__).resolve().parent.parent / "vigia.example.toml").read_text()
    assert "review_holdout_share = 0.3" in example


def test_a_newer_classifier_version_replaces_every_label_of_the_older_one():
    from datetime import datetime, timezone

    from vigia.model import Label, Post, Provenance

    when = datetime(2026, 3, 2, tzinfo=timezone.utc)

    def post(*labels: Label) -> Post:
        return Post(id="x:1", platform="x", native_id="1", text="t", created_at=when, collected_at=when,
                    labels=list(labels), provenance=Provenance(collector="t", run_id="r", raw_hash="h"))

    old = post(Label(task="hate", label="hateful", score=0.9, model="vigia.xeno_e5", model_version="1+vigia-xeno-e5.1"),
               Label(task="myth", label="disease", score=0.7, model="vigia.myths", model_version="1+vigia-xeno-e5.1"),
               Label(task="hate", label="hateful", score=1.0, model="human:ana", model_version="1"))
    newer = post(Label(task="hate", label="not_hateful", score=0.8, model="vigia.xeno_e5",
                       model_version="1+vigia-xeno-e5.2"))
    merged, changed = old.merged_with(newer)
    assert changed and {(lab.model, lab.model_version) for lab in merged.labels} == {
        ("vigia.xeno_e5", "1+vigia-xeno-e5.2"), ("human:ana", "1")}  # the old version's myth went too
    cues = post(Label(task="myth", label="jobs", score=0.6, model="vigia.myths", model_version="1+cues"))
    assert {lab.model_version for lab in old.merged_with(cues)[0].labels} >= {"1+vigia-xeno-e5.1", "1+cues"}


def test_estimates_use_the_rates_of_the_version_that_labelled_each_post(sqlite_store, tmp_path: Path):
    from datetime import datetime, timedelta, timezone

    from vigia.analysis.estimates import estimate
    from vigia.model import Label, Post, Provenance

    shipped = Path(__file__).resolve().parent.parent / "data" / "models" / "vigia-xeno-e5"
    installed = tmp_path / "installed"
    installed.mkdir()
    manifest = json.loads((shipped / "manifest.json").read_text())
    (installed / "manifest.json").write_text(json.dumps({**manifest, "version": "2"}))
    (installed / "evaluation.json").write_text((shipped / "evaluation.json").read_text())
    (installed / "history" / "vigia-xeno-e5.1").mkdir(parents=True)
    old_card = json.loads((shipped / "evaluation.json").read_text())
    old_card["hate"]["model"]["per_language"]["es"]["per_class"]["hateful"]["precision"] = 0.5  # v1 over-called
    (installed / "history" / "vigia-xeno-e5.1" / "evaluation.json").write_text(json.dumps(old_card))
    start = datetime(2026, 3, 2, tzinfo=timezone.utc)
    posts = []
    for i in range(200):
        version = "1+vigia-xeno-e5.1" if i < 120 else "1+vigia-xeno-e5.2"
        label = Label(task="hate", label="hateful" if i % 3 == 0 else "not_hateful", score=0.8,
                      model="vigia.xeno_e5", model_version=version, labelled_at=start)
        posts.append(Post(id=f"x:{i}", platform="x", native_id=str(i), text=f"post {i}", language="es",
                          created_at=start + timedelta(hours=i), collected_at=start, labels=[label],
                          provenance=Provenance(collector="t", run_id="r", raw_hash=f"h{i}")))
    sqlite_store.upsert(posts)
    (both,) = estimate(sqlite_store, Filters(), "hate", "hateful", installed, method="acc", resamples=5)
    assert both.error_rates_from == (
        "posts labelled by vigia-xeno-e5.2 (80): model card held-out figures (es); "
        "posts labelled by vigia-xeno-e5.1 (120): model card held-out figures (es) (that version's own card)")
    (newer,) = estimate(sqlite_store, Filters(since=start + timedelta(hours=120)), "hate", "hateful", installed,
                        method="acc", resamples=5)
    assert newer.error_rates_from == "model card held-out figures (es)"
    # the same counted share is corrected more where the version that labelled it over-called more
    (older,) = estimate(sqlite_store, Filters(until=start + timedelta(hours=120)), "hate", "hateful", installed,
                        method="acc", resamples=5)
    assert older.classify_and_count == 0.3333 and older.estimate < newer.estimate
    (installed / "history" / "vigia-xeno-e5.1" / "evaluation.json").unlink()
    (installed / "history" / "vigia-xeno-e5.1").rmdir()
    (fallback,) = estimate(sqlite_store, Filters(), "hate", "hateful", installed, method="acc", resamples=5)
    assert "(no card of that version: the installed model's)" in fallback.error_rates_from

"""Prevalence estimates corrected for the classifier's errors: the property, the store path, and `vigia estimate`.

The classifier here is test data, not a stand-in for user code: scores drawn from known class-conditional
distributions, with a decision threshold that makes it over-call the label (a biased classifier).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from stores import STORE_FACTORIES
from vigia.cli.main import cli
from vigia.analysis.estimates import (
    MIN_JUDGEMENTS_PER_CLASS,
    Outputs,
    Validation,
    estimate,
    estimate_periods,
    human_truth,
    model_output,
)
from vigia.model import HUMAN, Label, Post, Provenance
from vigia.store import Filters

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data" / "models" / "vigia-xeno-e5"  # its manifest and model-card figures
START = datetime(2026, 3, 2, tzinfo=timezone.utc)  # a Monday


def biased_outputs(rng: np.random.Generator, n: int, prevalence: float) -> tuple[Outputs, np.ndarray]:
    """A classifier that calls the label on 40 % of the posts without it and misses a quarter of those with it."""
    truth = rng.random(n) < prevalence
    scores = np.where(truth, rng.beta(5, 3, n), rng.beta(2, 4, n))
    return Outputs(scores >= 0.4, scores), truth


@pytest.mark.parametrize("method", ["acc", "pacc", "emq"])
@pytest.mark.parametrize("prevalence", [0.05, 0.3])
def test_corrected_estimate_beats_classify_and_count_and_its_interval_covers_the_truth(method: str,
                                                                                      prevalence: float):
    rng = np.random.default_rng(5)
    judged, truth = biased_outputs(rng, 600, 0.4)
    posts, posts_truth = biased_outputs(rng, 3000, prevalence)
    true_share = posts_truth.mean()
    point, low, high, _ = estimate_periods({"all": {"es": posts}}, {"es": Validation(judged, truth,
                                                                                       "validation sample")},
                                           method, resamples=40)["all"]
    counted = posts.decisions.mean()
    assert abs(counted - true_share) > 0.15  # the classifier is badly biased here
    assert abs(point - true_share) < abs(counted - true_share) / 4
    assert low <= true_share <= high and high - low < 0.2


def test_languages_are_corrected_with_their_own_error_rates():
    rng = np.random.default_rng(2)
    es_judged, es_truth = biased_outputs(rng, 500, 0.4)
    pt_truth = rng.random(500) < 0.4  # in Portuguese the classifier misses most of the label
    pt_scores = np.where(pt_truth, rng.beta(3, 5, 500), rng.beta(1, 8, 500))
    es_posts, es_posts_truth = biased_outputs(rng, 1500, 0.1)
    pt_posts_truth = rng.random(500) < 0.5
    pt_posts_scores = np.where(pt_posts_truth, rng.beta(3, 5, 500), rng.beta(1, 8, 500))
    pt_judged, pt_posts = Outputs(pt_scores >= 0.4, pt_scores), Outputs(pt_posts_scores >= 0.4, pt_posts_scores)
    true_share = (es_posts_truth.sum() + pt_posts_truth.sum()) / 2000

    per_language = {"es": Validation(es_judged, es_truth, "validation sample"),
                    "pt": Validation(pt_judged, pt_truth, "validation sample")}
    point, low, high, _ = estimate_periods({"all": {"es": es_posts, "pt": pt_posts}}, per_language, "pacc",
                                           resamples=40)["all"]
    pooled = {"*": Validation(Outputs(np.concatenate([es_judged.decisions, pt_judged.decisions]),
                                      np.concatenate([es_judged.scores, pt_judged.scores])),
                              np.concatenate([es_truth, pt_truth]), "validation sample")}
    everything = Outputs(np.concatenate([es_posts.decisions, pt_posts.decisions]),
                         np.concatenate([es_posts.scores, pt_posts.scores]))
    pooled_point = estimate_periods({"all": {"*": everything}}, pooled, "pacc", resamples=0)["all"][0]
    assert abs(pooled_point - true_share) > 0.1  # one error rate for both languages misleads
    assert abs(point - true_share) < 0.05 and low <= true_share <= high


# --- through a store ---------------------------------------------------------------------------------------


def make_post(i: int, language: str, hateful: bool, score: float, judged_by: list[str] = (),
              sample: str | None = None) -> Post:
    """A post as the pipeline leaves it: the classifier's hate label (its score is of the label it gave), and
    annotators' judgements where judged."""
    created = START + timedelta(days=i % 14, minutes=i)
    decided = score >= 0.4
    labels = [Label(task="hate", label="hateful" if decided else "not_hateful",
                    score=round(score if decided else 1 - score, 4), model="vigia.xeno_e5", model_version="1",
                    labelled_at=created),
              Label(task="migration", label="migration" if i % 4 else "not_migration", score=0.9,
                    model="vigia.xeno_e5", model_version="1", labelled_at=created)]
    labels += [Label(task="hate", label="hateful" if hateful else "not_hateful", score=1.0, model=HUMAN + who,
                     model_version="1", labelled_at=created, sample=sample) for who in judged_by]
    return Post(id=f"mastodon:{i}", platform="mastodon", native_id=str(i), text=f"post {i}", language=language,
                created_at=created, collected_at=created, country="CO", labels=labels,
                provenance=Provenance(collector="test", run_id="r1", raw_hash=f"h{i}", synthetic=True))


def test_the_latest_machine_label_decides_and_a_judgement_is_never_the_models():
    post = make_post(1, "es", True, 0.3, judged_by=["ana", "luis"])  # the model said not_hateful (0.7)
    assert model_output(post, "hate", "hateful", "not_hateful") == (False, pytest.approx(0.3))
    assert human_truth(post, "hate", "hateful") is True
    newer = Label(task="hate", label="hateful", score=0.8, model="vigia.other", model_version="2",
                  labelled_at=post.created_at + timedelta(days=1))
    assert model_output(post.model_copy(update={"labels": [*post.labels, newer]}), "hate", "hateful",
                        "not_hateful") == (True, 0.8)
    split = post.model_copy(update={"labels": [*post.labels[:2], Label(
        task="hate", label="hateful", score=1.0, model=HUMAN + "ana", model_version="1"), Label(
        task="hate", label="not_hateful", score=1.0, model=HUMAN + "luis", model_version="1")]})
    assert human_truth(split, "hate", "hateful") is None  # a tie is no judgement
    assert model_output(post, "myth", "disease", None, multi_label=True) == (False, 0.0)  # classified, no myth
    unread = post.model_copy(update={"labels": [lab for lab in post.labels if lab.model.startswith(HUMAN)]})
    assert model_output(unread, "myth", "disease", None, multi_label=True) is None


def corpus(seed: int = 3, n: int = 1200, judged: int = 240, prevalence: float = 0.1) -> tuple[list[Post], float]:
    """Spanish posts, a part of them judged (at a higher prevalence, as a review queue would see), plus a few
    Portuguese posts nobody judged; and the true share of hateful posts among all of them."""
    rng = np.random.default_rng(seed)
    posts, hateful = [], 0
    for i in range(n + judged + 60):
        language = "pt" if i >= n + judged else "es"
        is_hateful = bool(rng.random() < (0.4 if n <= i < n + judged else prevalence))
        score = float(rng.beta(5, 3) if is_hateful else rng.beta(2, 4))
        posts.append(make_post(i, language, is_hateful, score, ["ana"] if n <= i < n + judged else []))
        hateful += is_hateful
    return posts, hateful / len(posts)


@pytest.fixture(params=sorted(STORE_FACTORIES))
def filled(request, tmp_path: Path):
    store = STORE_FACTORIES[request.param](tmp_path)
    posts, true_share = corpus()
    store.upsert(posts)
    yield store, true_share
    store.close()


def test_estimate_from_a_store_uses_its_judgements_and_the_model_card_elsewhere(filled):
    store, true_share = filled
    (found,) = estimate(store, Filters(), "hate", "hateful", SHIPPED, method="pacc", resamples=40)
    assert found.n_posts == 1500
    assert ("validation sample (es: 240 judged posts, every review: fewer than 30 per class in validation mode)"
            in found.error_rates_from)
    assert "model card held-out figures (pt)" in found.error_rates_from
    assert found.method == "pacc (acc for pt)"
    assert abs(found.classify_and_count - true_share) > 0.2
    assert abs(found.estimate - true_share) < 0.06 and found.ci_low <= true_share <= found.ci_high
    weekly = estimate(store, Filters(languages=["es"]), "hate", "hateful", SHIPPED, by="week", resamples=10)
    assert [e.period for e in weekly] == ["2026-03-02", "2026-03-09"]
    assert sum(e.n_posts for e in weekly) == 1440 and weekly[0].method == "pacc"


def test_validation_mode_judgements_are_preferred_where_each_class_has_enough(sqlite_store):
    posts, _ = corpus(n=600)  # 240 queue judgements in es, at the queue's higher prevalence
    rng = np.random.default_rng(5)
    uniform = []
    for i in range(2000, 2460):  # a uniform validation sample: es has enough of each class, pt does not
        language, sample = ("es", "validation") if i < 2200 else ("pt", "validation") if i < 2260 else ("pt", "queue")
        is_hateful = bool(rng.random() < 0.4)
        score = float(rng.beta(5, 3) if is_hateful else rng.beta(2, 4))
        uniform.append(make_post(i, language, is_hateful, score, ["luis"], sample=sample))
    sqlite_store.upsert(posts + uniform)
    (found,) = estimate(sqlite_store, Filters(), "hate", "hateful", SHIPPED, method="pacc", resamples=5)
    assert "es: 200 judged posts in validation mode" in found.error_rates_from  # the 240 queue posts left out
    assert "pt: 260 judged posts, every review" in found.error_rates_from  # 60 in validation mode: every judgement


def test_an_adjudication_is_the_truth_and_validation_judgements_vote_alone():
    post = make_post(1, "es", True, 0.3)
    ana = Label(task="hate", label="hateful", score=1.0, model=HUMAN + "ana", model_version="1", sample="queue")
    luis = Label(task="hate", label="not_hateful", score=1.0, model=HUMAN + "luis", model_version="1",
                 sample="validation")
    judged = post.model_copy(update={"labels": [*post.labels, ana, luis]})
    assert human_truth(judged, "hate", "hateful") is None  # one each: a tie
    assert human_truth(judged, "hate", "hateful", validation_only=True) is False  # luis judged the sample
    final = Label(task="hate", label="hateful", score=1.0, model=HUMAN + "ana#adjudication", model_version="1",
                  sample="adjudication")
    adjudicated = judged.model_copy(update={"labels": [*judged.labels, final]})
    assert human_truth(adjudicated, "hate", "hateful") is True
    assert human_truth(adjudicated, "hate", "hateful", validation_only=True) is True
    myths = Label(task="myth", label="crime_insecurity,disease", score=1.0, model=HUMAN + "ana", model_version="1")
    with_myths = post.model_copy(update={"labels": [*post.labels, myths]})
    assert human_truth(with_myths, "myth", "disease") is True and human_truth(with_myths, "myth", "jobs_wages") is False


def test_too_few_judgements_fall_back_to_the_model_card(sqlite_store):
    posts, _ = corpus(judged=2 * MIN_JUDGEMENTS_PER_CLASS - 2, n=300)
    sqlite_store.upsert(posts)
    (found,) = estimate(sqlite_store, Filters(), "hate", "hateful", SHIPPED, method="emq", resamples=10)
    assert found.error_rates_from == "model card held-out figures (es, pt)" and found.method == "acc"


def test_xenophobic_and_myth_shares_are_among_the_posts_about_migration(sqlite_store):
    posts, _ = corpus(n=300)
    sqlite_store.upsert(posts)
    about_migration = [p for p in posts if p.label_for("migration").label == "migration"]
    (found,) = estimate(sqlite_store, Filters(), "xenophobic", "xenophobic", SHIPPED, resamples=10)
    assert found.n_posts == len(about_migration)
    machine = [next(lab for lab in p.labels if lab.task == "hate" and not lab.model.startswith(HUMAN))
               for p in about_migration]
    assert found.classify_and_count == round(sum(lab.label == "hateful" for lab in machine) / len(machine), 4)
    assert "for hate=hateful on all posts" in found.error_rates_from  # too few judged migration posts here
    (myth,) = estimate(sqlite_store, Filters(), "myth", "crime_insecurity", SHIPPED, resamples=5)
    assert myth.n_posts == len(about_migration) and myth.classify_and_count == 0  # read by the model, no myth found


# --- the command -------------------------------------------------------------------------------------------


def vigia(*args: str, ok: bool = True) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert (result.exit_code == 0) == ok, result.output
    return result.output


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    from vigia.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "estimate.db") as store:
        store.upsert(corpus(n=300)[0])
    return f"sqlite:///{tmp_path / 'estimate.db'}"


def test_json_has_the_documented_keys(store_url: str):
    out = json.loads(vigia("estimate", "--task", "hate", "--label", "hateful", "--store", store_url,
                           "--resamples", "10", "--json"))
    assert {"estimate", "ci_low", "ci_high", "classify_and_count", "method", "n_posts",
            "error_rates_from"} <= set(out) and "period" not in out
    assert out["ci_low"] <= out["estimate"] <= out["ci_high"] and out["n_posts"] == 600


def test_by_week_gives_one_object_per_week(store_url: str):
    out = json.loads(vigia("estimate", "--task", "hate", "--label", "hateful", "--store", store_url, "--by", "week",
                           "--country", "CO", "--language", "es", "--resamples", "5", "--json"))
    assert isinstance(out, list) and [row["period"] for row in out] == ["2026-03-02", "2026-03-09"]
    assert sum(row["n_posts"] for row in out) == 540


def test_text_output_names_interval_count_and_source(store_url: str):
    out = vigia("estimate", "--task", "hate", "--label", "hateful", "--store", store_url, "--resamples", "5")
    assert "95% interval" in out and "classify-and-count" in out and "error rates from: validation sample" in out


@pytest.mark.parametrize("args,message", [
    (["--task", "hate", "--label", "angry"], "task 'hate' has no label 'angry'; use one of not_hateful, hateful"),
    (["--task", "mood", "--label", "x"], "unknown task 'mood'"),
    (["--task", "hate", "--label", "hateful", "--country", "PE"], "no posts labelled by the classifier for hate "
                                                                    "match these filters"),
])
def test_bad_input_and_empty_selections_are_one_line(store_url: str, args: list[str], message: str):
    out = vigia("estimate", *args, "--store", store_url, ok=False)
    errors = [line for line in out.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in out


# --- the simulation behind the model card's table -----------------------------------------------------------


def test_the_simulation_measures_how_far_each_method_lands_from_known_prevalences():
    from vigia.analysis.quantification_check import PREVALENCES, markdown, simulate

    rng = np.random.default_rng(4)
    languages = rng.choice(["es", "pt"], 2000, p=[0.8, 0.2])
    outputs, truth = biased_outputs(rng, 2000, 0.35)
    rows = simulate(outputs, truth, languages, methods=("acc", "pacc"), sample_size=300, draws=3, resamples=10)
    assert [(r.mix, r.prevalence) for r in rows] == [(mix, p) for mix in ("as labelled", "languages equal")
                                                     for p in PREVALENCES]
    cc, pacc = np.mean([r.mae["cc"] for r in rows]), np.mean([r.mae["pacc"] for r in rows])
    assert pacc < cc / 3
    assert rows[0].mae["cc"] > 0.2 and rows[0].draws == 3  # at 5 % the biased classifier counts about 40 %
    table = markdown(rows, methods=("acc", "pacc"))
    assert table.count("\n") == 2 + len(rows) and "| languages equal | 50% |" in table


def test_models_quantification_runs_on_the_challenge_sets_without_the_shared_datasets(models_dir: Path,
                                                                                      tmp_path: Path):
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(tmp_path / "absent")}
    result = CliRunner().invoke(cli, ["models", "quantification", "--sample", "20", "--draws", "2",
                                      "--resamples", "3", "--sample-size", "40"], env=env)
    assert result.exit_code == 0, result.output
    assert "| **all** |" in result.output and "synthetic data/challenge sets (no shared datasets)" in result.output
    assert "160 held-out examples" in result.output and "languages es, fr, ht, pt" in result.output

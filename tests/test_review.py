"""Review: agreement between annotators, the validation sample, overlap between reviewers, adjudication."""

from datetime import datetime, timezone

import pytest

from vigia.analysis.estimates import human_truth
from vigia.model import Label, Post, Provenance
from vigia.labels.review import (
    adjudicate,
    adjudication,
    cohens_kappa,
    disagrees,
    is_shared,
    judged_by,
    judgements,
    kappa_by_pair,
    labels_said,
    myth_value,
    next_for_reviewer,
    progress,
    record_judgement,
    sample_size,
    validation_sample,
)
from vigia.store import Filters

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def judged(i: int, a: str, b: str) -> Post:
    labels = [Label(task="hate", label=a, score=1, model="human:ana", model_version="1", labelled_at=NOW),
              Label(task="hate", label=b, score=1, model="human:luis", model_version="1", labelled_at=NOW)]
    return Post(id=f"x:{i}", platform="x", text="t", created_at=NOW, collected_at=NOW, labels=labels,
                provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)))


def test_kappa_matches_the_textbook_example():
    # 20 items: both yes 7, both no 8, ana yes/luis no 2, ana no/luis yes 3
    # po = 15/20 = 0.75; ana says yes 9/20, luis 10/20 -> pe = (9*10 + 11*10) / 400 = 0.5; kappa = 0.5
    pairs = [("y", "y")] * 7 + [("n", "n")] * 8 + [("y", "n")] * 2 + [("n", "y")] * 3
    kappa, n = cohens_kappa([judged(i, a, b) for i, (a, b) in enumerate(pairs)], "hate")
    assert n == 20 and kappa == pytest.approx(0.5)


def test_no_double_judgements_no_kappa():
    assert cohens_kappa([], "hate") == (None, 0)


# --- validation sample, overlap, kappa per pair, adjudication (on a real SQLite store) -----------------------


def machine_post(i: int, score: float, language: str = "es", country: str = "CO") -> Post:
    label = Label(task="hate", label="hateful", score=score, model="m", model_version="1", labelled_at=NOW)
    return Post(id=f"x:{i}", platform="x", text=f"publicación {i}", language=language, country=country,
                created_at=NOW, collected_at=NOW, labels=[label],
                provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)))


def test_the_sample_size_gives_the_interval_asked_for():
    assert sample_size(0.05) == 385  # 1.96² · 0.25 / 0.05² = 384.1
    assert sample_size(0.1) == 97 and sample_size(0.05, share=0.1) == 139


def test_the_validation_sample_is_uniform_within_the_filters_and_stable(sqlite_store):
    # scores rise with the post number: a least-confident queue would take the first ones, a uniform sample any
    sqlite_store.upsert([machine_post(i, 0.5 + i / 2000, country="CO" if i % 2 else "PE") for i in range(1000)])
    sqlite_store.upsert([machine_post(i, 0.6, language="pt", country="BR") for i in range(1000, 1100)])
    sample = validation_sample(sqlite_store, Filters(countries=["CO"]), size=100, seed=7)
    assert set(sample) == {"es"} and len(sample["es"]) == 100 and len(set(sample["es"])) == 100
    numbers = [int(post_id.split(":")[1]) for post_id in sample["es"]]
    assert all(n % 2 for n in numbers)  # only posts within the filters
    assert 400 < sum(numbers) / len(numbers) < 600  # spread over the whole range (the population mean is 500)
    assert validation_sample(sqlite_store, Filters(countries=["CO"]), size=100, seed=7) == sample  # a reload
    sqlite_store.upsert([machine_post(i, 0.7, country="PE") for i in range(2000, 2100)])  # outside the filters
    assert validation_sample(sqlite_store, Filters(countries=["CO"]), size=100, seed=7) == sample
    assert validation_sample(sqlite_store, Filters(countries=["CO"]), size=100, seed=8) != sample  # a fresh draw
    both = validation_sample(sqlite_store, Filters(), size=30, seed=7)
    assert {lang: len(ids) for lang, ids in both.items()} == {"es": 30, "pt": 30}  # a sample per language


def test_each_reviewer_shares_the_configured_share_of_their_sample(sqlite_store):
    sqlite_store.upsert([machine_post(i, 0.9) for i in range(300)])
    ids = validation_sample(sqlite_store, Filters(), size=300, seed=3)["es"]
    for _ in range(60):  # ana and luis take turns, one post at a time, as the page shows them
        for reviewer in ("ana", "luis"):
            pool = [sqlite_store.get(post_id) for post_id in ids]
            (post,) = next_for_reviewer(pool, "hate", reviewer, seed=3, overlap_share=0.25, count=1)
            record_judgement(sqlite_store, post.id, "hate", "hateful", reviewer, sample="validation")
    pool = [sqlite_store.get(post_id) for post_id in ids]
    mine = {who: {p.id for p in pool if judged_by(p, "hate", who, "validation")} for who in ("ana", "luis")}
    assert len(mine["ana"]) == len(mine["luis"]) == 60
    shared = mine["ana"] & mine["luis"]
    assert abs(len(shared) / 60 - 0.25) <= 1 / 60  # a quarter of each one's sample is the other's too
    assert all(is_shared(post_id, 3, 0.25) for post_id in shared)
    (counted,) = progress({"es": pool}, "hate", needed=385)
    assert (counted.sampled, counted.judged, counted.double_judged) == (300, 120 - len(shared), len(shared))
    assert next_for_reviewer(pool, "hate", "ana", seed=3, overlap_share=0.0, count=500)[0].id not in mine["ana"]


def test_kappa_per_reviewer_pair():
    pairs = [("y", "y")] * 7 + [("n", "n")] * 8 + [("y", "n")] * 2 + [("n", "y")] * 3
    posts = [judged(i, a, b) for i, (a, b) in enumerate(pairs)]
    third = [p.model_copy(update={"labels": [*p.labels, p.labels[0].model_copy(update={"model": "human:eva"})]})
             for p in posts[:10]]  # eva agrees with ana on the first ten posts
    found = kappa_by_pair(third + posts[10:], "hate")
    assert found[("ana", "luis")] == (pytest.approx(0.5), 20)
    assert found[("ana", "eva")] == (1.0, 10)
    assert found[("eva", "luis")][1] == 10 and set(found) == {("ana", "eva"), ("ana", "luis"), ("eva", "luis")}


def test_an_adjudication_settles_a_disagreement_and_keeps_both_judgements(sqlite_store):
    sqlite_store.upsert([machine_post(1, 0.7)])
    record_judgement(sqlite_store, "x:1", "hate", "hateful", "ana", sample="validation")
    post = record_judgement(sqlite_store, "x:1", "hate", "not_hateful", "luis", sample="validation")
    assert disagrees(post, "hate") and human_truth(post, "hate", "hateful") is None
    post = adjudicate(sqlite_store, "x:1", "hate", "not_hateful", "ana")  # ana is an admin who also judged
    assert not disagrees(post, "hate") and adjudication(post, "hate").label == "not_hateful"
    assert {who: lab.label for who, lab in judgements(post, "hate").items()} == {"ana": "hateful",
                                                                                "luis": "not_hateful"}
    assert human_truth(post, "hate", "hateful") is False and human_truth(post, "hate", "hateful", True) is False
    assert kappa_by_pair([post], "hate")[("ana", "luis")][1] == 1  # the adjudication is no third judge


def test_a_myth_judgement_names_every_myth_the_post_repeats(sqlite_store):
    sqlite_store.upsert([machine_post(1, 0.7)])
    post = record_judgement(sqlite_store, "x:1", "myth", myth_value(["disease", "crime_insecurity"]), "ana")
    (lab,) = [lab for lab in post.labels if lab.task == "myth"]
    assert lab.label == "crime_insecurity,disease" and labels_said(lab) == {"crime_insecurity", "disease"}
    post = record_judgement(sqlite_store, "x:1", "myth", myth_value([]), "ana")  # ana changes her mind: none
    assert [(lab.label, lab.sample) for lab in post.labels if lab.task == "myth"] == [("none", "queue")]
    assert human_truth(post, "myth", "disease") is False

"""Agreement between annotators."""

from datetime import datetime, timezone

import pytest

from vigia.model import Label, Post, Provenance
from vigia.review import cohens_kappa

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

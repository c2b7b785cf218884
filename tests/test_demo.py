"""The demo corpus: synthetic, valid, varied, and exactly what its generator writes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from vigia.model import IncomingPost

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
COUNTRIES = {"CO", "PE", "CL", "EC", "AR", "BR", "DO", "CR", "PA", "MX"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in (DEMO / "posts.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_record_is_valid_and_marked_synthetic(records):
    posts = [IncomingPost.model_validate(r) for r in records]
    assert 2000 <= len(posts) <= 5000
    assert all(p.synthetic for p in posts)
    assert len({p.text for p in posts}) == len(posts)


def test_the_corpus_spans_countries_platforms_languages_and_months(records):
    assert {r["country"] for r in records} == COUNTRIES
    assert len({r["platform"] for r in records}) >= 6
    months = {r["created_at"][:7] for r in records}
    assert len(months) >= 12
    hateful = Counter(lab["label"] for r in records for lab in r["labels"] if lab["task"] == "hate")
    share = hateful["hateful"] / len(records)
    assert 0.1 < share < 0.4  # realistic: neutral news and counter-speech dominate
    assert len({m for r in records for m in r["myths"]}) == 10


def test_languages_are_identified_as_written(records, enricher):
    given = [(r["text"], r["language"]) for r in records if r["language"]][:400]
    found = enricher.annotate([text for text, _ in given])
    agreement = sum(a.language == lang for a, (_, lang) in zip(found, given)) / len(given)
    assert agreement > 0.95
    assert {lang for _, lang in given} == {"es", "pt", "en", "fr", "ht"}


def test_generator_reproduces_the_committed_file(tmp_path: Path):
    out = tmp_path / "posts.jsonl"
    subprocess.run([sys.executable, str(DEMO / "generate.py"), "-o", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (DEMO / "posts.jsonl").read_bytes(), "run `python data/demo/generate.py`"

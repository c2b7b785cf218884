"""The Post model: stable ids, UTC times, field-level validation, merging, and the published schema."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from vigia.model import (
    IncomingPost,
    Label,
    Post,
    Provenance,
    canonical_url,
    make_post_id,
    json_schemas,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"


def test_ids_are_stable_and_ignore_tracking_and_fragments():
    assert make_post_id("reddit", "abc") == "reddit:abc"
    a = make_post_id("news", url="https://Diario.example/nota?b=2&a=1&utm_source=tw#comentarios")
    b = make_post_id("news", url="https://diario.example/nota?a=1&b=2")
    assert a == b and a.startswith("news:u:")
    assert make_post_id("news", url="https://diario.example/otra") != a
    with pytest.raises(ValueError):
        make_post_id("news")


def test_canonical_url_keeps_meaningful_parameters():
    assert canonical_url("https://x.example/p?id=7&fbclid=zz") == "https://x.example/p?id=7"


def test_times_become_utc_and_must_carry_a_zone():
    post = IncomingPost(platform="x", native_id="1", text="hola", created_at="2026-01-01T20:00:00-05:00")
    assert post.created_at == datetime(2026, 1, 2, 1, tzinfo=timezone.utc)
    with pytest.raises(ValidationError) as info:
        IncomingPost(platform="x", native_id="1", text="hola", created_at="2026-01-01T20:00:00")
    assert info.value.errors()[0]["loc"] == ("created_at",)


@pytest.mark.parametrize("field,value", [
    ("platform", "Not A Slug"), ("country", "Colombia"), ("url", "ftp://x.example"), ("language", "español"),
])
def test_invalid_fields_are_named(field: str, value: str):
    record = {"platform": "x", "native_id": "1", "text": "hola", "created_at": "2026-01-01T00:00:00Z", field: value}
    with pytest.raises(ValidationError) as info:
        IncomingPost.model_validate(record)
    assert info.value.errors()[0]["loc"][0] == field


def _post(**labels) -> Post:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return Post(id="x:1", platform="x", text="hola", created_at=now, collected_at=now,
                provenance=Provenance(collector="t", run_id="r", raw_hash="h"),
                labels=[Label(task=t, label=l, score=0.5, model="m", model_version="1", labelled_at=now)
                        for t, l in labels.items()])


def test_merge_keeps_first_sighting_and_replaces_labels_per_task_and_model():
    old = _post(hate="hateful", migration="migration")
    later = old.model_copy(update={"collected_at": old.collected_at + timedelta(days=1),
                                   "provenance": Provenance(collector="t", run_id="r2", raw_hash="h")})
    merged, changed = old.merged_with(later)
    assert not changed and merged is old
    relabelled = _post(hate="not_hateful")
    merged, changed = old.merged_with(relabelled)
    assert changed
    assert {(lab.task, lab.label) for lab in merged.labels} == {("hate", "not_hateful"), ("migration", "migration")}


def test_published_schemas_are_current():
    for name, schema in json_schemas().items():
        assert json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) == schema, \
            f"data/schema/{name} is stale: run `vigia schema`"
    assert json_schemas()["post.schema.json"]["properties"]["schema_version"]["const"] == 3


def test_a_score_that_wobbles_in_the_last_digits_is_the_same_judgement():
    old = _post(hate="hateful")
    wobbled = old.model_copy(update={"labels": [old.labels[0].model_copy(update={"score": 0.5 + 2e-4})]})
    assert old.merged_with(wobbled) == (old, False)
    moved = old.model_copy(update={"labels": [old.labels[0].model_copy(update={"score": 0.52})]})
    assert old.merged_with(moved)[1] is True


def test_an_edited_text_drops_the_old_texts_machine_labels_but_never_an_annotators():
    old = _post(hate="hateful", myth="crime_insecurity")
    human = Label(task="hate", label="not_hateful", score=1.0, model="human:ana", model_version="1")
    old = old.model_copy(update={"labels": [*old.labels, human]})
    edited = _post(hate="not_hateful").model_copy(update={"text": "hola, editado"})
    merged, changed = old.merged_with(edited)
    assert changed and {(lab.task, lab.label, lab.model) for lab in merged.labels} == {
        ("hate", "not_hateful", "m"), ("hate", "not_hateful", "human:ana")}

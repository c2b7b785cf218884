"""The hand labels of data/annotations/: well-formed, text-free, and joined to their texts by row and hash."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from nlp.annotations import FILES, gold_examples
from nlp.datasets import DatasetError
from tests.test_datasets import write_detoxis

DATA = Path(__file__).resolve().parents[1] / "data"
ANNOTATIONS = DATA / "annotations"
MYTHS = set(yaml.safe_load((DATA / "myths" / "taxonomy.yaml").read_text(encoding="utf-8"))["myths"])
FIELDS = {"dataset", "file", "id", "row", "text_sha256", "myths", "stance", "about_migration", "annotator"}


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (ANNOTATIONS / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(p.name for p in ANNOTATIONS.glob("myths_*.jsonl")))
def test_every_label_file_holds_references_and_consistent_labels_never_text(name):
    for k, item in enumerate(records(name), 1):
        where = f"{name} line {k}"
        assert set(item) == FIELDS, where
        assert re.fullmatch(r"[0-9a-f]{16}", item["text_sha256"]), where
        assert set(item["myths"]) <= MYTHS, where
        assert (item["stance"] == "n/a") == (not item["myths"]), where
        assert item["stance"] in {"repeats", "rebuts", "neutral", "n/a"}, where
        assert item["about_migration"] or not item["myths"], where
        assert item["annotator"] == ("pass2" if "pass2" in name else "pass1"), where


def test_each_item_is_labelled_once_and_every_second_pass_item_has_a_reference_label():
    reference = [(r["dataset"], r["file"], r["row"]) for name in FILES for r in records(name)]
    assert len(reference) == len(set(reference))
    assert len(reference) >= 1700
    for name in (p.name for p in ANNOTATIONS.glob("myths_*pass2.jsonl")):
        assert {(r["dataset"], r["file"], r["row"]) for r in records(name)} <= set(reference), name


def label_file(folder: Path, name: str, rows: dict[int, str], **labels) -> Path:
    folder.mkdir(exist_ok=True)
    lines = [json.dumps({"dataset": "detoxis", "file": "DATASET_DETOXIS_train.csv", "id": None, "row": row,
                         "text_sha256": hashlib.sha256(text.encode()).hexdigest()[:16], **labels})
             for row, text in rows.items()]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_labels_join_their_texts_the_first_draw_is_split_by_text_and_the_second_only_evaluates(tmp_path):
    write_detoxis(tmp_path, articles=3, per_article=10)
    texts = {row: f"Comentario sintético {row % 10} bajo la noticia {row // 10}." for row in range(30)}
    label_file(tmp_path / "annotations", "myths_es.jsonl", dict(list(texts.items())[:20]), myths=["jobs_wages"],
               stance="repeats", about_migration=True)
    label_file(tmp_path / "annotations", "myths_es_2.jsonl", dict(list(texts.items())[20:]), myths=[],
               stance="n/a", about_migration=False)
    gold = gold_examples(tmp_path / "annotations", tmp_path)
    assert [e.text for e in gold] == list(texts.values())
    assert {e.language for e in gold} == {"es"} and {e.dataset for e in gold} == {"gold-detoxis"}
    assert [e.labels["myth"] for e in gold] == ["jobs_wages"] * 20 + ["none"] * 10
    assert {e.split for e in gold[:20]} == {"gold-train", "gold-test"} and {e.split for e in gold[20:]} == {"gold-test"}
    assert [e.split for e in gold] == [e.split for e in gold_examples(tmp_path / "annotations", tmp_path)]

    label_file(tmp_path / "annotations", "myths_es.jsonl", texts, myths=["jobs_wages"], stance="rebuts",
               about_migration=True)
    assert {e.labels["myth"] for e in gold_examples(tmp_path / "annotations", tmp_path)} == {"none"}


def test_a_row_whose_text_changed_is_named_instead_of_mislabelled(tmp_path):
    write_detoxis(tmp_path)
    label_file(tmp_path / "annotations", "myths_es_2.jsonl", {2: "un texto que ya no está en esa fila"}, myths=[],
               stance="n/a", about_migration=False)
    with pytest.raises(DatasetError, match=r"myths_es_2.jsonl: row 2 of .*DATASET_DETOXIS_train.csv changed"):
        gold_examples(tmp_path / "annotations", tmp_path)

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
from nlp.training_sets import build_sets
from tests.test_datasets import LEXICON, write_detoxis

DATA = Path(__file__).resolve().parents[1] / "data"
ANNOTATIONS = DATA / "annotations"
MYTHS = set(yaml.safe_load((DATA / "myths" / "taxonomy.yaml").read_text(encoding="utf-8"))["myths"])
REFERENCE = {"dataset", "file", "id", "row", "text_sha256", "annotator"}
FIELDS = {"myths": REFERENCE | {"myths", "stance", "about_migration"}, "hate": REFERENCE | {"hate"}}


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (ANNOTATIONS / name).read_text(encoding="utf-8").splitlines()]


def key(item: dict) -> tuple:
    return item["dataset"], item["file"], item["row"]


@pytest.mark.parametrize("name", sorted(p.name for p in ANNOTATIONS.glob("*.jsonl")))
def test_every_label_file_holds_references_and_consistent_labels_never_text(name):
    for k, item in enumerate(records(name), 1):
        where = f"{name} line {k}"
        assert set(item) == FIELDS[name.split("_")[0]], where
        assert re.fullmatch(r"[0-9a-f]{16}", item["text_sha256"]), where
        assert item["annotator"] == ("pass2" if "pass2" in name else "pass1"), where
        if name.startswith("hate_"):
            assert isinstance(item["hate"], bool), where
            continue
        assert set(item["myths"]) <= MYTHS, where
        assert (item["stance"] == "n/a") == (not item["myths"]), where
        assert item["stance"] in {"repeats", "rebuts", "neutral", "n/a"}, where
        assert item["about_migration"] or not item["myths"], where


def test_each_item_is_labelled_once_per_file_and_second_passes_and_hate_labels_cover_labelled_items():
    myths = [key(r) for name in FILES if name.startswith("myths_") for r in records(name)]
    assert len(myths) == len(set(myths)) >= 1700
    for draw, size in (("es_2", 620), ("es_3", 1200), ("fr", 400)):
        hate = [key(r) for r in records(f"hate_{draw}.jsonl")]
        assert len(hate) == len(set(hate)) == size
        assert set(hate) == {key(r) for r in records(f"myths_{draw}.jsonl") if r["dataset"] in ("detoxis", "mlma")}
    for name in (p.name for p in ANNOTATIONS.glob("*_pass2.jsonl")):
        assert {key(r) for r in records(name)} <= {key(r) for r in records(name.replace("_pass2", ""))}, name


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
    assert {e.split for e in gold[:20]} == {"gold-train", "gold-test"} and {e.split for e in gold[20:]} == {
        "gold-heldout"}
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


def test_hand_labelled_hate_replaces_the_toxicity_proxy_of_the_same_comments_the_third_draw_trains(tmp_path):
    write_detoxis(tmp_path)  # 12 comments; their toxicity is the proxy hate label
    text = {row: f"Comentario sintético {row % 4} bajo la noticia {row // 4}." for row in range(12)}
    tested, trained = {row: text[row] for row in (0, 5)}, {row: text[row] for row in (1, 6, 9)}
    folder = tmp_path / "annotations"
    label_file(folder, "myths_es_2.jsonl", tested, myths=[], stance="n/a", about_migration=True)
    label_file(folder, "hate_es_2.jsonl", tested, hate=False)  # comment 0 is toxic in DETOXIS
    label_file(folder, "myths_es_3.jsonl", trained, myths=["crime_insecurity"], stance="repeats",
               about_migration=True)
    label_file(folder, "hate_es_3.jsonl", trained, hate=True)
    train, test = build_sets(tmp_path, LEXICON, ["hate", "migration", "myth"], annotations_dir=folder)
    hand = [e for e in test["hate"] if e.dataset == "gold-detoxis"]
    assert [(e.text, e.labels["hate"]) for e in hand] == [(t, "not_hateful") for t in tested.values()]
    proxy = {e.text for e in test["hate"] if e.dataset == "detoxis"}
    assert proxy == set(text.values()) - set(tested.values()) - set(trained.values())
    for task, label in (("hate", "hateful"), ("migration", "migration"), ("myth", "crime_insecurity")):
        assert {(e.text, e.labels[task]) for e in train[task] if e.dataset == "gold-detoxis"} == {
            (t, label) for t in trained.values()}, task
    assert len([e for e in test["migration"] if e.dataset == "gold-detoxis"]) == 2


def test_french_tweets_join_by_their_tweet_column_only_evaluate_and_never_change_what_trains(tmp_path):
    import csv

    tweets = [f"tweet synthétique numéro {k} sur les migrants" for k in range(40)]
    (tmp_path / "mlma").mkdir()
    for lang in ("en", "fr"):  # MLMA's English file stays empty
        with (tmp_path / "mlma" / f"{lang}_dataset.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, ["HITId", "tweet", "sentiment", "directness", "annotator_sentiment",
                                         "target", "group"])
            writer.writeheader()
            for k, text in enumerate(tweets if lang == "fr" else []):
                writer.writerow({"HITId": str(k), "tweet": text, "sentiment": "offensive", "directness": "direct",
                                 "annotator_sentiment": "anger", "target": "origin", "group": "immigrants"})
    folder = tmp_path / "annotations"
    for name, labels in (("myths_fr.jsonl", {"myths": [], "stance": "n/a", "about_migration": True}),
                         ("hate_fr.jsonl", {"hate": False})):
        folder.mkdir(exist_ok=True)
        (folder / name).write_text("".join(json.dumps(
            {"dataset": "mlma", "file": "fr_dataset.csv", "id": str(k), "row": k,
             "text_sha256": hashlib.sha256(text.encode()).hexdigest()[:16], **labels}) + "\n"
            for k, text in enumerate(tweets)), encoding="utf-8")
    train, test = build_sets(tmp_path, LEXICON, ["hate", "migration"], annotations_dir=folder)
    before = build_sets(tmp_path, LEXICON, ["hate", "migration"])[0]
    assert {t: [(e.id, e.labels) for e in exs] for t, exs in train.items()} == {
        t: [(e.id, e.labels) for e in exs] for t, exs in before.items()}  # an evaluation-only draw trains nothing
    trained_on = {e.text for e in train["migration"]}  # MLMA's own training sample, with MLMA's labels
    assert trained_on and trained_on < set(tweets)
    for task, label in (("hate", "not_hateful"), ("migration", "migration")):
        assert sorted(e.text for e in test[task]) == sorted(set(tweets) - trained_on), task
        assert {(e.dataset, e.language, e.labels[task]) for e in test[task]} == {("gold-mlma", "fr", label)}, task


def test_the_agreement_reported_is_what_the_two_passes_give():
    from nlp.annotations import agreement

    assert agreement(ANNOTATIONS, "myths_es.jsonl", "myths_es_pass2.jsonl")["about_migration"] == 0.98
    assert agreement(ANNOTATIONS, "myths_pt.jsonl", "myths_pt_pass2.jsonl")["invasion_numbers"] == 0.66
    myths = agreement(ANNOTATIONS, "myths_es_2.jsonl", "myths_es_2_pass2.jsonl")
    assert (myths["about_migration"], myths["repeats_a_myth"], myths["crime_insecurity"]) == (0.82, 0.83, 0.81)
    assert agreement(ANNOTATIONS, "hate_es_2.jsonl", "hate_es_2_pass2.jsonl") == {"hate": 0.86}
    french = agreement(ANNOTATIONS, "myths_fr.jsonl", "myths_fr_pass2.jsonl")
    assert (french["about_migration"], french["repeats_a_myth"]) == (0.97, 0.93)
    assert agreement(ANNOTATIONS, "hate_fr.jsonl", "hate_fr_pass2.jsonl") == {"hate": 0.75}
    text = (ANNOTATIONS / "AGREEMENT.md").read_text(encoding="utf-8")
    assert "| about_migration | 45 | 40 | 38 | 0.910 | 0.82 |" in text and "| hate | 25 | 22 | 21 | 0.950 | 0.86 |" in text
    assert "| about_migration | 25 | 24 | 24 | 0.990 | 0.97 |" in text and "| hate | 15 | 13 | 11 | 0.940 | 0.75 |" in text

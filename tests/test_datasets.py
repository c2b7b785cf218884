"""Dataset loaders and the training plan: DETOXIS's own labels only test, written sets only train."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nlp.datasets import DatasetError, load_all, written
from nlp.training_sets import TEST_PLAN, TRAIN_PLAN, build_sets

DATA = Path(__file__).resolve().parents[1] / "data"
LEXICON = DATA / "lexicons" / "targets.yaml"
DETOXIS_COLUMNS = ["topic", "thread_id", "comment_id", "reply_to", "comment_level", "comment", "stereotype",
                   "intolerance", "target_group", "toxicity"]


def write_detoxis(root, articles: int = 3, per_article: int = 4) -> None:
    folder = root / "detoxis"
    folder.mkdir(parents=True)
    with (folder / "DATASET_DETOXIS_train.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, DETOXIS_COLUMNS)
        writer.writeheader()
        for a in range(articles):
            for c in range(per_article):
                writer.writerow({"topic": "MI", "thread_id": f"{a}_{c:03d}", "comment_id": f"{a}-{c}",
                                 "reply_to": "", "comment_level": "1",
                                 "comment": f"Comentario sintético {c} bajo la noticia {a}.",
                                 "stereotype": str(c % 2), "intolerance": "0", "target_group": "0",
                                 "toxicity": str(int(c < 2))})


def test_detoxis_only_tests_hate_and_every_comment_is_tested(tmp_path):
    write_detoxis(tmp_path)
    examples = load_all(tmp_path)
    assert {e.split for e in examples} == {"test"}
    assert {e.id: e.labels["hate"] for e in examples}["detoxis:0-1"] == "hateful"  # toxicity is the proxy
    assert all(("detoxis", "es") not in plan for plan in TRAIN_PLAN.values())
    assert TEST_PLAN["hate"][("detoxis", "es")] is None  # all of it, not a sample
    train, test = build_sets(tmp_path, LEXICON, ["hate", "migration"])
    assert not any(e.dataset == "detoxis" for exs in train.values() for e in exs)
    assert len([e for e in test["hate"] if e.dataset == "detoxis"]) == len(examples)


def test_the_written_regional_sets_train_their_planned_tasks_and_a_bad_record_is_named(tmp_path):
    written_dir = tmp_path / "training"
    written_dir.mkdir()
    (written_dir / "latam.jsonl").write_text(
        '{"id": "latam-train-0001", "language": "es", "text": "Los venezolanos nos quitan el trabajo.", '
        '"hate": "hateful", "migration": "migration"}\n'
        '{"id": "latam-train-0002", "language": "pt", "text": "Jogo bom da seleção do Haiti.", '
        '"hate": "not_hateful", "migration": "not_migration"}\n', encoding="utf-8")
    (written_dir / "caribbean.jsonl").write_text(
        '{"id": "caribbean-train-0001", "language": "ht", "text": "Yo depòte plis pase 200 moun nan Dajabón jodi a.", '
        '"hate": "not_hateful", "migration": "migration"}\n'
        '{"id": "caribbean-train-0002", "language": "fr", "text": "Belle victoire de la Guadeloupe ce soir !", '
        '"hate": "not_hateful", "migration": "not_migration"}\n', encoding="utf-8")
    write_detoxis(tmp_path)
    train, test = build_sets(tmp_path, LEXICON, ["hate", "migration"], written_dir=written_dir)
    for task in ("hate", "migration"):
        assert {e.id for e in train[task] if e.dataset == "vigia-latam"} == {"latam-train-0001", "latam-train-0002"}
        assert not any(e.dataset.startswith("vigia-") for e in test[task])
    # the Caribbean set trains migration only (its hate labels cost Spanish hate: see the model card)
    assert {(e.id, e.language) for e in train["migration"] if e.dataset == "vigia-caribbean"} == {
        ("caribbean-train-0001", "ht"), ("caribbean-train-0002", "fr")}
    assert not any(e.dataset == "vigia-caribbean" for e in train["hate"])
    (written_dir / "latam.jsonl").write_text('{"id": "x", "language": "es", "text": "sin etiquetas"}\n',
                                             encoding="utf-8")
    with pytest.raises(DatasetError, match=r"latam.jsonl line 1: .*hate"):
        written(written_dir)


def test_the_repository_sets_are_synthetic_well_formed_and_the_challenge_never_trains():
    import json

    from nlp.labels import TASK_LABELS

    training = written(DATA / "training")
    challenge = [json.loads(line) for path in sorted((DATA / "challenge").glob("*.jsonl"))
                 for line in path.read_text("utf-8").splitlines()]
    assert {r["language"] for r in challenge} == {"es", "pt", "fr", "ht"}
    assert len({r["id"] for r in challenge}) == len(challenge)
    assert {e.language for e in training} == {"es", "pt", "fr", "ht"} and len({e.id for e in training}) == len(training)
    for record in challenge + [json.loads(line) for path in sorted((DATA / "training").glob("*.jsonl"))
                               for line in path.read_text("utf-8").splitlines()]:
        assert record["synthetic"] is True
        assert record["hate"] in TASK_LABELS["hate"] and record["migration"] in TASK_LABELS["migration"]
    seen = {" ".join(e.text.lower().split()) for e in training}
    assert not any(" ".join(r["text"].lower().split()) in seen for r in challenge)


CHILE_COLUMNS = ["", "tweet_id", "author_id", "conversation_id", "text", "Odio", "Mujeres", "Comunidad LGBTQ+",
                 "Comunidades Migrantes", "Pueblos Originarios"]


def write_chile(root: Path) -> None:
    """Synthetic rows in the Chilean Datathon's two label formats: votes of 3 annotators (train), 0/1 (test)."""
    folder = root / "chile-datathon2022"
    folder.mkdir(parents=True)
    train = [(1, "a_shared", "Texto sintético de entrenamiento uno", 3, 3), (2, "a_t1", "Texto sintético dos", 2, 1),
             (3, "a_t2", "Texto sintético tres", 1, 0), (4, "a_t3", "Texto sintético cuatro", 0, 2)]
    test = [(100 + k, "a_shared" if k == 0 else f"a_x{k}", f"Tuit sintético de prueba {k}", k % 2, int(k % 3 == 0))
            for k in range(60)]
    for name, rows in (("tweets_train.csv", train), ("tweets_test.csv", test)):
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(CHILE_COLUMNS)
            for i, (tweet_id, author, text, hate, migrant) in enumerate(rows):
                writer.writerow([i, tweet_id, author, "()", text, hate, 0, 0, migrant, 0])


def test_the_chilean_set_binarises_votes_and_holds_out_test_authors_disjointly(tmp_path):
    write_chile(tmp_path)
    examples = {e.id: e for e in load_all(tmp_path)}
    assert examples["chile-train:1"].labels == {"hate": "hateful", "migration": "migration"}
    assert examples["chile-train:2"].labels == {"hate": "hateful"}  # one vote of three on the community: no label
    assert examples["chile-train:3"].labels == {"hate": "not_hateful", "migration": "not_migration"}
    assert examples["chile-train:4"].labels == {"hate": "not_hateful", "migration": "migration"}
    assert examples["chile-test:103"].labels == {"hate": "hateful", "migration": "migration"}  # 0/1 in test
    assert examples["chile-test:100"].split == "train"  # its author also wrote training tweets
    held_out = [e for e in examples.values() if e.split == "test"]
    assert 10 < len(held_out) < 50 and all(e.id.startswith("chile-test:") for e in held_out)
    with open(tmp_path / "chile-datathon2022" / "tweets_test.csv", encoding="utf-8") as fh:
        author = {f"chile-test:{row['tweet_id']}": row["author_id"] for row in csv.DictReader(fh)}
    authors = {"a_shared", "a_t1", "a_t2", "a_t3"}
    train_authors = authors | {author[i] for i, e in examples.items() if e.split == "train" and i in author}
    assert not train_authors & {author[e.id] for e in held_out}  # author-disjoint
    train, test = build_sets(tmp_path, LEXICON, ["hate", "migration"])
    assert {e.id for e in test["hate"]} == {e.id for e in held_out}
    assert not {e.id for e in train["hate"]} & {e.id for e in held_out}


def test_the_portuguese_hate_set_gives_hate_and_migration_labels_split_by_text(tmp_path):
    folder = tmp_path / "fortuna-pt-hate"
    folder.mkdir()
    with (folder / "2019-05-28_portuguese_hate_speech_binary_classification.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "hatespeech_comb", "hatespeech_G1", "annotator_G1", "hatespeech_G2",
                         "annotator_G2", "hatespeech_G3", "annotator_G3"])
        writer.writerow(["Texto sintético  sobre refugiados", "1", "1", "A", "1", "B", "0", "C"])
        writer.writerow(["Outro texto sintético", "0", "0", "A", "0", "B", "0", "C"])
    with (folder / "2019-05-28_portuguese_hate_speech_hierarchical_classification.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "Hate.speech", "Sexism", "Origin", "Migrants", "Refugees"])
        writer.writerow(["Texto sintético sobre refugiados", "1", "0", "0", "1", "1"])
        writer.writerow(["Texto sintético machista", "1", "1", "0", "0", "0"])
        writer.writerow(["Texto sintético de origem", "1", "0", "1", "0", "0"])  # other origins: no migration label
        writer.writerow(["Texto sintético neutro", "0", "0", "0", "0", "0"])
    examples = load_all(tmp_path)
    by_text = {(e.text, tuple(e.labels)): e for e in examples}
    hate = by_text[("Texto sintético  sobre refugiados", ("hate",))]
    migration = by_text[("Texto sintético sobre refugiados", ("migration",))]
    assert hate.labels["hate"] == "hateful" and migration.labels["migration"] == "migration"
    assert hate.split == migration.split and migration.id == hate.id + ":h"  # one text, one split
    assert by_text[("Texto sintético machista", ("migration",))].labels["migration"] == "not_migration"
    assert len(examples) == 4 and {e.language for e in examples} == {"pt"}

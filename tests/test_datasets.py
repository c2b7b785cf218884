"""Dataset loaders and the training plan: DETOXIS stays a cross-dataset test (synthetic rows, same layout)."""

from __future__ import annotations

import csv
from pathlib import Path

from nlp.datasets import load_all
from nlp.training import TEST_PLAN, TRAIN_PLAN, build_sets

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "targets.yaml"
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

"""Heads, calibration and thresholds on synthetic features (no encoder needed: fast)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nlp.datasets import Example
from nlp.fitting import choose_threshold, fit_platt
from nlp.head_training import fit_multilabel_heads
from nlp.labels import TASK_LABELS


def test_thresholds_and_calibration_follow_held_out_data():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 2000)
    margin = (y * 2 - 1) * 1.5 + rng.normal(0, 1.5, 2000)
    a, b = fit_platt(margin, y)
    p = 1 / (1 + np.exp(-(a * margin + b)))
    for lo in (0.1, 0.3, 0.5, 0.7):  # calibrated: a score of ~x is right about x of the time
        sel = (p >= lo) & (p < lo + 0.2)
        assert abs(y[sel].mean() - p[sel].mean()) < 0.06
    assert 0.3 <= choose_threshold(p, y) <= 0.7


def test_multilabel_myth_heads_learn_each_myth_and_skip_thin_ones():
    rng = np.random.default_rng(1)
    labels = TASK_LABELS["myth"]
    n, dim = 400, 16
    emb = rng.normal(0, 1, (n, dim)).astype(np.float32)
    examples = []
    for i in range(n):
        myths = [labels[k] for k in (0, 1) if emb[i, k] > 0.8]  # myth k is signalled by feature k
        if i == 3:
            myths.append("disease")  # one example only: too thin to train
        examples.append(Example(f"x:{i}", f"t{i}", "es", "synthetic", "train", {"myth": ",".join(myths) or "none"}))
    row = {e.id: i for i, e in enumerate(examples)}
    fit, calib = examples[:300], examples[300:]
    mean, std = emb.mean(0), emb.std(0)
    weight, bias, meta = fit_multilabel_heads("myth", fit, calib, emb, row, mean, std, 13, examples)
    assert meta["per_label"][labels[0]]["trained"] and meta["per_label"][labels[1]]["trained"]
    assert meta["per_label"]["disease"]["trained"] is False
    w = weight.numpy()
    assert np.argmax(np.abs(w[0])) == 0 and np.argmax(np.abs(w[1])) == 1


def test_the_difference_to_the_baseline_comes_with_a_paired_bootstrap_interval():
    from nlp.metrics import differences, macro_f1_difference, metrics

    labels = ["not_hateful", "hateful"]
    rng = np.random.default_rng(0)
    y = list(rng.choice(labels, 400))
    flip = {"hateful": "not_hateful", "not_hateful": "hateful"}
    better = [v if k % 10 else flip[v] for k, v in enumerate(y)]  # 90% right
    worse = [v if k % 3 else flip[v] for k, v in enumerate(y)]  # 67% right
    same = macro_f1_difference(y, worse, worse, labels)
    assert same["delta"] == 0 and same["ci95"] == [0, 0]
    clear = macro_f1_difference(y, better, worse, labels)
    expected = metrics(y, better, labels)["macro_f1"] - metrics(y, worse, labels)["macro_f1"]
    assert clear["delta"] == pytest.approx(expected) and 0 < clear["ci95"][0] < expected < clear["ci95"][1]
    assert macro_f1_difference(y, better, worse, labels) == clear  # seeded
    close = [v if k % 10 not in (0, 1) else flip[v] for k, v in enumerate(y)]  # 80% right against 90%
    assert macro_f1_difference(y, close, better, labels)["ci95"][1] < 0
    rows = [{"label": v, "predicted": p, "language": "es" if k % 2 else "pt", "dataset": "d"}
            for k, (v, p) in enumerate(zip(y, better))]
    base = [{**r, "predicted": p} for r, p in zip(rows, worse)]
    table = differences(rows, base, labels)
    assert set(table["per_language"]) == {"es", "pt"} and set(table["per_dataset_language"]) == {"d/es", "d/pt"}
    assert table["overall"] == clear


def test_the_myth_difference_is_micro_f1_with_an_interval():
    from nlp.metrics import micro_f1_difference

    gold = ["crime_insecurity", "jobs_wages,welfare_burden", "none", "disease"] * 25
    model = [{"label": g, "predicted": g if k % 5 else "none", "language": "es"} for k, g in enumerate(gold)]
    base = [{**r, "predicted": "none"} for r in model]
    d = micro_f1_difference(model, base)
    # the model finds 4 of every 5 items' myths and invents none: micro-F1 = 2·tp / (2·tp + fn)
    tp = sum(len(r["label"].split(",")) for r in model if r["predicted"] != "none" and r["label"] != "none")
    fn = sum(len(r["label"].split(",")) for r in model if r["predicted"] == "none" and r["label"] != "none")
    assert d["overall"]["delta"] == pytest.approx(2 * tp / (2 * tp + fn), abs=1e-4)
    assert 0 < d["overall"]["ci95"][0] <= d["overall"]["delta"] <= d["overall"]["ci95"][1]
    assert set(d["per_language"]) == {"es"}


def test_xenophobic_is_both_decisions_together_on_hand_labelled_items_only():
    from nlp.labels import TaskResult
    from nlp.metrics import xenophobic_report

    gold = [("hateful", "migration"), ("hateful", "not_migration"), ("not_hateful", "migration"),
            ("hateful", "migration")] * 25
    items = [Example(f"gold:detoxis:f:{k}", f"t{k}", "es", "gold-detoxis", "gold-test", {"hate": h, "migration": m})
             for k, (h, m) in enumerate(gold)]
    proxy = Example("mlma:1", "x", "en", "mlma", "test", {"hate": "hateful", "migration": "migration"})
    said = [("hateful", "migration"), ("hateful", "migration"), ("not_hateful", "migration"),
            ("not_hateful", "migration")] * 25  # right on 1 of 2 xenophobic items, one false alarm in 4
    model = ([TaskResult(h, 0.9) for h, _ in said], [TaskResult(m, 0.9) for _, m in said])
    base = [TaskResult("not_hateful", 0.9)] * 100, [TaskResult("migration", 0.9)] * 100
    hate = (items + [proxy], model[0] + [TaskResult("hateful", 0.9)], base[0] + [TaskResult("hateful", 0.9)])
    migration = (items + [proxy], model[1] + [TaskResult("migration", 0.9)], base[1] + [TaskResult("migration", 0.9)])
    report = xenophobic_report(hate, migration)
    assert (report["n"], report["positives"]) == (100, 50)
    assert report["model"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["baseline"]["f1"] == 0.0
    assert report["difference"]["overall"]["delta"] == 0.5 and report["difference"]["overall"]["ci95"][0] > 0
    assert report["per_language"]["es"]["model"] == report["model"] and set(report["per_language"]) == {"es"}

    # a French draw beside it: reported on its own as well as in the total
    french = [Example(f"gold:mlma:f:{k}", f"f{k}", "fr", "gold-mlma", "gold-heldout",
                      {"hate": "hateful", "migration": "migration"}) for k in range(4)]
    found = [TaskResult("hateful", 0.9)] * 2 + [TaskResult("not_hateful", 0.9)] * 2  # 2 of the 4
    mixed = xenophobic_report((items + french, model[0] + found, base[0] + found),
                              (items + french, model[1] + [TaskResult("migration", 0.9)] * 4,
                               base[1] + [TaskResult("migration", 0.9)] * 4))
    assert mixed["per_language"]["fr"]["model"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert mixed["per_language"]["es"] == {k: report[k] for k in ("n", "positives", "model", "baseline")}
    assert (mixed["n"], mixed["positives"]) == (104, 54)


def test_loaded_character_models_share_one_n_gram_pass_and_score_as_sklearns_own_analyzer():
    from nlp.char_model import CharModel, shared_char_ngrams

    shipped = Path(__file__).resolve().parents[1] / "data" / "models" / "vigia-xeno-e5"
    texts = ["Los venezolanos nos quitan el TRABAJO!!", "Ñandú, árbol y migración", "", "Os haitianos chegaram"]
    shared_char_ngrams().cache_clear()
    hate, myth = CharModel.load(shipped / "char_hate"), CharModel.load(shipped / "char_myth")
    own_hate, own_myth = CharModel.load(shipped / "char_hate"), CharModel.load(shipped / "char_myth")
    own_hate.vectorizer.analyzer = own_myth.vectorizer.analyzer = "char_wb"  # sklearn's analyzer, no sharing
    assert np.array_equal(hate.margin(texts), own_hate.margin(texts))
    assert np.array_equal(myth.margins(texts), own_myth.margins(texts))
    info = shared_char_ngrams().cache_info()
    assert (info.misses, info.hits) == (len(set(texts)), 2 * len(texts) - len(set(texts)))  # cut once, read twice

"""The metrics reported for a model on held-out items: macro-F1 and P/R per class overall, per language and per
dataset, expected calibration error, multi-label scores, and paired-bootstrap intervals of the differences
between two systems scored on the same items.

scikit-learn is imported where it is used: `import nlp` (the pipeline, the CLI) stays light.
"""

from __future__ import annotations

import numpy as np

from nlp.datasets import Example
from nlp.labels import myth_set


def metrics(y_true: list[str], y_pred: list[str], labels: list[str]) -> dict:
    """Macro-F1 and precision/recall/F1/support per class."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    present = [lab for lab in labels if lab in set(y_true) | set(y_pred)]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=present, zero_division=0)
    return {"n": len(y_true), "macro_f1": round(float(f1_score(y_true, y_pred, labels=present, average="macro",
                                                               zero_division=0)), 4),
            "per_class": {lab: {"precision": round(float(p[k]), 4), "recall": round(float(r[k]), 4),
                                "f1": round(float(f[k]), 4), "support": int(s[k])}
                          for k, lab in enumerate(present)}}


def grouped_metrics(rows: list[dict], labels: list[str], key: str) -> dict:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return {g: {**metrics([r["label"] for r in rs], [r["predicted"] for r in rs], labels), "ece": row_ece(rs)}
            for g, rs in sorted(groups.items())}


def row_ece(rows: list[dict]) -> float:
    """Expected calibration error of per-item rows: each row's score against whether its prediction was right."""
    return expected_calibration_error(np.array([r["score"] for r in rows]),
                                      np.array([r["label"] == r["predicted"] for r in rows], float))


def expected_calibration_error(scores: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (scores >= lo) & (scores < hi if hi < 1 else scores <= hi)
        if sel.any():
            ece += sel.mean() * abs(scores[sel].mean() - correct[sel].mean())
    return round(float(ece), 4)


def report(examples: list[Example], task: str, results: list, labels: list[str]) -> tuple[dict, list[dict]]:
    """(report, per-item rows): macro-F1 and P/R per class overall, per language and per dataset, plus the
    expected calibration error of the scores."""
    rows = [{"id": e.id, "dataset": e.dataset, "language": e.language, "label": e.labels[task],
             "predicted": r.label, "score": round(r.score, 4),
             **({"positive_score": round(r.positive_score, 4)} if r.positive_score is not None else {})}
            for e, r in zip(examples, results)]
    overall = metrics([r["label"] for r in rows], [r["predicted"] for r in rows], labels)
    overall["ece"] = row_ece(rows)
    return {"overall": overall, "per_language": grouped_metrics(rows, labels, "language"),
            "per_dataset": grouped_metrics(rows, labels, "dataset"),
            "per_dataset_language": grouped_metrics(
                [{**r, "cell": f"{r['dataset']}/{r['language']}"} for r in rows], labels, "cell")}, rows


def multilabel_report(examples: list[Example], task: str, results: list, labels: list[str]) -> tuple[dict, list]:
    """Per-label precision/recall/F1, micro and macro F1 over labels, and F1 of "any label", per language."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    def table(rows: list[dict]) -> dict:
        y = np.array([[lab in myth_set(r["label"]) for lab in labels] for r in rows], dtype=int)
        p = np.array([[lab in myth_set(r["predicted"]) for lab in labels] for r in rows], dtype=int)
        pr, rc, f1, sup = precision_recall_fscore_support(y, p, zero_division=0)
        present = [k for k in range(len(labels)) if sup[k] > 0]
        return {"n": len(rows),
                "micro_f1": round(float(f1_score(y, p, average="micro", zero_division=0)), 4),
                "macro_f1": round(float(np.mean([f1[k] for k in present])) if present else 0.0, 4),
                "any_f1": round(float(f1_score(y.any(1), p.any(1), zero_division=0)), 4),
                "per_class": {labels[k]: {"precision": round(float(pr[k]), 4), "recall": round(float(rc[k]), 4),
                                          "f1": round(float(f1[k]), 4), "support": int(sup[k])}
                              for k in range(len(labels))}}

    rows = [{"id": e.id, "dataset": e.dataset, "language": e.language, "label": e.labels[task],
             "predicted": r.label, "score": round(r.score, 4)} for e, r in zip(examples, results)]
    langs = sorted({r["language"] for r in rows})
    return {"overall": table(rows), "per_language": {g: table([r for r in rows if r["language"] == g])
                                                     for g in langs}}, rows


BY_LANGUAGE = {"per_language": lambda r: r["language"]}
BY_CELL = {**BY_LANGUAGE, "per_dataset_language": lambda r: f"{r['dataset']}/{r['language']}"}


def _draws(n: int, resamples: int, seed: int) -> np.ndarray:
    """(resamples, n) item indices drawn with replacement: the same resamples score both systems."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def _interval(point: float, spread: np.ndarray) -> dict:
    lo, hi = np.percentile(spread, [2.5, 97.5])
    return {"delta": round(float(point), 4), "ci95": [round(float(lo), 4), round(float(hi), 4)],
            "resamples": len(spread)}


def _per_group(rows: list[dict], groupings: dict, diff) -> dict:
    """`diff(indices)` overall and for each group of each grouping (name → row → group)."""
    groups: dict[str, dict[str, list[int]]] = {name: {} for name in groupings}
    for i, row in enumerate(rows):
        for name, group_of in groupings.items():
            groups[name].setdefault(group_of(row), []).append(i)
    return {"overall": diff(list(range(len(rows)))),
            **{name: {g: diff(sel) for g, sel in sorted(cells.items())} for name, cells in groups.items()}}


def macro_f1_difference(y: list[str], model: list[str], baseline: list[str], labels: list[str],
                        resamples: int = 2000, seed: int = 13) -> dict:
    """Macro-F1 of model minus baseline on the same items, with a 95% paired-bootstrap interval (items resampled
    with replacement, both systems scored on each resample): a difference is clear when the interval excludes 0."""
    index = {lab: k for k, lab in enumerate(labels)}
    yt = np.array([index[v] for v in y])
    draws = _draws(len(yt), resamples, seed)

    def macro(pred: list[str]) -> np.ndarray:
        yp = np.array([index[v] for v in pred])
        scores = []
        for k in range(len(labels)):
            t, p = yt[draws] == k, yp[draws] == k
            tp, fp, fn = (t & p).sum(1), (~t & p).sum(1), (t & ~p).sum(1)
            present = (t | p).any(1)  # as metrics(): a class neither true nor predicted does not count
            scores.append(np.where(present, 2 * tp / np.maximum(2 * tp + fp + fn, 1), np.nan))
        return np.nanmean(np.stack(scores), axis=0)

    point = metrics(y, model, labels)["macro_f1"] - metrics(y, baseline, labels)["macro_f1"]
    return _interval(point, macro(model) - macro(baseline))


def differences(model_rows: list[dict], baseline_rows: list[dict], labels: list[str]) -> dict:
    """`macro_f1_difference` overall, per language and per dataset/language cell."""
    return _per_group(model_rows, BY_CELL, lambda sel: macro_f1_difference(
        [model_rows[i]["label"] for i in sel], [model_rows[i]["predicted"] for i in sel],
        [baseline_rows[i]["predicted"] for i in sel], labels))


def xenophobic_report(hate: tuple, migration: tuple) -> dict | None:
    """Xenophobic = `hateful` and `migration`, on the held-out items hand-labelled (`gold-*`) for both tasks:
    precision, recall and F1 of model and baseline, with the F1 difference's paired-bootstrap interval. Each
    argument is (examples, model results, baseline results) of one task."""
    about = {e.id: (e.labels["migration"], m.label, b.label) for e, m, b in zip(*migration)}
    rows: dict[str, list[dict]] = {"model": [], "baseline": []}
    for e, m, b in zip(*hate):
        if e.id not in about or not e.dataset.startswith("gold-"):
            continue
        gold_migration, model_migration, base_migration = about[e.id]
        gold = "xenophobic" if (e.labels["hate"], gold_migration) == ("hateful", "migration") else "none"
        for who, said in (("model", (m.label, model_migration)), ("baseline", (b.label, base_migration))):
            rows[who].append({"label": gold, "predicted": "xenophobic" if said == ("hateful", "migration") else "none",
                              "language": e.language})
    if not rows["model"]:
        return None

    def scores(model: list[dict], baseline: list[dict]) -> dict:
        out: dict = {"n": len(model), "positives": sum(r["label"] == "xenophobic" for r in model)}
        for who, rs in (("model", model), ("baseline", baseline)):
            found = metrics([r["label"] for r in rs], [r["predicted"] for r in rs], ["none", "xenophobic"])
            cell = found["per_class"].get("xenophobic", {"precision": 0.0, "recall": 0.0, "f1": 0.0})
            out[who] = {k: cell[k] for k in ("precision", "recall", "f1")}
        return out

    out = scores(rows["model"], rows["baseline"])
    languages = sorted({r["language"] for r in rows["model"]})
    out["per_language"] = {lang: scores([r for r in rows["model"] if r["language"] == lang],
                                        [r for r in rows["baseline"] if r["language"] == lang])
                           for lang in languages}
    out["difference"] = micro_f1_difference(rows["model"], rows["baseline"])
    return out


def micro_f1_difference(model_rows: list[dict], baseline_rows: list[dict], resamples: int = 2000,
                        seed: int = 13) -> dict:
    """Multi-label micro-F1 of model minus baseline over the same items ("a,b" label sets), with a 95%
    paired-bootstrap interval, per language and overall."""
    def counts(rows: list[dict]) -> np.ndarray:  # (items, 3): true positives, false positives, false negatives
        out = []
        for r in rows:
            gold, pred = myth_set(r["label"]), myth_set(r["predicted"])
            out.append((len(gold & pred), len(pred - gold), len(gold - pred)))
        return np.array(out, dtype=float).reshape(-1, 3)

    def micro(sums: np.ndarray) -> np.ndarray:  # (..., 3) summed counts → micro-F1
        tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
        return np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)

    def diff(sel: list[int]) -> dict:
        a, b = counts([model_rows[i] for i in sel]), counts([baseline_rows[i] for i in sel])
        draws = _draws(len(sel), resamples, seed)
        return _interval(micro(a.sum(0)) - micro(b.sum(0)), micro(a[draws].sum(1)) - micro(b[draws].sum(1)))

    return _per_group(model_rows, BY_LANGUAGE, diff)

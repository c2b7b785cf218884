"""Stacking: each head combined with character n-gram models (nlp/char_model.py), fitted and applied.

Binary heads: a logistic regression on the calibration slice combines the head's margin with a character
model's margin. Per class (frame) or per myth, a small logistic regression combines the head's logit with a
character n-gram model's margin (and, for myths, the cosine similarity of the text to the myth's anchors and whether one of the
myth's taxonomy cues matched). The combiner never sees a score of a model that was trained on the same item:
it is fitted on out-of-fold scores of head and character model (seeded k-fold over the fit split); the final
head and character model are then fitted on the whole fit split. Myth thresholds are chosen on the
cross-fitted combiner's probabilities over the fit split plus the calibration slice.

Artifacts: `char_<task>.json` (vocabulary, JSON) + `char_<task>.npz` (idf, one weight row per class or one row);
combiner weights in manifest.json; for myths a copy of the taxonomy's names, claims and cues
(`myth_taxonomy.yaml`) so that the features do not change when data/myths/taxonomy.yaml does.

scikit-learn is imported where it is used: `import nlp` (the pipeline, the CLI) stays light.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import yaml
from scipy.special import expit

from nlp.char_model import CharModel
from nlp.datasets import Example
from nlp.fitting import fit_head, fit_temperature, language_thresholds, softmax
from nlp.labels import myth_set
from nlp.myths import MythDetector
from nlp.taxonomy import read_taxonomy

K_FOLDS = 5
COMBINER_C = 1.0
TAXONOMY_FILE = "myth_taxonomy.yaml"
MYTH_FEATURES = ["head_logit", "char_margin", "anchor_similarity", "cue"]


def folds(strata: np.ndarray, seed: int, k: int = K_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    """Seeded stratified k-fold (train, held-out) index pairs."""
    from sklearn.model_selection import StratifiedKFold

    k = max(2, min(k, int(np.bincount(strata).max())))
    return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(strata)), strata))


def _combiner(x: np.ndarray, y: np.ndarray, seed: int, balanced: bool):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    lr = LogisticRegression(C=COMBINER_C, max_iter=2000, random_state=seed,
                            class_weight="balanced" if balanced else None).fit((x - mean) / scale, y)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": lr.coef_.tolist(),
            "intercept": lr.intercept_.tolist()}


def combine(stack: dict, x: np.ndarray) -> np.ndarray:
    """The combiner's logits: (n, 1) for a binary combiner, (n, classes) otherwise."""
    z = (x - np.array(stack["mean"])) / np.array(stack["scale"])
    return z @ np.array(stack["coef"]).T + np.array(stack["intercept"])


# ---------------------------------------------------------------------------------------------- binary

def stack_binary(meta: dict, fit: list[Example], calib: list[Example], y_fit: np.ndarray, y_cal: np.ndarray,
                 margin: np.ndarray, p: np.ndarray, seed: int) -> tuple[CharModel, np.ndarray]:
    """Stack a binary head with a character n-gram model fitted on the same fit split: the two margins are
    combined (and calibrated) by a logistic regression on the calibration split. `margin` and `p` are the head's
    margin and calibrated probability on the calibration slice; `meta` gets the combiner and the head-only
    thresholds. Returns the character model and the stacked probabilities on the calibration slice."""
    from sklearn.linear_model import LogisticRegression

    char = CharModel(seed=seed).fit([e.text for e in fit], y_fit)
    stacked = np.stack([margin, char.margin([e.text for e in calib])], axis=1)
    lr = LogisticRegression(C=1e4, max_iter=1000).fit(stacked, y_cal)
    meta["head_only_thresholds"] = language_thresholds(p, y_cal, calib)
    meta["stack"] = {"w": [float(v) for v in lr.coef_[0]], "b": float(lr.intercept_[0])}
    return char, lr.predict_proba(stacked)[:, 1]


def binary_probabilities(stack: dict, char: CharModel, logits: np.ndarray, texts: list[str]) -> np.ndarray:
    """(n, 2) probabilities of the stacked binary head."""
    z = stack["w"][0] * (logits[:, 1] - logits[:, 0]) + stack["w"][1] * char.margin(texts) + stack["b"]
    p1 = expit(z)
    return np.stack([1 - p1, p1], axis=1)


# ----------------------------------------------------------------------------------------------- frame

def stack_frame(fit, calib, x_fit: np.ndarray, x_cal: np.ndarray, y_fit: np.ndarray, y_cal: np.ndarray,
                w: np.ndarray, b: np.ndarray, seed: int) -> tuple[CharModel, dict]:
    """Multinomial combiner over [head logits, one-vs-rest character margins] of every class, fitted on
    out-of-fold scores; temperature on the calibration slice. `x_*` are standardized embeddings."""
    n_labels = w.shape[0]
    onehot = np.eye(n_labels, dtype=int)[y_fit]
    texts = [e.text for e in fit]
    oof = np.zeros((len(fit), 2 * n_labels))
    for tr, te in folds(y_fit, seed):
        fw, fb = fit_head(x_fit[tr].astype(np.float32), y_fit[tr], n_labels, seed)
        oof[te, :n_labels] = x_fit[te] @ fw.T + fb
        oof[te, n_labels:] = CharModel(seed=seed).fit([texts[i] for i in tr], onehot[tr]).margins(
            [texts[i] for i in te])
    chars = CharModel(seed=seed).fit(texts, onehot)
    stack = _combiner(oof, y_fit, seed, balanced=False)
    stack["features"] = ["head_logit:" + str(k) for k in range(n_labels)] + [
        "char_margin:" + str(k) for k in range(n_labels)]
    cal_features = np.hstack([x_cal @ w.T + b, chars.margins([e.text for e in calib])])
    stack["t"] = fit_temperature(combine(stack, cal_features), y_cal) if len(calib) else 1.0
    stack["folds"] = K_FOLDS
    return chars, stack


def frame_probabilities(stack: dict, chars: CharModel, logits: np.ndarray, texts: list[str]) -> np.ndarray:
    return softmax(combine(stack, np.hstack([logits, chars.margins(texts)])) / stack["t"])


# ------------------------------------------------------------------------------------------------ myth

class _UnitQuery:
    def __init__(self, embed):
        self.embed = embed

    def query(self, texts):
        vectors = self.embed(list(texts))
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def write_taxonomy(source: Path, dest: Path) -> str:
    """Copy the myths' names, claims and cues (what the features use) into the model; returns its SHA-256."""
    kept = {"myths": {m: {k: spec[k] for k in ("name", "claim", "cues") if k in spec}
                      for m, spec in read_taxonomy(source).items()}}
    text = yaml.safe_dump(kept, allow_unicode=True, sort_keys=True)
    dest.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


def myth_detector(taxonomy_path: Path, embed):
    """The baseline detector's cue matcher and anchors, embedded with `embed` (the classifier's encoder)."""
    return MythDetector(taxonomy_path, _UnitQuery(embed))


def myth_signals(detector, labels: list[str], texts: list[str], emb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(anchor similarity, cue matched) per text and label; cues of every language (as at inference, where
    the language may be unknown)."""
    unit = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    sims = unit @ detector._anchor_vectors().T
    similarity = np.zeros((len(texts), len(labels)))
    for k, label in enumerate(labels):
        owned = detector._owners == detector.ids.index(label)
        if owned.any():
            similarity[:, k] = sims[:, owned].max(axis=1)
    cue = np.array([[label in found for label in labels] for found in (detector.cues_in(t, None) for t in texts)],
                   dtype=float)
    return similarity, cue


def stack_myth(meta: dict, fit, calib, x_fit: np.ndarray, x_cal: np.ndarray, weight: np.ndarray,
               bias: np.ndarray, emb_fit: np.ndarray, emb_cal: np.ndarray, detector, seed: int
               ) -> tuple[CharModel, dict]:
    """Per trained myth: a 4-feature logistic regression (head logit, character margin, anchor similarity, cue)
    on out-of-fold scores of the fit split; its threshold maximizes F1 on cross-fitted probabilities over the
    fit split plus the calibration slice. `weight`/`bias` are the heads on standardized embeddings `x_*`."""
    from sklearn.metrics import f1_score

    labels = meta["labels"]
    trained = [k for k, label in enumerate(labels) if meta["per_label"][label].get("trained")]
    y_fit = np.array([[label in myth_set(e.labels["myth"]) for label in labels] for e in fit], dtype=int)
    y_cal = np.array([[label in myth_set(e.labels["myth"]) for label in labels] for e in calib], dtype=int)
    texts = [e.text for e in fit]
    cal_texts = [e.text for e in calib]
    head_oof = np.zeros((len(fit), len(labels)))
    char_oof = np.zeros((len(fit), len(labels)))
    splits = folds(y_fit.any(axis=1).astype(int), seed)
    for tr, te in splits:
        for k in trained:
            if 0 < y_fit[tr, k].sum() < len(tr):
                w, b = fit_head(x_fit[tr].astype(np.float32), y_fit[tr, k], 2, seed, weight_decay=1e-2)
                head_oof[te, k] = x_fit[te] @ (w[1] - w[0]) + (b[1] - b[0])
        char_oof[te] = CharModel(seed=seed).fit([texts[i] for i in tr], y_fit[tr]).margins([texts[i] for i in te])
    chars = CharModel(seed=seed).fit(texts, y_fit * np.isin(np.arange(len(labels)), trained))
    sim_fit, cue_fit = myth_signals(detector, labels, texts, emb_fit)
    sim_cal, cue_cal = myth_signals(detector, labels, cal_texts, emb_cal)
    head_cal = x_cal @ weight.T + bias
    char_cal = chars.margins(cal_texts)
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    for k in trained:
        features = np.stack([head_oof[:, k], char_oof[:, k], sim_fit[:, k], cue_fit[:, k]], axis=1)
        cross_fitted = np.zeros(len(fit))
        for tr, te in splits:
            if 0 < y_fit[tr, k].sum() < len(tr):
                cross_fitted[te] = expit(combine(_combiner(features[tr], y_fit[tr, k], seed, False),
                                                 features[te])[:, 0])
        stack = _combiner(features, y_fit[:, k], seed, balanced=False)
        cal_p = expit(combine(stack, np.stack([head_cal[:, k], char_cal[:, k], sim_cal[:, k], cue_cal[:, k]],
                                              axis=1))[:, 0])
        p = np.concatenate([cross_fitted, cal_p])
        y = np.concatenate([y_fit[:, k], y_cal[:, k]])
        scores = [f1_score(y, (p >= g).astype(int), zero_division=0) for g in grid]
        stack["threshold"] = float(grid[int(np.argmax(scores))])
        meta["per_label"][labels[k]]["stack"] = stack
    meta["stack"] = {"features": MYTH_FEATURES, "folds": len(splits), "threshold_on": "cross-fitted fit + calibration"}
    return chars, meta


def myth_probabilities(meta: dict, chars: CharModel, detector, logits: np.ndarray, emb: np.ndarray,
                       texts: list[str]) -> np.ndarray:
    labels = meta["labels"]
    sim, cue = myth_signals(detector, labels, texts, emb)
    margins = chars.margins(texts)
    out = np.zeros((len(texts), len(labels)))
    for k, label in enumerate(labels):
        stack = meta["per_label"][label].get("stack")
        if stack:
            x = np.stack([logits[:, k], margins[:, k], sim[:, k], cue[:, k]], axis=1)
            out[:, k] = expit(combine(stack, x)[:, 0])
    return out

"""The floor every shipped model must beat: character n-gram TF-IDF + logistic regression, per task.

Trained on exactly the same fit/calibration split as the heads, with the same Platt calibration and
per-language thresholds, so the comparison in the evaluation report is like for like.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from scipy.special import expit

from nlp.classifier import (
    MIN_PER_CLASS_FOR_LANGUAGE_THRESHOLD,
    MULTI_LABEL,
    SEED,
    TASK_LABELS,
    TaskResult,
    choose_threshold,
    fit_platt,
    split_calibration,
)
from nlp.datasets import Example


def char_vectorizer(max_features: int, vocabulary: dict | None = None):
    """The character n-gram TF-IDF (2–5, within word boundaries) of the stacked character models. A vectorizer
    with a fixed vocabulary (a loaded model) reads its n-grams through `shared_char_ngrams`, so the several
    character models of a classifier cut each text into n-grams once."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, lowercase=True,
                                 max_features=max_features, vocabulary=vocabulary, dtype=np.float32)
    if vocabulary is not None:
        vectorizer.analyzer = shared_char_ngrams()
    return vectorizer


@functools.cache
def shared_char_ngrams():
    """The char_wb 2–5 analyzer of `char_vectorizer`, remembering the n-grams of the last few thousand texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyze = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True).build_analyzer()
    return functools.lru_cache(maxsize=4096)(analyze)


class CharModel:
    """Character n-gram TF-IDF + logistic regression, binary, stored as JSON (vocabulary) + npz (weights) so
    that it can ride along a committed model without pickles."""

    def __init__(self, max_features: int = 50_000, seed: int = SEED):
        self.max_features, self.seed = max_features, seed

    def _vectorizer(self, vocabulary=None):
        return char_vectorizer(self.max_features, vocabulary)

    def fit(self, texts: list[str], y: np.ndarray) -> CharModel:
        from sklearn.linear_model import LogisticRegression

        self.vectorizer = self._vectorizer()
        x = self.vectorizer.fit_transform(texts)
        lr = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=self.seed).fit(x, y)
        self.coef, self.intercept = lr.coef_[0].astype(np.float32), float(lr.intercept_[0])
        return self

    def margin(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.vectorizer.transform(texts) @ self.coef).ravel() + self.intercept

    def save(self, stem: Path) -> None:
        import json

        vocab = {term: int(i) for term, i in self.vectorizer.vocabulary_.items()}
        stem.with_suffix(".json").write_text(json.dumps({"vocabulary": vocab, "intercept": self.intercept},
                                                        ensure_ascii=False, sort_keys=True), encoding="utf-8")
        np.savez_compressed(stem.with_suffix(".npz"), idf=self.vectorizer.idf_.astype(np.float32), coef=self.coef)

    @classmethod
    def load(cls, stem: Path) -> CharModel:
        import json

        info = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        arrays = np.load(stem.with_suffix(".npz"))
        model = cls()
        model.vectorizer = model._vectorizer(vocabulary=info["vocabulary"])
        model.vectorizer.idf_ = arrays["idf"]
        model.coef, model.intercept = arrays["coef"], float(info["intercept"])
        return model


class CharBaseline:
    def __init__(self, task: str, seed: int = SEED):
        self.task, self.seed = task, seed
        self.labels = TASK_LABELS[task]

    def fit(self, examples: list[Example]) -> CharBaseline:
        if self.task in MULTI_LABEL:  # one character model per label with enough positives, margin > 0
            from nlp.classifier import MIN_POSITIVES_FOR_A_MYTH, myth_set

            fit, _ = split_calibration(examples, seed=self.seed)
            self.per_label = {}
            for label in self.labels:
                y = np.array([label in myth_set(e.labels[self.task]) for e in fit], dtype=int)
                if y.sum() >= MIN_POSITIVES_FOR_A_MYTH:
                    self.per_label[label] = CharModel(seed=self.seed).fit([e.text for e in fit], y)
            return self
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        fit, calib = split_calibration(examples, seed=self.seed)
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                          lowercase=True, max_features=300_000)
        x = self.vectorizer.fit_transform([e.text for e in fit])
        y = np.array([self.labels.index(e.labels[self.task]) for e in fit])
        self.model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=self.seed)
        self.model.fit(x, y)
        self.thresholds: dict[str, float] = {"*": 0.5}
        self.platt = (1.0, 0.0)
        if len(self.labels) == 2 and calib:
            y_cal = np.array([self.labels.index(e.labels[self.task]) for e in calib])
            margin = self.model.decision_function(self.vectorizer.transform([e.text for e in calib]))
            if len(set(y_cal)) == 2:
                self.platt = fit_platt(margin, y_cal)
                p = self._p(margin)
                self.thresholds["*"] = choose_threshold(p, y_cal)
                langs = np.array([e.language for e in calib])
                for lang in sorted(set(langs)):
                    sel = langs == lang
                    if min((y_cal[sel] == 0).sum(), (y_cal[sel] == 1).sum()) >= MIN_PER_CLASS_FOR_LANGUAGE_THRESHOLD:
                        self.thresholds[str(lang)] = choose_threshold(p[sel], y_cal[sel])
        return self

    def _p(self, margin: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return expit(a * margin + b)

    def predict(self, texts: list[str], languages: list[str | None]) -> list[TaskResult]:
        if self.task in MULTI_LABEL:
            margins = {label: m.margin(texts) for label, m in self.per_label.items()}
            return [TaskResult(",".join(sorted(lab for lab, mg in margins.items() if mg[i] > 0)) or "none", 1.0)
                    for i in range(len(texts))]
        x = self.vectorizer.transform(texts)
        if len(self.labels) != 2:
            probs = self.model.predict_proba(x)
            return [TaskResult(self.labels[int(k)], float(p[int(k)])) for p, k in zip(probs, probs.argmax(1))]
        p1 = self._p(self.model.decision_function(x))
        out = []
        for p, lang in zip(p1, languages):
            t = self.thresholds.get(lang or "", self.thresholds["*"])
            out.append(TaskResult(self.labels[1], float(p), float(p)) if p >= t
                       else TaskResult(self.labels[0], float(1 - p), float(p)))
        return out

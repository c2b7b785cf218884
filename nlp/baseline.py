"""The floor every shipped model must beat: character n-gram TF-IDF + logistic regression, per task.

Trained on exactly the same fit/calibration split as the heads, with the same Platt calibration and
per-language thresholds, so the comparison in the evaluation report is like for like.

scikit-learn is imported where it is used: `import nlp` (the pipeline, the CLI) stays light.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from nlp.char_model import CharModel
from nlp.datasets import Example
from nlp.fitting import (
    MIN_POSITIVES_FOR_A_MYTH,
    SEED,
    fit_platt,
    language_thresholds,
    split_calibration,
)
from nlp.labels import MULTI_LABEL, TASK_LABELS, TaskResult, myth_set


class CharBaseline:
    """One task's baseline: `fit(examples)` on the train examples, then `predict(texts, languages)`."""

    def __init__(self, task: str, seed: int = SEED):
        self.task, self.seed = task, seed
        self.labels = TASK_LABELS[task]

    def fit(self, examples: list[Example]) -> CharBaseline:
        if self.task in MULTI_LABEL:  # one character model per label with enough positives, margin > 0
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
                self.thresholds = language_thresholds(p, y_cal, calib)
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

"""Character n-gram TF-IDF + logistic regression: the character models stacked with the heads and the baseline's
per-myth models. One class for one binary output (`margin`) or several columns sharing one vocabulary
(`margins`); stored as JSON (vocabulary) + npz (idf and weights), no pickles, so that it can ride along a
committed model.

scikit-learn is imported where it is used: `import nlp` (the pipeline, the CLI) stays light.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from nlp.fitting import SEED


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
    """Fitted on `y` of shape (n,): one binary model (`margin`); of shape (n, k): one binary model per column
    over one shared vocabulary (`margins`), a column without both classes getting zero weights and a large
    negative intercept."""

    def __init__(self, max_features: int = 50_000, seed: int = SEED):
        self.max_features, self.seed = max_features, seed

    @property
    def single(self) -> bool:
        """One binary output (a 1-D `y` when fitted; the binary file format when loaded)."""
        return np.ndim(self.coef) == 1

    def _regression(self):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=self.seed)

    def fit(self, texts: list[str], y: np.ndarray) -> CharModel:
        y = np.asarray(y)
        self.vectorizer = char_vectorizer(self.max_features)
        x = self.vectorizer.fit_transform(texts)
        if y.ndim == 1:
            lr = self._regression().fit(x, y)
            self.coef, self.intercept = lr.coef_[0].astype(np.float32), float(lr.intercept_[0])
            return self
        self.coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
        self.intercept = np.full(y.shape[1], -20.0, dtype=np.float32)
        for k in range(y.shape[1]):
            if 0 < y[:, k].sum() < len(y):
                lr = self._regression().fit(x, y[:, k])
                self.coef[k], self.intercept[k] = lr.coef_[0], lr.intercept_[0]
        return self

    def margin(self, texts: list[str]) -> np.ndarray:
        """(n,) margins of a single-output model."""
        if not self.single:
            raise ValueError("this character model has several outputs: use margins()")
        return np.asarray(self.vectorizer.transform(texts) @ self.coef).ravel() + self.intercept

    def margins(self, texts: list[str]) -> np.ndarray:
        """(n, outputs) margins."""
        if self.single:
            return self.margin(texts)[:, None]
        return np.asarray(self.vectorizer.transform(texts) @ self.coef.T) + self.intercept

    def save(self, stem: Path) -> None:
        vocab = {term: int(i) for term, i in self.vectorizer.vocabulary_.items()}
        info: dict = {"vocabulary": vocab}
        arrays = {"idf": self.vectorizer.idf_.astype(np.float32), "coef": self.coef}
        if self.single:
            info["intercept"] = self.intercept
        else:
            arrays["intercept"] = self.intercept
        stem.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        np.savez_compressed(stem.with_suffix(".npz"), **arrays)

    @classmethod
    def load(cls, stem: Path) -> CharModel:
        info = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        arrays = np.load(stem.with_suffix(".npz"))
        model = cls()
        model.vectorizer = char_vectorizer(model.max_features, vocabulary=info["vocabulary"])
        model.vectorizer.idf_ = arrays["idf"]
        model.coef = arrays["coef"]
        model.intercept = float(info["intercept"]) if "intercept" in info else arrays["intercept"]
        return model

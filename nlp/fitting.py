"""What training, stacking and the baseline share: the seed, the calibration slice, deterministic linear heads,
Platt and temperature calibration, and decision thresholds (global and per language).

torch and scikit-learn are imported where they are used: `import nlp` (the pipeline, the CLI) stays light.
"""

from __future__ import annotations

import hashlib
import math
import random

import numpy as np

from nlp.datasets import Example

SEED = 13
MIN_POSITIVES_FOR_A_MYTH = 8
MIN_PER_CLASS_FOR_LANGUAGE_THRESHOLD = 30


def seed_everything(seed: int = SEED) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def split_calibration(examples: list[Example], share: float = 0.15, seed: int = SEED
                      ) -> tuple[list[Example], list[Example]]:
    """Train examples → (fit, calibration), stratified by (dataset, language), seeded and order-independent."""
    fit, calib = [], []
    for e in examples:
        x = int(hashlib.sha256(f"{seed}:{e.id}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        (calib if x < share else fit).append(e)
    return fit, calib


def fit_head(x: np.ndarray, y: np.ndarray, n_labels: int, seed: int, weight_decay: float = 1e-3,
             steps: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression on standardized features with full-batch L-BFGS (deterministic)."""
    import torch

    torch.manual_seed(seed)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y).long()
    counts = torch.bincount(yt, minlength=n_labels).float().clamp(min=1)
    class_w = (counts.sum() / (n_labels * counts))
    lin = torch.nn.Linear(x.shape[1], n_labels)
    torch.nn.init.zeros_(lin.weight)
    torch.nn.init.zeros_(lin.bias)
    opt = torch.optim.LBFGS(lin.parameters(), lr=1.0, max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(lin(xt), yt, weight=class_w)
        loss = loss + weight_decay * lin.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return lin.weight.detach().numpy().copy(), lin.bias.detach().numpy().copy()


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_platt(margin: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """p = sigmoid(a·margin + b) fitted by logistic regression on held-out margins (binary tasks)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, max_iter=1000).fit(margin.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    best, best_t = math.inf, 1.0
    for t in np.exp(np.linspace(math.log(0.2), math.log(5.0), 60)):
        p = softmax(logits / t)[np.arange(len(y)), y]
        nll = -np.log(np.clip(p, 1e-9, 1)).mean()
        if nll < best:
            best, best_t = nll, float(t)
    return best_t


def choose_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold on the calibrated positive probability maximizing macro-F1."""
    from sklearn.metrics import f1_score

    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.05, 0.951, 0.01), 2):
        f = f1_score(y, (p >= t).astype(int), average="macro", zero_division=0)
        if f > best + 1e-9:
            best, best_t = f, float(t)
    return best_t


def language_thresholds(p: np.ndarray, y: np.ndarray, calib: list[Example]) -> dict[str, float]:
    """Decision thresholds on held-out calibrated scores: global ('*') and per language with enough of both."""
    thresholds = {"*": choose_threshold(p, y) if len(set(y)) == 2 else 0.5}
    langs = np.array([e.language for e in calib])
    for lang in sorted(set(langs)):
        sel = langs == lang
        if min((y[sel] == 0).sum(), (y[sel] == 1).sum()) >= MIN_PER_CLASS_FOR_LANGUAGE_THRESHOLD:
            thresholds[str(lang)] = choose_threshold(p[sel], y[sel])
    return thresholds

"""How fast a model learns from a team's reviews: a labelled corpus played as a deployment.

The deployment's posts are a pool; reviews arrive in batches (100 by default); after each batch a logistic head
is fitted on the embeddings of every post reviewed so far and scored (macro-F1) on held-out posts of the same
deployment. Two ways to pick the next batch: *active* (the posts the current head is least sure of, as Revisión's
queue does; the first batch is random) and *random* (a uniform sample, as the validation mode does). Each is run
with a few seeds; the curves report the mean and the range over seeds. Only embeddings and labels are used here:
no text leaves the corpus.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

STRATEGIES = ("active", "random")
HEAD_C = 0.1  # inverse L2 strength of the logistic heads (fixed beforehand, never tuned on the held-out posts)


@dataclass
class Curve:
    """Held-out macro-F1 after each batch of reviews: one row per seed."""

    reviews: list[int]
    f1: list[list[float]] = field(default_factory=list)

    @property
    def mean(self) -> list[float]:
        return [float(v) for v in np.mean(self.f1, axis=0)]

    @property
    def low(self) -> list[float]:
        return [float(v) for v in np.min(self.f1, axis=0)]

    @property
    def high(self) -> list[float]:
        return [float(v) for v in np.max(self.f1, axis=0)]


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0))


def _fit(x: np.ndarray, y: np.ndarray, seed: int):
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return LogisticRegression(C=HEAD_C, class_weight="balanced", max_iter=2000, random_state=seed).fit(x, y)


def run(pool_x: np.ndarray, pool_y: np.ndarray, test_x: np.ndarray, test_y: np.ndarray, strategy: str, seed: int,
        batch: int, rounds: int) -> tuple[list[int], list[float]]:
    """(reviews so far, held-out macro-F1) after each batch for one strategy and seed."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r} (active or random)")
    mean, std = pool_x.mean(axis=0), pool_x.std(axis=0) + 1e-6
    pool_z, test_z = (pool_x - mean) / std, (test_x - mean) / std
    rng = np.random.default_rng(seed)
    unseen = rng.permutation(len(pool_y))
    reviewed: list[int] = []
    model = None
    counts, scores = [], []
    for _ in range(rounds):
        if not len(unseen):
            break
        if strategy == "active" and model is not None:
            margin = np.abs(model.predict_proba(pool_z[unseen])[:, 1] - 0.5)
            order = np.argsort(margin, kind="stable")
        else:
            order = np.arange(len(unseen))
        picked, unseen = unseen[order[:batch]], unseen[np.sort(order[batch:])]
        reviewed.extend(picked.tolist())
        model = _fit(pool_z[reviewed], pool_y[reviewed], seed) or model
        pred = model.predict(test_z) if model is not None else np.full(len(test_y), np.bincount(
            pool_y[reviewed], minlength=2).argmax())
        counts.append(len(reviewed))
        scores.append(macro_f1(test_y, pred))
    return counts, scores


def simulate(pool_x: np.ndarray, pool_y: np.ndarray, test_x: np.ndarray, test_y: np.ndarray, batch: int = 100,
             rounds: int = 20, seeds: tuple[int, ...] = (0, 1, 2), progress=None) -> dict[str, Curve]:
    """Each strategy's learning curve over `seeds` (labels 0/1; the pool's posts are the reviewable ones);
    `progress()` is called after each run."""
    curves: dict[str, Curve] = {}
    for strategy in STRATEGIES:
        for seed in seeds:
            counts, scores = run(pool_x, pool_y, test_x, test_y, strategy, seed, batch, rounds)
            curve = curves.setdefault(strategy, Curve(counts))
            curve.f1.append(scores)
            if progress is not None:
                progress()
    return curves


def markdown(results: dict[str, dict[str, Curve]], in_use: dict[str, float], sizes: dict[str, tuple[int, int]],
             every: int = 1) -> str:
    """One table per task: reviews, then each strategy's mean macro-F1 (range over seeds)."""
    lines = []
    for task, curves in results.items():
        pool, test = sizes[task]
        lines += [f"### {task} (pool of {pool} posts to review, {test} held-out posts; model in use: "
                  f"macro-F1 {in_use[task]:.3f})", "",
                  "| reviews | " + " | ".join(f"{s} macro-F1 (range)" for s in curves) + " |",
                  "|---|" + "---|" * len(curves)]
        reviews = next(iter(curves.values())).reviews
        for i, n in enumerate(reviews):
            if (i + 1) % every and i != len(reviews) - 1:
                continue
            lines.append(f"| {n} | " + " | ".join(f"{c.mean[i]:.3f} ({c.low[i]:.3f}–{c.high[i]:.3f})"
                                                  for c in curves.values()) + " |")
        lines.append("")
    return "\n".join(lines)


def plot(results: dict[str, dict[str, Curve]], in_use: dict[str, float], path: Path, title: str) -> None:
    """The learning curves, one panel per task, the model in use as a dashed line (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(5.5 * len(results), 4.2), squeeze=False)
    for ax, (task, curves) in zip(axes[0], results.items()):
        for strategy, curve in curves.items():
            line, = ax.plot(curve.reviews, curve.mean, marker="o", markersize=3, label=strategy)
            ax.fill_between(curve.reviews, curve.low, curve.high, alpha=0.2, color=line.get_color())
        ax.axhline(in_use[task], linestyle="--", color="gray", label="model in use")
        ax.set_title(task)
        ax.set_xlabel("reviews")
        ax.set_ylabel("held-out macro-F1")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)

"""`vigia models simulate-reviews`: the Chilean set played as a deployment, active against random review."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.errors import InputError, ModelError
from vigia.settings import Settings

TASKS = ("hate", "migration")
POSITIVE = {"hate": "hateful", "migration": "migration"}
CORPUS = "chile-datathon2022"
TABLE = "REVIEW-SIMULATION.md"
FIGURE = "review-simulation.png"


@click.command("simulate-reviews")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The model in use whose encoder embeds the posts (default: classifier_dir).")
@click.option("--batch", type=click.IntRange(1), default=100, show_default=True, help="Reviews per batch.")
@click.option("--rounds", type=click.IntRange(1), default=20, show_default=True, help="Batches of reviews.")
@click.option("--seeds", type=click.IntRange(1, 20), default=3, show_default=True, help="Runs per strategy.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help=f"Where {TABLE}, its .json and {FIGURE} go (default: the model folder).")
@with_settings
def simulate_reviews(settings: Settings, model_dir: Path | None, batch: int, rounds: int, seeds: int,
                     output_dir: Path | None) -> None:
    """Play the Chilean tweets (datasets_dir) as a deployment: reviews of its training tweets arrive in batches,
    a logistic head on the model's embeddings learns from them, and its macro-F1 on the author-disjoint held-out
    tweets is measured after each batch, picking the least confident posts (active) or at random."""
    import numpy as np

    from nlp import review_simulation as sim
    from nlp.classifier import Classifier, ModelNotAvailable
    from nlp.datasets import DatasetError, chile
    from nlp.metrics import report
    from vigia.cli.model_support import encoder_dir, quiet_transformers
    from vigia.progress import track

    quiet_transformers()
    model_dir = model_dir or settings.classifier_dir
    output_dir = output_dir or model_dir
    if not (settings.datasets_dir / CORPUS).is_dir():
        raise InputError(f"the Chilean set is not in {settings.datasets_dir / CORPUS}: set datasets_dir to the "
                         "shared datasets folder")
    try:
        examples = list(chile(settings.datasets_dir))
    except DatasetError as exc:
        raise InputError(str(exc)) from None
    try:
        clf = Classifier(model_dir, encoder_dir(settings), precision="fp32", cache_dir=settings.models_dir / "cache",
                         device=settings.device)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    started = time.perf_counter()
    texts = [e.text for e in examples]
    bar = iter(track(range(len(texts)), "embedding the Chilean tweets", total=len(texts), unit="posts"))

    def advance(n: int) -> None:
        for _ in range(n):
            next(bar, None)

    emb = clf.embed(texts, progress=advance)
    list(bar)
    results, in_use, sizes, figures = {}, {}, {}, {}
    runs = iter(track(range(len(TASKS) * len(sim.STRATEGIES) * seeds), "simulating reviews", unit="runs"))
    for task in TASKS:
        pool = [i for i, e in enumerate(examples) if task in e.labels and e.split == "train"]
        test = [i for i, e in enumerate(examples) if task in e.labels and e.split == "test"]
        if len({examples[i].labels[task] for i in pool}) < 2 or len({examples[i].labels[task] for i in test}) < 2:
            raise InputError(f"{settings.datasets_dir / CORPUS}: the {task} labels of its training or held-out "
                             "tweets have one value only: nothing to learn or measure")
        y = np.array([examples[i].labels.get(task) == POSITIVE[task] for i in range(len(examples))], dtype=int)
        results[task] = sim.simulate(emb[pool], y[pool], emb[test], y[test], batch=batch, rounds=rounds,
                                     seeds=tuple(range(seeds)), progress=lambda: next(runs, None))
        held = [examples[i] for i in test]
        decided = clf.decide(clf.probabilities(emb[test], task, [e.text for e in held]), task,
                             [e.language for e in held])
        in_use[task] = report(held, task, decided, clf.manifest["tasks"][task]["labels"])[0]["overall"]["macro_f1"]
        sizes[task] = (len(pool), len(test))
        figures[task] = {s: {"reviews": c.reviews, "mean": c.mean, "low": c.low, "high": c.high}
                         for s, c in results[task].items()}
    list(runs)
    output_dir.mkdir(parents=True, exist_ok=True)
    title = (f"Chilean tweets as a deployment: batches of {batch} reviews, {seeds} seeds, model "
             f"{clf.name} v{clf.version}")
    (output_dir / TABLE).write_text(f"# Learning from reviews: simulation\n\n{title}. Reproduce with "
                                    f"`vigia models simulate-reviews --batch {batch} --rounds {rounds} --seeds "
                                    f"{seeds}`.\n\n" + sim.markdown(results, in_use, sizes), encoding="utf-8")
    (output_dir / TABLE).with_suffix(".json").write_text(json.dumps(
        {"batch": batch, "rounds": rounds, "seeds": seeds, "model": f"{clf.name}.{clf.version}",
         "in_use_macro_f1": in_use, "sizes": {t: {"pool": p, "held_out": h} for t, (p, h) in sizes.items()},
         "curves": figures}, indent=1) + "\n", encoding="utf-8")
    sim.plot(results, in_use, output_dir / FIGURE, title)
    last = "; ".join(f"{task} after {c['active']['reviews'][-1]} reviews: active {c['active']['mean'][-1]:.3f}, "
                     f"random {c['random']['mean'][-1]:.3f} (model in use {in_use[task]:.3f})"
                     for task, c in figures.items())
    click.echo(f"simulated {seeds} seeds × {len(sim.STRATEGIES)} strategies in {time.perf_counter() - started:.0f}s;"
               f" {last}; table and curve in {output_dir / TABLE}, {output_dir / FIGURE}")

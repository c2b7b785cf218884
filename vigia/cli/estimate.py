"""`vigia estimate`: a label's prevalence corrected for the classifier's errors, with its 95 % interval; and
`vigia models quantification`, the simulation that shows the correction works."""

from __future__ import annotations

import json
from typing import Any

import click
import numpy as np

from vigia.analysis.estimates import DEFAULT_METHOD, METHODS, RESAMPLES, XENOPHOBIC, Outputs
from vigia.analysis.estimates import estimate as estimate_prevalence
from vigia.analysis.quantification_check import markdown, simulate, usable_languages
from vigia.cli.context import with_settings
from vigia.cli.filters import build_filters, scope_options
from vigia.errors import ModelError
from vigia.progress import track
from vigia.settings import REPO_DATA, Settings
from vigia.store import open_store


@click.command()
@click.option("--task", required=True, help=f"hate, migration, frame, myth, or {XENOPHOBIC} (hateful among the "
                                            "posts about migration; a myth's share is among them too).")
@click.option("--label", required=True, help=f"A label of the task: hateful, migration, a myth id, {XENOPHOBIC}.")
@scope_options
@click.option("--by", type=click.Choice(["day", "week", "month"]), help="One estimate per period (UTC).")
@click.option("--method", type=click.Choice(METHODS), default=DEFAULT_METHOD, show_default=True,
              help="Quantification method (QuaPy).")
@click.option("--resamples", type=click.IntRange(0, 10_000), default=RESAMPLES, show_default=True,
              help="Bootstrap resamples for the interval.")
@click.option("--json", "as_json", is_flag=True, help="JSON: one object, or a list with --by.")
@with_settings
def estimate(settings: Settings, task: str, label: str, by: str | None, method: str, resamples: int,
             as_json: bool, **kwargs: Any) -> None:
    """Estimate the share of posts with a label, corrected for the classifier's error rates."""
    filters = build_filters(**kwargs, task=None, labels=(), min_score=None, max_score=None)
    with open_store(settings.resolved_store_url) as store:
        found = estimate_prevalence(store, filters, task, label, settings.classifier_dir, method=method, by=by,
                                    resamples=resamples,
                                    progress=lambda posts, total: track(posts, "reading posts", total=total))
    if as_json:
        rows = [e.to_dict() for e in found]
        click.echo(json.dumps(rows if by else rows[0], ensure_ascii=False, indent=2))
        return
    name = task if task == label else f"{task}={label}"
    for e in found:
        head = f"{e.period}  " if e.period else ""
        click.echo(f"{head}{name}: {e.estimate:.1%} (95% interval {e.ci_low:.1%}–{e.ci_high:.1%}); "
                   f"classify-and-count {e.classify_and_count:.1%}; {e.n_posts} posts; method {e.method}")
    click.echo(f"error rates from: {found[0].error_rates_from}")


@click.command()
@click.option("--task", type=click.Choice(["hate", "migration"]), default="hate", show_default=True)
@click.option("--draws", type=click.IntRange(1), default=20, show_default=True,
              help="Samples drawn per prevalence and language mix.")
@click.option("--sample-size", type=click.IntRange(20), default=500, show_default=True, help="Posts per sample.")
@click.option("--resamples", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="Bootstrap resamples for each interval.")
@click.option("--sample", type=click.IntRange(1), help="At most this many held-out examples per dataset and "
                                                       "language (per language and class on the challenge sets).")
@with_settings
def quantification(settings: Settings, task: str, draws: int, sample_size: int, resamples: int,
                   sample: int | None) -> None:
    """Check the corrected estimates: held-out labelled posts resampled to known prevalences (5-50 %, two
    language mixes); prints the mean absolute error of classify-and-count and of each method, and the
    intervals' coverage, as a Markdown table."""
    from nlp.classifier import Classifier, ModelNotAvailable
    from vigia.cli.model_support import encoder_dir

    examples, origin = held_out_examples(settings, task, sample)
    try:
        classifier = Classifier(settings.classifier_dir, encoder_dir(settings),
                                cache_dir=settings.models_dir / "cache")
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    positive = classifier.manifest["tasks"][task]["labels"][1]
    texts, languages = [e.text for e in examples], np.array([e.language for e in examples])
    click.echo(f"classifying {len(texts)} held-out examples ({origin})…", err=True)
    probs = classifier.probabilities(classifier.embed(texts), task, texts)
    decisions = np.array([r.label == positive for r in classifier.decide(probs, task, list(languages))])
    truth = np.array([e.labels[task] == positive for e in examples])
    used = usable_languages(truth, languages)
    if not used:
        raise ModelError(f"no language of the held-out {task} examples has enough of both classes to simulate")
    rows = simulate(Outputs(decisions, probs[:, 1]), truth, languages, sample_size=sample_size, draws=draws,
                    resamples=resamples, progress=lambda m: click.echo(f"estimating with {m}…", err=True))
    click.echo(markdown(rows))
    click.echo(f"{task}={positive}: {len(texts)} held-out examples ({origin}; languages {', '.join(used)}), "
               f"{draws} samples of {sample_size} per cell, {resamples} bootstrap resamples")


def held_out_examples(settings: Settings, task: str, sample: int | None) -> tuple[list, str]:
    """The held-out test set of `vigia models heldout` for the task, or, without the shared datasets, the
    synthetic challenge sets of the repository."""
    from nlp.datasets import DatasetError, written
    from nlp.training_sets import build_sets
    from vigia.cli.model_support import REPO_SETS

    try:
        _, test = build_sets(settings.datasets_dir, settings.lexicon_path, [task], tiny=sample, **REPO_SETS)
        return test[task], f"held-out sets of {settings.datasets_dir} and data/annotations"
    except DatasetError:
        challenge = [e for e in written(REPO_DATA / "challenge") if task in e.labels]
        if sample:
            cells = sorted({(e.language, e.labels[task]) for e in challenge})
            challenge = [e for cell in cells for e in [c for c in challenge
                                                       if (c.language, c.labels[task]) == cell][:sample]]
        return challenge, "synthetic data/challenge sets (no shared datasets)"

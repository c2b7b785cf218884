"""`vigia estimate`: a label's prevalence corrected for the classifier's errors, with its 95 % interval."""

from __future__ import annotations

import json
from typing import Any

import click

from vigia.cli import build_filters, with_settings
from vigia.estimates import DEFAULT_METHOD, METHODS, RESAMPLES, XENOPHOBIC, estimate as estimate_prevalence
from vigia.settings import Settings
from vigia.store import open_store


def scope_options(func):
    """The search filters that do not name a task: the estimate's task and label are its own."""
    options = [
        click.option("--since", type=click.DateTime(), help="From this date (UTC), inclusive."),
        click.option("--until", type=click.DateTime(), help="Up to this date (UTC), exclusive."),
        click.option("--platform", "platforms", multiple=True, help="Repeatable."),
        click.option("--source", "sources", multiple=True, help="Repeatable."),
        click.option("--language", "languages", multiple=True, help="Repeatable: es, pt, en, fr, ht, other."),
        click.option("--country", "countries", multiple=True, help="ISO code, repeatable: CO, PE…"),
        click.option("--target", "targets", multiple=True, help="Target group id, repeatable."),
        click.option("--myth", "myths", multiple=True, help="Myth id, repeatable."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command()
@click.option("--task", required=True, help=f"hate, migration, frame, myth, or {XENOPHOBIC} (hateful among the "
                                            "posts about migration).")
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
                                    resamples=resamples)
    if as_json:
        rows = [e.to_dict() for e in found]
        click.echo(json.dumps(rows if by else rows[0], ensure_ascii=False, indent=2))
        return
    for e in found:
        head = f"{e.period}  " if e.period else ""
        click.echo(f"{head}{task}={label}: {e.estimate:.1%} (95% interval {e.ci_low:.1%}–{e.ci_high:.1%}); "
                   f"classify-and-count {e.classify_and_count:.1%}; {e.n_posts} posts; method {e.method}")
    click.echo(f"error rates from: {found[0].error_rates_from}")

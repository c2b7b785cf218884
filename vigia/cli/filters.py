"""The store's filters as command-line options, shared by search, export, classify and estimate."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import click
from pydantic import ValidationError

from vigia.store import Filters


def scope_options(func: Callable) -> Callable:
    """The store's filters that do not name a task (the estimate's task and label are its own)."""
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


def filter_options(func: Callable) -> Callable:
    """The store's filters as options, shared by search and export."""
    options = [
        click.option("--task", help="Task that --label and score bounds refer to (e.g. hate)."),
        click.option("--label", "labels", multiple=True, help="Label of --task, repeatable."),
        click.option("--min-score", type=click.FloatRange(0, 1)),
        click.option("--max-score", type=click.FloatRange(0, 1)),
    ]
    for option in reversed(options):
        func = option(func)
    return scope_options(func)


def build_filters(**kw: Any) -> Filters:
    def utc(value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=timezone.utc) if value else None

    try:
        return Filters(since=utc(kw["since"]), until=utc(kw["until"]), platforms=list(kw["platforms"]),
                       sources=list(kw["sources"]), languages=list(kw["languages"]),
                       countries=[c.upper() for c in kw["countries"]], targets=list(kw["targets"]),
                       myths=list(kw["myths"]), task=kw["task"], labels=list(kw["labels"]),
                       min_score=kw["min_score"], max_score=kw["max_score"])
    except ValidationError as exc:
        raise click.UsageError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None


FILTER_KEYS = ("since", "until", "platforms", "sources", "languages", "countries", "targets", "myths", "task",
               "labels", "min_score", "max_score")


def pop_filters(kwargs: dict[str, Any]) -> Filters:
    return build_filters(**{k: kwargs.pop(k) for k in FILTER_KEYS})

"""What a period's report holds: headline figures with intervals, daily volume and shares, top myths and groups
against the period before, quiet sources, three redacted examples with counter-messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from vigia.analysis.alerts import HATE_TASK, HATEFUL, daily, midnight, migration_filters, xenophobic_share
from vigia.analysis.estimates import XENOPHOBIC, estimate_or_reason
from vigia.counter.training_examples import Example, Gallery
from vigia.errors import VigiaError
from vigia.ingest.health import source_health
from vigia.settings import Settings
from vigia.store import Filters, Store

PERIOD_DAYS = {"week": 7, "month": 30}
TOP = 5


@dataclass
class Headline:
    posts: int
    posts_before: int
    share: float | None  # the xenophobic share among posts about migration
    low: float | None
    high: float | None
    share_before: float | None
    corrected: bool  # corrected for the classifier's errors (else: counted, Wilson interval)


@dataclass
class Report:
    period: str
    start: date
    end: date
    headline: Headline
    days: list[date]
    volume: list[int]
    hateful: list[int]
    about_migration: list[int]
    myths: list[tuple[str, int, int]]  # (myth, posts now, posts the period before)
    groups: list[tuple[str, int, int]]
    quiet_sources: list[tuple[str, str]]  # (source, status)
    examples: list[Example] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # myth and group ids -> their names in the language


def period_bounds(period: str, until: date) -> tuple[date, date]:
    return until - timedelta(days=PERIOD_DAYS[period] - 1), until


def _scope(filters: Filters, start: date, end: date) -> Filters:
    return filters.model_copy(update={"since": midnight(start), "until": midnight(end + timedelta(days=1))})


def _share(store: Store, scope: Filters, classifier_dir) -> tuple[float | None, float | None, float | None, bool]:
    found, _ = estimate_or_reason(store, scope, XENOPHOBIC, XENOPHOBIC, classifier_dir, resamples=200)
    if found:
        return found[0].estimate, found[0].ci_low, found[0].ci_high, True
    counted = xenophobic_share(store, scope)
    if not counted.total:
        return None, None, None, False
    return counted.share, counted.low, counted.high, False


def _tops(store: Store, facet: str, now: Filters, before: Filters) -> list[tuple[str, int, int]]:
    previous = dict(store.top_values(facet, before, limit=100))
    return [(value, count, previous.get(value, 0)) for value, count in store.top_values(facet, now, limit=TOP)]


def build_report(settings: Settings, store: Store, period: str, until: date, filters: Filters | None = None,
                 language: str = "es") -> Report:
    filters = filters or Filters()
    start, end = period_bounds(period, until)
    length = (end - start).days + 1
    now, before = _scope(filters, start, end), _scope(filters, start - timedelta(days=length),
                                                       start - timedelta(days=1))
    share, low, high, corrected = _share(store, now, settings.classifier_dir)
    share_before = _share(store, before, settings.classifier_dir)[0]
    headline = Headline(store.count(now), store.count(before), share, low, high, share_before, corrected)
    volume = daily(store.counts_over_time(now, interval="day"), start, length).get(None, [0] * length)
    migration = migration_filters(now)
    about = daily(store.counts_over_time(migration, interval="day"), start, length).get(None, [0] * length)
    labels = daily(store.counts_over_time(migration, interval="day", split_by=f"label.{HATE_TASK}"), start, length)
    myths, groups = _tops(store, "myth", now, before), _tops(store, "target", now, before)
    quiet = [(h.source, h.status) for h in source_health(store, settings.sources) if h.enabled and h.status != "ok"]
    examples: list[Example] = []
    gallery = Gallery(settings)
    names = {**{m: gallery.myth_name(m, language) for m, _, _ in myths},
             **{g: gallery.group_name(g, language) for g, _, _ in groups}}
    if myths or groups:
        try:
            examples = gallery.examples(store, myth=myths[0][0] if myths else None,
                                                  target=None if myths else groups[0][0], language=language,
                                                  limit=3, filters=now)
        except VigiaError:
            examples = []
    return Report(period, start, end, headline, [start + timedelta(days=i) for i in range(length)], volume,
                  labels.get(HATEFUL, [0] * length), about, myths, groups, quiet, examples, names)

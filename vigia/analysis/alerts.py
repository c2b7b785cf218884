"""Spike alerts: days on which a myth's share of the posts collected, or the xenophobic share, rises well above its
own recent baseline.

Each day is compared with the `WINDOW` (28) days before it. A day needs at least `MIN_HISTORY` (7) days of
history inside the store's coverage to be tested: days before the store's first post are unobserved, not zero.

Both alerts test a *share*, never a raw count, so that a new source or a backfill (many more posts on one day
with the same mix) does not raise an alert by itself:

- Myth share. The day has k posts with the myth among n posts collected (in the filters' scope); the baseline
  days have K among N. One-sided Fisher exact test of the 2×2 table: p = P(X >= k) with
  X ~ Hypergeometric(N + n posts, K + k with the myth, n drawn).
- Xenophobic share (hate:hateful among migration:migration, as in vigia.counter.campaigns). The day has h hateful posts
  among m about migration; the baseline has H among M; the same Fisher test. The test runs on the classifier's
  counts, and that is a test of the *corrected* rate: with the classifier's error rates (true and false positive
  rates tpr > fpr, the same every day, as is the language mix), the estimated prevalence of adjusted
  classify-and-count is the linear, increasing map (counted − fpr) / (tpr − fpr) of the counted rate, so "the
  day's corrected rate equals the baseline's" is the same hypothesis as "the day's counted rate equals the
  baseline's", and the exact test of the counts is the exact test of the corrected rates. The alert reports
  the corrected rates (vigia.analysis.estimates, ACC) beside the counts where the error rates are known.

A day alerts when p < `ALPHA` (0.001), its count (posts with the myth, or hateful posts) is at least
`MIN_COUNT` (5), and the share is above the baseline's. Every day of every myth is a test, so a year of ten myths
is about 3,650 tests: at 0.001 up to a few alerts a year may be chance. Read an alert as "look here", then read
the posts.

Daily counts come from `Store.counts_over_time`, so every backend gives the same alerts. The tail
probabilities are computed here with `math` (checked against scipy in the tests) to keep the console's imports
light.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from math import exp, lgamma
from pathlib import Path

from vigia.analysis.estimates import XENOPHOBIC, estimate
from vigia.counter.campaigns import HATE_TASK, HATEFUL, MIGRATION, MIGRATION_TASK, Share, wilson
from vigia.errors import VigiaError
from vigia.store import Bucket, Filters, Store

WINDOW = 28
MIN_HISTORY = 7
ALPHA = 0.001
MIN_COUNT = 5
SHARE = "xenophobic_share"
MYTH = "myth"


@dataclass(frozen=True)
class Alert:
    kind: str  # MYTH or SHARE
    subject: str | None  # the myth id; None for the share
    day: date
    observed: int  # posts with the myth, or hateful posts about migration, on the day
    expected: float  # what the baseline's share predicts for the day
    p_value: float
    baseline_days: int
    total: int  # posts collected (myth alerts) or posts about migration (share alerts) on the day
    baseline_share: float  # the share over the baseline days
    estimated: float | None = None  # share alerts: the day's rate corrected for the classifier's errors
    estimated_baseline: float | None = None  # and the baseline's

    @property
    def share(self) -> float:
        return self.observed / self.total


def _log_choose(n: int, k: int) -> float:
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)


def _upper_tail(log_pmf, k: int, low: int, high: int, mode: int) -> float:
    """P(X >= k) of a unimodal distribution on low..high, summing from k away from the mode so terms shrink."""
    if k <= low:
        return 1.0
    if k > high:
        return 0.0
    upper = k > mode
    total = 0.0
    for x in (range(k, high + 1) if upper else range(k - 1, low - 1, -1)):
        term = exp(log_pmf(x))
        total += term
        if term <= total * 1e-17:
            break
    return min(total, 1.0) if upper else max(0.0, 1.0 - total)


def hypergeom_sf(k: int, population: int, successes: int, draws: int) -> float:
    """P(X >= k) for X ~ Hypergeometric: `draws` taken without replacement from `population` holding `successes`."""
    low, high = max(0, draws - (population - successes)), min(successes, draws)
    denominator = _log_choose(population, draws)
    return _upper_tail(lambda x: _log_choose(successes, x) + _log_choose(population - successes, draws - x)
                       - denominator, k, low, high, int((draws + 1) * (successes + 1) / (population + 2)))


def share_spikes(first: date, hits: Sequence[int], totals: Sequence[int], *, kind: str = SHARE,
                 subject: str | None = None, test_from: date | None = None, window: int = WINDOW,
                 min_history: int = MIN_HISTORY, alpha: float = ALPHA, min_count: int = MIN_COUNT) -> list[Alert]:
    """Days whose share `hits[i]` of `totals[i]` (day `first + i`) spikes above the trailing baseline's share."""
    if len(hits) != len(totals):
        raise ValueError(f"hits has {len(hits)} days but totals has {len(totals)}")
    alerts = []
    for i, (count, total) in enumerate(zip(hits, totals)):
        day = first + timedelta(days=i)
        start = max(0, i - window)
        if count < min_count or i - start < min_history or (test_from and day < test_from):
            continue
        base_hits, base_total = sum(hits[start:i]), sum(totals[start:i])
        if not base_total:
            continue
        baseline_share = base_hits / base_total
        expected = total * baseline_share
        if count <= expected:
            continue
        p = hypergeom_sf(count, base_total + total, base_hits + count, total)
        if p < alpha:
            alerts.append(Alert(kind, subject, day, count, expected, p, i - start, total, baseline_share))
    return alerts


def myth_spikes(myth: str, first: date, hits: Sequence[int], totals: Sequence[int], **options) -> list[Alert]:
    """Days whose share of posts collected with `myth` spikes above the trailing baseline's share."""
    return share_spikes(first, hits, totals, kind=MYTH, subject=myth, **options)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.utc)


def migration_filters(filters: Filters) -> Filters:
    """The same scope, restricted to posts labelled as being about migration."""
    return filters.model_copy(update={"task": MIGRATION_TASK, "labels": [MIGRATION]})


def xenophobic_share(store: Store, filters: Filters, confidence: float = 0.95) -> Share:
    """Hateful posts among posts about migration in `filters`, with a Wilson interval (as vigia.counter.campaigns)."""
    migration = migration_filters(filters)
    total = store.count(migration)
    hits = dict(store.top_values(f"label.{HATE_TASK}", migration, limit=100)).get(HATEFUL, 0)
    return Share(hits, total, *wilson(hits, total, confidence))


def daily(buckets: Iterable[Bucket], first: date, days: int) -> dict[str | None, list[int]]:
    """Day buckets as one dense list per key: `series[key][i]` is the count of day `first + i`."""
    series: dict[str | None, list[int]] = {}
    for bucket in buckets:
        index = (bucket.start.date() - first).days
        if 0 <= index < days:
            series.setdefault(bucket.key, [0] * days)[index] += bucket.count
    return series


def corrected(store: Store, scope: Filters, classifier_dir: Path) -> float | None:
    """The xenophobic share of `scope` corrected for the classifier's error rates (ACC point estimate), or None
    where the error rates are not known."""
    try:
        return estimate(store, scope, XENOPHOBIC, XENOPHOBIC, classifier_dir, method="acc", resamples=0)[0].estimate
    except VigiaError:
        return None


def find_alerts(store: Store, filters: Filters, start: date, end: date, history_start: date,
                myths: Sequence[str] = (), classifier_dir: Path | None = None) -> list[Alert]:
    """Myth-share and xenophobic-share alerts for the days start..end in `filters`' scope, newest first.

    `history_start` is the first day the store holds posts for; baselines never reach before it. With
    `myths`, only those myths are tested. With `classifier_dir`, share alerts carry the corrected rates.
    """
    first = max(history_start, start - timedelta(days=WINDOW))
    days = (end - first).days + 1
    if days <= 0:
        return []
    scope = filters.model_copy(update={"since": midnight(first), "until": midnight(end + timedelta(days=1))})
    alerts = []
    collected = daily(store.counts_over_time(scope, interval="day"), first, days).get(None, [0] * days)
    per_myth = daily(store.counts_over_time(scope, interval="day", split_by="myth"), first, days)
    for myth, counts in sorted(per_myth.items(), key=lambda item: str(item[0])):
        if myth is not None and (not myths or myth in myths):
            alerts += myth_spikes(myth, first, counts, collected, test_from=start)
    migration = migration_filters(scope)
    totals = daily(store.counts_over_time(migration, interval="day"), first, days).get(None, [0] * days)
    labels = daily(store.counts_over_time(migration, interval="day", split_by=f"label.{HATE_TASK}"), first, days)
    shares = share_spikes(first, labels.get(HATEFUL, [0] * days), totals, test_from=start)
    if classifier_dir is not None:
        shares = [with_corrected_rates(store, filters, alert, history_start, classifier_dir) for alert in shares]
    alerts += shares
    return sorted(alerts, key=lambda a: (-a.day.toordinal(), a.p_value))


def with_corrected_rates(store: Store, filters: Filters, alert: Alert, history_start: date,
                         classifier_dir: Path) -> Alert:
    """The share alert with the day's and the baseline's xenophobic shares corrected for the classifier's errors."""
    baseline_from = max(history_start, alert.day - timedelta(days=alert.baseline_days))
    day = filters.model_copy(update={"since": midnight(alert.day), "until": midnight(alert.day + timedelta(days=1))})
    baseline = filters.model_copy(update={"since": midnight(baseline_from), "until": midnight(alert.day)})
    return replace(alert, estimated=corrected(store, day, classifier_dir),
                   estimated_baseline=corrected(store, baseline, classifier_dir))

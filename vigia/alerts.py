"""Spike alerts: days on which a myth's volume or the xenophobic share rises well above its own recent baseline.

Each day is compared with the `WINDOW` (28) days before it. A day needs at least `MIN_HISTORY` (7) days of
history inside the store's coverage to be tested: days before the store's first post are unobserved, not zero.

- Myth volume. The day has k posts with the myth; the n baseline days have b. If the day had the baseline's
  rate, each of those k + b posts would fall on the day with probability 1 / (n + 1), so
  p = P(X >= k) with X ~ Binomial(k + b, 1 / (n + 1)). This is the exact conditional test comparing two Poisson
  rates. Unlike a Poisson test of k against the baseline mean b / n, it counts the baseline's own noise and stays
  defined when the baseline is empty.
- Xenophobic share (hate:hateful among migration:migration, as in vigia.campaigns). The day has h hateful posts
  among m about migration; the baseline has H among M. One-sided Fisher exact test of the 2×2 table:
  p = P(X >= h) with X ~ Hypergeometric(M + m posts, H + h hateful, m drawn), the binomial test of h against the
  baseline share with the baseline's uncertainty included.

A day alerts when p < `ALPHA` (0.001), its count (posts with the myth, or hateful posts) is at least
`MIN_COUNT` (5), and the count is above what the baseline predicts. Every day of every myth is a test, so a
year of ten myths is about 3,650 tests: at 0.001 up to a few alerts a year may be chance. Read an alert as "look
here", then read the posts.

Daily counts come from `Store.counts_over_time`, so every backend gives the same alerts. The tail
probabilities are computed here with `math` (checked against scipy in the tests) to keep the console's imports
light.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from math import exp, lgamma, log, log1p

from vigia.campaigns import HATE_TASK, HATEFUL, MIGRATION, MIGRATION_TASK, Share, wilson
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
    expected: float  # what the baseline predicts for the day
    p_value: float
    baseline_days: int
    total: int | None = None  # posts about migration on the day (share alerts)
    baseline_share: float | None = None  # share alerts


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


def binomial_sf(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if p <= 0.0 or p >= 1.0:
        return float(k <= (n if p >= 1.0 else 0))
    return _upper_tail(lambda x: _log_choose(n, x) + x * log(p) + (n - x) * log1p(-p), k, 0, n,
                       int((n + 1) * p))


def hypergeom_sf(k: int, population: int, successes: int, draws: int) -> float:
    """P(X >= k) for X ~ Hypergeometric: `draws` taken without replacement from `population` holding `successes`."""
    low, high = max(0, draws - (population - successes)), min(successes, draws)
    denominator = _log_choose(population, draws)
    return _upper_tail(lambda x: _log_choose(successes, x) + _log_choose(population - successes, draws - x)
                       - denominator, k, low, high, int((draws + 1) * (successes + 1) / (population + 2)))


def count_spikes(subject: str, first: date, counts: Sequence[int], *, test_from: date | None = None,
                 window: int = WINDOW, min_history: int = MIN_HISTORY, alpha: float = ALPHA,
                 min_count: int = MIN_COUNT) -> list[Alert]:
    """Days whose count spikes above the trailing baseline; `counts[i]` is the count of day `first + i`."""
    alerts = []
    for i, count in enumerate(counts):
        day = first + timedelta(days=i)
        history = counts[max(0, i - window):i]
        if count < min_count or len(history) < min_history or (test_from and day < test_from):
            continue
        baseline = sum(history)
        expected = baseline / len(history)
        if count <= expected:
            continue
        p = binomial_sf(count, count + baseline, 1 / (len(history) + 1))
        if p < alpha:
            alerts.append(Alert(MYTH, subject, day, count, expected, p, len(history)))
    return alerts


def share_spikes(first: date, hateful: Sequence[int], totals: Sequence[int], *, test_from: date | None = None,
                 window: int = WINDOW, min_history: int = MIN_HISTORY, alpha: float = ALPHA,
                 min_count: int = MIN_COUNT) -> list[Alert]:
    """Days whose hateful share (hateful[i] of totals[i], day `first + i`) spikes above the trailing baseline."""
    if len(hateful) != len(totals):
        raise ValueError(f"hateful has {len(hateful)} days but totals has {len(totals)}")
    alerts = []
    for i, (hits, total) in enumerate(zip(hateful, totals)):
        day = first + timedelta(days=i)
        start = max(0, i - window)
        if hits < min_count or i - start < min_history or (test_from and day < test_from):
            continue
        base_hits, base_total = sum(hateful[start:i]), sum(totals[start:i])
        if not base_total:
            continue
        baseline_share = base_hits / base_total
        expected = total * baseline_share
        if hits <= expected:
            continue
        p = hypergeom_sf(hits, base_total + total, base_hits + hits, total)
        if p < alpha:
            alerts.append(Alert(SHARE, None, day, hits, expected, p, i - start, total, baseline_share))
    return alerts


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.utc)


def migration_filters(filters: Filters) -> Filters:
    """The same scope, restricted to posts labelled as being about migration."""
    return filters.model_copy(update={"task": MIGRATION_TASK, "labels": [MIGRATION]})


def xenophobic_share(store: Store, filters: Filters, confidence: float = 0.95) -> Share:
    """Hateful posts among posts about migration in `filters`, with a Wilson interval (as vigia.campaigns)."""
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


def find_alerts(store: Store, filters: Filters, start: date, end: date, history_start: date,
                myths: Sequence[str] = ()) -> list[Alert]:
    """Myth and xenophobic-share alerts for the days start..end in `filters`' scope, newest first.

    `history_start` is the first day the store holds posts for; baselines never reach before it. With
    `myths`, only those myths are tested.
    """
    first = max(history_start, start - timedelta(days=WINDOW))
    days = (end - first).days + 1
    if days <= 0:
        return []
    scope = filters.model_copy(update={"since": midnight(first), "until": midnight(end + timedelta(days=1))})
    alerts = []
    per_myth = daily(store.counts_over_time(scope, interval="day", split_by="myth"), first, days)
    for myth, counts in sorted(per_myth.items(), key=lambda item: str(item[0])):
        if myth is not None and (not myths or myth in myths):
            alerts += count_spikes(myth, first, counts, test_from=start)
    migration = migration_filters(scope)
    totals = daily(store.counts_over_time(migration, interval="day"), first, days).get(None, [0] * days)
    labels = daily(store.counts_over_time(migration, interval="day", split_by=f"label.{HATE_TASK}"), first, days)
    alerts += share_spikes(first, labels.get(HATEFUL, [0] * days), totals, test_from=start)
    return sorted(alerts, key=lambda a: (-a.day.toordinal(), a.p_value))

"""Did a campaign move the conversation? Before / during / after comparisons through the Store interface.

For each period, in the campaign's countries:
- the xenophobic share: posts labelled `hate` = `hateful` among posts labelled `migration` = `migration`, with a
  Wilson score interval (the classifier's count); and, given the classifier, the share corrected for its error
  rates with a bootstrap interval (vigia.analysis.estimates), the figure to cite;
- each myth's volume: posts tagged with the myth, with an exact (Garwood) Poisson interval on the count, and the
  same as a rate per day;
- the number of posts that mention each of the campaign's hashtags (full-text search).

Periods are whole UTC days. `during` is start..end inclusive; `before` and `after` are windows of the same
length right before and right after (or `window_days` long). An `after` window that reaches into the future is
cut at `now` and says how many days it covers. Counts come from `Store.count` / `Store.top_values` with
`Filters`, so every backend gives the same table.

A campaign may name comparisons, measured the same way: a region it did not reach (`comparison_countries`, the
same days) and a period as long as the campaign (`comparison_start`, in its countries). A change that shows in the
comparison too is not the campaign's doing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from math import sqrt
from pathlib import Path
from statistics import NormalDist

from vigia.analysis.estimates import XENOPHOBIC, Estimate, estimate_or_reason
from vigia.errors import ConfigError
from vigia.settings import CampaignConfig, Settings
from vigia.store import Filters, SearchQuery, Store

SHARE_METHOD = "Wilson score interval"
COUNT_METHOD = "exact Poisson (Garwood) interval"
HATE_TASK, HATEFUL = "hate", "hateful"
MIGRATION_TASK, MIGRATION = "migration", "migration"


@dataclass
class Share:
    hits: int
    total: int
    share: float | None
    low: float | None
    high: float | None


@dataclass
class Volume:
    count: int
    low: float
    high: float
    per_day: float
    per_day_low: float
    per_day_high: float


@dataclass
class Period:
    name: str
    since: datetime
    until: datetime
    days: float
    posts: int
    xenophobic: Share
    myths: dict[str, Volume] = field(default_factory=dict)
    hashtags: dict[str, int] = field(default_factory=dict)
    estimated: Estimate | None = None  # the xenophobic share corrected for the classifier's errors
    not_estimated: str | None = None  # why there is no estimate, where the classifier was given


@dataclass
class Comparison:
    """The same before / during / after, in a region the campaign did not reach or over another period."""

    kind: str  # "region" (other countries, the same days) or "period" (the campaign's countries, other days)
    countries: list[str]
    start: date
    end: date
    periods: list[Period]

    def period(self, name: str) -> Period:
        return next(p for p in self.periods if p.name == name)


@dataclass
class CampaignReport:
    campaign: str
    countries: list[str]
    confidence: float
    share_method: str
    count_method: str
    periods: list[Period]
    comparisons: list[Comparison] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        for series in (data, *data["comparisons"]):
            for period in series["periods"]:
                period["since"], period["until"] = period["since"].isoformat(), period["until"].isoformat()
        for comparison in data["comparisons"]:
            comparison["start"], comparison["end"] = comparison["start"].isoformat(), comparison["end"].isoformat()
        return data

    def period(self, name: str) -> Period:
        return next(p for p in self.periods if p.name == name)


def wilson(hits: int, total: int, confidence: float = 0.95) -> tuple[float | None, float | None, float | None]:
    """(share, low, high) with the Wilson score interval; None when there is nothing to divide by."""
    if total <= 0:
        return None, None, None
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)


def poisson_interval(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval for a Poisson count, from chi-square quantiles."""
    from scipy.stats import chi2

    alpha = 1 - confidence
    low = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count) / 2)
    high = float(chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)
    return low, high


def find_campaign(settings: Settings, name: str) -> CampaignConfig:
    return settings.named("campaigns", name)


def periods_of(campaign: CampaignConfig, window_days: int | None = None,
               now: datetime | None = None) -> list[tuple[str, datetime, datetime]]:
    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=timezone.utc)

    start, end = midnight(campaign.start), midnight(campaign.end + timedelta(days=1))
    window = timedelta(days=window_days) if window_days else end - start
    now = now or datetime.now(timezone.utc)
    return [("before", start - window, start), ("during", start, min(end, max(now, start))),
            ("after", end, min(end + window, max(now, end)))]


def comparisons_of(campaign: CampaignConfig) -> list[tuple[str, CampaignConfig]]:
    """The campaign's configured comparisons, each as a campaign of its own: ("region" | "period", campaign)."""
    found = []
    if campaign.comparison_countries:
        found.append(("region", campaign.model_copy(update={"countries": campaign.comparison_countries,
                                                            "comparison_countries": []})))
    if campaign.comparison_start is not None:
        end = campaign.comparison_start + (campaign.end - campaign.start)
        found.append(("period", campaign.model_copy(update={"start": campaign.comparison_start, "end": end,
                                                            "comparison_start": None, "comparison_countries": []})))
    return found


def compare_campaign(store: Store, campaign: CampaignConfig, myths: list[str], *, window_days: int | None = None,
                     confidence: float = 0.95, now: datetime | None = None,
                     myth_task: str | None = None, classifier_dir: Path | None = None) -> CampaignReport:
    """The before/during/after table of one campaign, read from any Store, with its configured comparisons.

    Myth volumes count posts tagged with the myth (`Post.myths`), or, with `myth_task` (e.g. "myth", the
    classifier's task), posts with that label. With `classifier_dir`, each period's xenophobic share is also
    estimated, corrected for that classifier's error rates (its bootstrap interval is at 95 %).
    """
    if not 0 < confidence < 1:
        raise ConfigError(f"confidence must be between 0 and 1, not {confidence}")
    measure = dict(window_days=window_days, confidence=confidence, now=now, myth_task=myth_task,
                   classifier_dir=classifier_dir)
    comparisons = [Comparison(kind, other.countries, other.start, other.end,
                              _periods(store, other, myths, **measure))
                   for kind, other in comparisons_of(campaign)]
    return CampaignReport(campaign.name, campaign.countries, confidence, SHARE_METHOD, COUNT_METHOD,
                          _periods(store, campaign, myths, **measure), comparisons)


def _periods(store: Store, campaign: CampaignConfig, myths: list[str], *, window_days: int | None,
             confidence: float, now: datetime | None, myth_task: str | None,
             classifier_dir: Path | None) -> list[Period]:
    periods = []
    for name, since, until in periods_of(campaign, window_days, now):
        days = max((until - since).total_seconds() / 86400, 0.0)
        base = Filters(since=since, until=until, countries=campaign.countries)
        migration = base.model_copy(update={"task": MIGRATION_TASK, "labels": [MIGRATION]})
        total = store.count(migration)
        hateful = dict(store.top_values(f"label.{HATE_TASK}", migration, limit=100)).get(HATEFUL, 0)
        share = Share(hateful, total, *wilson(hateful, total, confidence))
        volumes = {}
        for myth in myths:
            by = {"task": myth_task, "labels": [myth]} if myth_task else {"myths": [myth]}
            count = store.count(base.model_copy(update=by))
            low, high = poisson_interval(count, confidence)
            rate = (lambda x: x / days if days else 0.0)
            volumes[myth] = Volume(count, low, high, rate(count), rate(low), rate(high))
        hashtags = {}
        for tag in campaign.hashtags:
            word = tag.lstrip("#").strip()
            if word:
                query = SearchQuery(text=f'"{word}"', filters=base, limit=1)
                hashtags[tag] = store.search(query).total
        estimated, reason = ([], None) if classifier_dir is None or not total else estimate_or_reason(
            store, base, XENOPHOBIC, XENOPHOBIC, classifier_dir)
        periods.append(Period(name, since, until, round(days, 3), store.count(base), share, volumes, hashtags,
                              estimated[0] if estimated else None, reason))
    return periods

"""How a campaign's figures read, shared by `vigia campaign` and the console's Campañas page: the table's cells and
a short plain-language reading of the result in es/pt/en (the catalogue's `campaign_reading` section).

The reading cites the xenophobic share corrected for the classifier's errors where every compared period has it,
else the classifier's count; it says whether the intervals of before and during overlap (then the change may be
chance) and never that the campaign caused a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from vigia.analysis.estimates import CONFIDENCE as ESTIMATE_CONFIDENCE
from vigia.analysis.estimates import Estimate
from vigia.counter.campaigns import CampaignReport, Comparison, Period, Share, Volume
from vigia.i18n import text

PERIODS = ("before", "during", "after")
NO_FIGURE = "—"


def percent(share: float) -> str:
    return f"{share:.1%}"


def interval_cell(value: float, low: float, high: float) -> str:
    """'40.0% [21.9%, 61.3%]'."""
    return f"{percent(value)} [{percent(low)}, {percent(high)}]"


def share_cell(share: Share) -> str:
    return NO_FIGURE if share.share is None else interval_cell(share.share, share.low, share.high)


def estimate_cell(estimate: Estimate | None) -> str:
    return NO_FIGURE if estimate is None else interval_cell(estimate.estimate, estimate.ci_low, estimate.ci_high)


def volume_cell(volume: Volume) -> str:
    """A myth's posts with their interval: '5 [1.6, 11.7]'."""
    return f"{volume.count} [{volume.low:.1f}, {volume.high:.1f}]"


def days_cell(period: Period) -> str:
    """The period's UTC days, both inclusive: '2026-02-28..03-09'."""
    return f"{period.since:%Y-%m-%d}..{max(period.since, period.until - timedelta(seconds=1)):%m-%d}"


@dataclass(frozen=True)
class Figure:
    """The xenophobic share a reading cites for one period, with its interval."""

    value: float
    low: float
    high: float

    @property
    def cell(self) -> str:
        return interval_cell(self.value, self.low, self.high)

    def overlaps(self, other: Figure) -> bool:
        return self.low <= other.high and other.low <= self.high


def series_of(report: CampaignReport) -> list[list[Period]]:
    """The campaign's periods, then each comparison's."""
    return [report.periods, *(c.periods for c in report.comparisons)]


def cites_estimate(report: CampaignReport) -> bool:
    """Whether every before and during period (comparisons too) has the error-corrected estimate, the figure to cite;
    otherwise the reading cites the classifier's count everywhere, so that the figures compare."""
    return all(p.estimated is not None for periods in series_of(report) for p in periods if p.name != "after")


def figure(period: Period, estimated: bool) -> Figure | None:
    """The cited share of a period (the estimate or the classifier's count), None where there is none."""
    if estimated:
        e = period.estimated
        return None if e is None else Figure(e.estimate, e.ci_low, e.ci_high)
    s = period.xenophobic
    return None if s.share is None else Figure(s.share, s.low, s.high)


def interval_level(report: CampaignReport) -> float:
    return ESTIMATE_CONFIDENCE if cites_estimate(report) else report.confidence


def cited(report: CampaignReport, language: str) -> str:
    """What the reading cites, in words: the estimate or the classifier's count."""
    key = "what.estimate" if cites_estimate(report) else "what.count"
    return text(f"campaign_reading.{key}", language)


def points(before: Figure, during: Figure) -> str:
    """The change in percentage points, signed: '-20.0'."""
    return f"{(during.value - before.value) * 100:+.1f}"


def reading(report: CampaignReport, language: str) -> list[str]:
    """A few plain sentences on what the figures say, and how sure they are, in `language`."""
    def say(key: str, **values: object) -> str:
        return text(f"campaign_reading.{key}", language, **values)

    periods = {p.name: p for p in report.periods}
    countries = ", ".join(report.countries) or say("all_countries")
    if not any(p.posts for p in report.periods):
        first, last = periods["before"].since, periods["after"].until - timedelta(seconds=1)
        return [say("no_posts", countries=countries, first=f"{first:%Y-%m-%d}", last=f"{max(first, last):%Y-%m-%d}")]
    estimated, what = cites_estimate(report), cited(report, language)
    before, during = figure(periods["before"], estimated), figure(periods["during"], estimated)
    if before is None or during is None:
        return [say("no_share", countries=countries)]
    level = f"{interval_level(report):.0%}"
    sentences = []
    if percent(before.value) == percent(during.value):
        sentences.append(say("same", what=what, before=percent(before.value), level=level,
                             before_interval=before.cell, during_interval=during.cell))
    else:
        sentences.append(say("fell" if during.value < before.value else "rose", what=what,
                             before=percent(before.value), during=percent(during.value),
                             before_posts=periods["before"].xenophobic.total,
                             during_posts=periods["during"].xenophobic.total))
        sentences.append(say("overlap" if before.overlaps(during) else "apart", level=level,
                             before_interval=before.cell, during_interval=during.cell))
    after = periods["after"]
    if after.days <= 0:
        sentences.append(say("after_not_yet"))
    elif (after_figure := figure(after, estimated)) is None:
        sentences.append(say("after_none", days=f"{after.days:g}"))
    else:
        sentences.append(say("after", days=f"{after.days:g}", after=after_figure.cell))
    for comparison in report.comparisons:
        sentences.append(_compared(comparison, before, during, estimated, say))
    if not report.comparisons:
        sentences.append(say("no_comparison"))
    return sentences


def _compared(comparison: Comparison, before: Figure, during: Figure, estimated: bool, say) -> str:
    where = {"countries": ", ".join(comparison.countries) or say("all_countries"),
             "start": f"{comparison.start:%Y-%m-%d}", "end": f"{comparison.end:%Y-%m-%d}"}
    period_before, period_during = comparison.period("before"), comparison.period("during")
    other_before, other_during = figure(period_before, estimated), figure(period_during, estimated)
    if other_before is None or other_during is None:
        return say(f"comparison_empty.{comparison.kind}", **where)
    return say(f"comparison.{comparison.kind}", **where, before=percent(other_before.value),
               during=percent(other_during.value), before_posts=period_before.xenophobic.total,
               during_posts=period_during.xenophobic.total, change=points(other_before, other_during),
               campaign_change=points(before, during))

"""Campañas: did a configured campaign move the conversation? Before / during / after, with intervals, its
comparisons and a plain reading: the figures of `vigia campaign`, from vigia.counter.campaigns."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from ui.i18n import words
from ui.opening import open_page
from ui.safe import md_escape
from ui.state import myth_name, settings
from vigia.counter.campaign_reading import (PERIODS, cited, cites_estimate, days_cell, estimate_cell, figure,
                                            interval_level, reading, share_cell, volume_cell)
from vigia.counter.campaigns import CampaignReport, Period, compare_campaign, find_campaign
from vigia.counter.library import load_taxonomy_ids
from vigia.settings import CampaignConfig
from vigia.store import Store

PAGE = {"order": 4.5, "icon": ":material/campaign:", "role": "viewer"}

t = words("campanas")

REPORT_CACHE_SECONDS = 300  # a campaign's figures move only as posts arrive; estimating them takes seconds
CONFIDENCES = (0.9, 0.95, 0.99)


@st.cache_data(ttl=REPORT_CACHE_SECONDS, show_spinner=False, max_entries=50)
def campaign_report(_db: Store, store_url: str, campaign: str, myths: tuple[str, ...], window_days: int | None,
                    confidence: float, classifier_dir: str) -> CampaignReport:
    """`vigia campaign`'s report (the campaign is given as its settings' JSON, so that an edit is seen)."""
    return compare_campaign(_db, CampaignConfig.model_validate_json(campaign), list(myths), window_days=window_days,
                            confidence=confidence, classifier_dir=Path(classifier_dir))


def series_name(report: CampaignReport, index: int) -> str:
    if index == 0:
        return t("series.campaign", countries=", ".join(report.countries) or t("all_countries"))
    comparison = report.comparisons[index - 1]
    return t(f"series.{comparison.kind}", countries=", ".join(comparison.countries) or t("all_countries"),
             start=comparison.start, end=comparison.end)


def chart_frame(report: CampaignReport) -> pd.DataFrame:
    """The cited share of every period of the campaign and its comparisons, with its interval."""
    estimated = cites_estimate(report)
    rows = []
    for index, periods in enumerate([report.periods, *(c.periods for c in report.comparisons)]):
        for period in periods:
            if (found := figure(period, estimated)) is not None:
                rows.append((series_name(report, index), t(f"period.{period.name}"), found.value, found.low,
                             found.high))
    return pd.DataFrame(rows, columns=[t("series"), t("period"), t("share"), t("low"), t("high")])


def share_chart(frame: pd.DataFrame) -> alt.LayerChart:
    series, period, share, low, high = frame.columns
    order = [t(f"period.{name}") for name in PERIODS]
    x = alt.X(f"{period}:N", sort=order, title=None, axis=alt.Axis(labelAngle=0))
    legend = alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0)
    base = alt.Chart(frame).encode(x=x, xOffset=alt.XOffset(f"{series}:N"),
                                   color=alt.Color(f"{series}:N", legend=legend))
    bars = base.mark_rule(strokeWidth=3).encode(
        y=alt.Y(f"{low}:Q", title=share, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y2=alt.Y2(f"{high}:Q"))
    points = base.mark_point(filled=True, size=90).encode(
        y=alt.Y(f"{share}:Q"), tooltip=[series, period, alt.Tooltip(share, format=".1%"),
                                       alt.Tooltip(low, format=".1%"), alt.Tooltip(high, format=".1%")])
    return alt.layer(bars, points).properties(height=320)


def myth_frame(report: CampaignReport, myths: list[str], language: str) -> pd.DataFrame:
    """Each myth's posts per day in the campaign's countries, period by period, with its interval (myths with posts)."""
    seen = [m for m in myths if any(p.myths[m].count for p in report.periods)]
    rows = [(myth_name(m, language), t(f"period.{p.name}"), p.myths[m].per_day, p.myths[m].per_day_low,
             p.myths[m].per_day_high) for m in seen for p in report.periods if p.days > 0]
    return pd.DataFrame(rows, columns=[t("myth"), t("period"), t("per_day"), t("low"), t("high")])


def myth_chart(frame: pd.DataFrame) -> alt.LayerChart:
    myth, period, per_day, low, high = frame.columns
    order = [t(f"period.{name}") for name in PERIODS]
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{myth}:N", title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset(f"{period}:N", sort=order),
        color=alt.Color(f"{period}:N", sort=order, legend=alt.Legend(orient="bottom", title=None)))
    bars = base.mark_rule(strokeWidth=3).encode(x=alt.X(f"{low}:Q", title=per_day), x2=alt.X2(f"{high}:Q"))
    points = base.mark_point(filled=True, size=70).encode(
        x=alt.X(f"{per_day}:Q"), tooltip=[myth, period, alt.Tooltip(per_day, format=".2f"),
                                         alt.Tooltip(low, format=".2f"), alt.Tooltip(high, format=".2f")])
    return alt.layer(bars, points).properties(height=alt.Step(14))


def table(periods: list[Period], campaign: CampaignConfig, myths: list[str], language: str) -> pd.DataFrame:
    """`vigia campaign`'s table, with its cells: one row per figure, one column per period."""
    rows = {t("row.days"): [days_cell(p) for p in periods],
            t("row.length"): [f"{p.days:g}" for p in periods],
            t("row.posts"): [str(p.posts) for p in periods],
            t("row.migration"): [str(p.xenophobic.total) for p in periods],
            t("row.estimate"): [estimate_cell(p.estimated) for p in periods],
            t("row.count"): [share_cell(p.xenophobic) for p in periods]}
    for myth in myths:
        rows[t("row.myth", myth=myth_name(myth, language))] = [volume_cell(p.myths[myth]) for p in periods]
    for tag in campaign.hashtags:
        rows[t("row.hashtag", tag=tag)] = [str(p.hashtags.get(tag, 0)) for p in periods]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[t(f"period.{p.name}") for p in periods])


def methods(report: CampaignReport) -> None:
    st.caption(t("methods", level=f"{report.confidence:.0%}", share_method=report.share_method,
                 count_method=report.count_method))
    for period in report.periods:
        name = t(f"period.{period.name}")
        if period.estimated is not None:
            st.caption(md_escape(t("estimate_from", period=name, method=period.estimated.method,
                                   source=period.estimated.error_rates_from)))
        elif period.not_estimated:
            st.caption(md_escape(t("no_estimate", period=name, reason=period.not_estimated)))


opened = open_page(PAGE, t("title"), caption=t("intro"), with_filters=False)
db, language = opened.db, opened.language
configured = settings().campaigns
if not configured:
    st.info(t("no_campaigns"))
    st.stop()

name = st.selectbox(t("campaign"), [c.name for c in configured], key="campaign")
campaign = find_campaign(settings(), name)
window_column, confidence_column = st.columns(2)
window = window_column.number_input(t("window"), min_value=0, max_value=3650, value=0, step=1, key="campaign_window",
                                    help=t("window_help"))
confidence = confidence_column.selectbox(t("confidence"), CONFIDENCES, index=CONFIDENCES.index(0.95),
                                         format_func=lambda c: f"{c:.0%}", key="campaign_confidence")
st.caption(t("described", start=campaign.start, end=campaign.end,
             countries=", ".join(campaign.countries) or t("all_countries"),
             hashtags=", ".join(campaign.hashtags) or t("no_hashtags")))

myths = load_taxonomy_ids(settings().myth_taxonomy_path)
with st.spinner(t("computing")):
    report = campaign_report(db, settings().resolved_store_url, campaign.model_dump_json(), tuple(myths),
                             int(window) or None, confidence, str(settings().classifier_dir))

said = reading(report, language)
if not any(p.posts for p in report.periods):
    st.info(said[0])
    st.stop()

st.subheader(t("reading"))
for sentence in said:
    st.markdown(md_escape(sentence))

st.subheader(t("chart"))
frame = chart_frame(report)
if frame.empty:
    st.info(t("no_chart"))
else:
    st.altair_chart(share_chart(frame), width="stretch")
    st.caption(t("chart_help", what=cited(report, language), level=f"{interval_level(report):.0%}"))

st.subheader(t("myth_chart"))
myth_rates = myth_frame(report, myths, language)
if myth_rates.empty:
    st.info(t("no_myth_posts"))
else:
    st.altair_chart(myth_chart(myth_rates), width="stretch")
    st.caption(t("myth_chart_help", level=f"{report.confidence:.0%}", method=report.count_method))

st.subheader(t("series.campaign", countries=", ".join(report.countries) or t("all_countries")))
st.dataframe(table(report.periods, campaign, myths, language), width="stretch")
for index, comparison in enumerate(report.comparisons, 1):
    st.subheader(series_name(report, index))
    st.dataframe(table(comparison.periods, campaign, myths, language), width="stretch")
methods(report)

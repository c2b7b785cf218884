"""Panorama: headline figures against the previous period, posts per day, and spike alerts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.filters import day_range
from ui.i18n import label_text, words
from ui.opening import open_page
from ui.report_button import report_button
from ui.safe import md_escape, md_page_link
from ui.state import group_name, myth_name, settings
from vigia.analysis.alerts import ALPHA, MIN_COUNT, MIN_HISTORY, MYTH, WINDOW, Alert, find_alerts, xenophobic_share
from vigia.analysis.estimates import XENOPHOBIC, Estimate, estimate_or_reason
from vigia.store import Bucket, Filters, Store

PAGE = {"order": 1, "icon": ":material/monitoring:", "role": "viewer"}

t = words("panorama")

SPLITS = ("label.hate", "label.frame", "platform", "language", "target", "country")
TOP = 5
MAX_ALERTS = 30
CACHE_SECONDS = 120  # new posts and reviews show up within two minutes
EXPLORAR = Path(__file__).resolve().with_name("explorar.py")

# The cached reads below are keyed by the store's URL and the filters as JSON; `_db` itself is not hashed.

@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def headline(_db: Store, store_url: str, scope: str, previous: str) -> dict:
    """Posts, xenophobic share, top groups and myths now and in the previous period."""
    now, before = Filters.model_validate_json(scope), Filters.model_validate_json(previous)

    def tops(facet: str) -> list[tuple[str, int, int]]:
        earlier = dict(_db.top_values(facet, before, limit=100))
        return [(value, n, earlier.get(value, 0)) for value, n in _db.top_values(facet, now, limit=TOP)]

    return {"posts": (_db.count(now), _db.count(before)),
            "share": (xenophobic_share(_db, now), xenophobic_share(_db, before)),
            "targets": tops("target"), "myths": tops("myth")}


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def counts(_db: Store, store_url: str, scope: str, interval: str, split: str) -> list[Bucket]:
    """Posts per bucket and split value; split by a label, posts without one form the series None."""
    filters = Filters.model_validate_json(scope)
    buckets = _db.counts_over_time(filters, interval=interval, split_by=split)
    if split.startswith("label."):
        labelled = filters.model_copy(update={"task": split.removeprefix("label."), "labels": []})
        with_label = {b.start: b.count for b in _db.counts_over_time(labelled, interval=interval)}
        buckets += [Bucket(b.start, None, b.count - with_label.get(b.start, 0))
                    for b in _db.counts_over_time(filters, interval=interval) if b.count > with_label.get(b.start, 0)]
    return buckets


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def estimated(_db: Store, store_url: str, scope: str, classifier_dir: str,
              by: str | None = None) -> tuple[list[Estimate], str | None]:
    """The xenophobic share corrected for the classifier's errors (per period with `by`), or why there is none."""
    return estimate_or_reason(_db, Filters.model_validate_json(scope), XENOPHOBIC, XENOPHOBIC, Path(classifier_dir),
                              by=by)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def alerts(_db: Store, store_url: str, scope: str, start: date, end: date, history_start: date,
           classifier_dir: str) -> list[Alert]:
    filters = Filters.model_validate_json(scope)
    return find_alerts(_db, filters, start, end, history_start, myths=filters.myths,
                       classifier_dir=Path(classifier_dir))


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}".replace("%", " %")


def change(now: int, before: int, compare: bool) -> str | None:
    return f"{now - before:+,}" if compare else None


def series_name(split: str, key: str | None, language: str) -> str:
    """A chart series' name: the group's name, the label's translation, or the value itself."""
    if split == "target":
        return group_name(key, language)
    if not key:
        return t("none")
    return label_text(split.removeprefix("label."), key) if split.startswith("label.") else key


def posts_link(alert: Alert, filters: Filters) -> None:
    """A link to Explorar showing the posts behind an alert: its day, its myth and the chosen countries."""
    params: dict[str, str | list[str]] = {"since": alert.day.isoformat(), "until": alert.day.isoformat()}
    if alert.kind == MYTH:
        params["myth"] = alert.subject
    if filters.countries:
        params["country"] = filters.countries
    try:
        st.page_link(EXPLORAR, label=t("see_posts"), icon=":material/search:", query_params=params)
    except StreamlitPageNotFoundError:  # Explorar is not in this run's navigation (e.g. the page runs alone)
        st.markdown(md_page_link(t("see_posts"), EXPLORAR.stem, params))


opened = open_page(PAGE, t("title"), synthetic_notice=True)
db, span, language, filters, start, end = (opened.db, opened.span, opened.language, opened.filters, opened.start,
                                           opened.end)
store_url = settings().resolved_store_url
classifier_dir = str(settings().classifier_dir)

length = timedelta(days=(end - start).days + 1)
previous_start, previous_end = start - length, start - timedelta(days=1)
compare = previous_end >= span[0]  # deltas against a period the store never saw would only repeat the figures
since, until = day_range(previous_start, previous_end)
scope = filters.model_dump_json()
previous_scope = filters.model_copy(update={"since": since, "until": until}).model_dump_json()
figures = headline(db, store_url, scope, previous_scope)

posts_col, share_col = st.columns(2)
posts_now, posts_before = figures["posts"]
posts_col.metric(t("posts"), f"{posts_now:,}", change(posts_now, posts_before, compare),
                 delta_color="off")
share_now, share_before = figures["share"]
with st.spinner(t("estimating")):
    found, reason = estimated(db, store_url, scope, classifier_dir)
estimate_now = found[0] if found else None
if estimate_now is None:
    share_delta = (None if not compare or share_now.share is None or share_before.share is None
                   else f"{(share_now.share - share_before.share) * 100:+.1f} pp")
    share_col.metric(t("xenophobic_share"), percent(share_now.share), share_delta, delta_color="inverse",
                     help=t("share_help"))
    if share_now.total:
        share_col.caption(t("share_basis", reason=reason, hits=f"{share_now.hits:,}", total=f"{share_now.total:,}",
                            low=percent(share_now.low), high=percent(share_now.high)))
else:
    before_found, _ = estimated(db, store_url, previous_scope, classifier_dir) if compare else ([], None)
    share_delta = f"{(estimate_now.estimate - before_found[0].estimate) * 100:+.1f} pp" if before_found else None
    share_col.metric(t("xenophobic_share"), percent(estimate_now.estimate), share_delta, delta_color="inverse",
                     help=t("share_help"))
    share_col.caption(t("share_estimate", estimate=percent(estimate_now.estimate), low=percent(estimate_now.ci_low),
                        high=percent(estimate_now.ci_high), hits=f"{share_now.hits:,}", total=f"{share_now.total:,}",
                        counted=percent(share_now.share)))
    share_col.caption(t("share_how", method=estimate_now.method, source=estimate_now.error_rates_from))
previous = {"since": previous_start.isoformat(), "until": previous_end.isoformat()}
if not compare:
    st.caption(t("no_previous", **previous))
else:
    st.caption(t("compared_with", **previous) + (t("previous_partial", first=span[0].isoformat())
                                                 if previous_start < span[0] else ""))

for title, facet, name in (("top_targets", "targets", lambda g: group_name(g, language)),
                           ("top_myths", "myths", lambda m: myth_name(m, language))):
    st.markdown(f"**{t(title)}**")
    if not figures[facet]:
        st.caption("—")
        continue
    for column, (value, now, before) in zip(st.columns(TOP), figures[facet]):
        column.metric(name(value), f"{now:,}", change(now, before, compare), delta_color="inverse")

split_col, interval_col = st.columns([3, 1])
split = split_col.radio(t("split_by"), SPLITS, format_func=lambda s: t(f"split.{s}"), horizontal=True, key="split")
interval = interval_col.radio(t("interval"), ("day", "week"), index=0 if (end - start).days <= 120 else 1,
                              format_func=lambda s: t(f"interval.{s}"), horizontal=True, key="interval")
st.subheader(t("posts_per_day" if interval == "day" else "posts_per_week"))
buckets = counts(db, store_url, scope, interval, split)
if buckets:
    frame = pd.DataFrame({t(f"interval.{interval}"): [b.start for b in buckets],
                          t(f"split.{split}"): [series_name(split, b.key, language) for b in buckets],
                          t("posts"): [b.count for b in buckets]})
    st.bar_chart(frame, x=frame.columns[0], y=frame.columns[2], color=frame.columns[1], stack=True, height=320)
else:
    st.info(t("no_posts"))

st.subheader(t(f"share_trend.{interval}"))
with st.spinner(t("estimating")):
    trend, trend_reason = estimated(db, store_url, scope, classifier_dir, interval)
if trend:
    columns = ("estimate", "ci_low", "ci_high", "counted")
    rows = [(e.period, e.estimate, e.ci_low, e.ci_high, e.classify_and_count) for e in trend]
    shares = pd.DataFrame(rows, columns=[t(f"interval.{interval}"), *(t(f"series.{c}") for c in columns)])
    shares[shares.columns[0]] = pd.to_datetime(shares[shares.columns[0]])
    st.line_chart(shares, x=shares.columns[0], y=list(shares.columns[1:]), height=260)
    st.dataframe(pd.DataFrame([(e.period, percent(e.estimate), f"{percent(e.ci_low)}–{percent(e.ci_high)}",
                                percent(e.classify_and_count), e.n_posts) for e in trend],
                              columns=[t(f"interval.{interval}"), t("series.estimate"), t("interval_95"),
                                       t("series.counted"), t("series.n_posts")]),
                 hide_index=True, width="stretch")
    st.caption(t("share_how", method=trend[0].method, source=trend[0].error_rates_from))
else:
    st.info(t("no_trend", reason=trend_reason))

st.subheader(t("alerts"))
st.caption(t("alerts_method", window=WINDOW, history=MIN_HISTORY, odds=round(1 / ALPHA), alpha=ALPHA,
             min_count=MIN_COUNT))
found = alerts(db, store_url, scope, start, end, span[0], classifier_dir)
if not found:
    st.info(t("no_alerts"))
elif len(found) > MAX_ALERTS:
    st.caption(t("more_alerts", shown=MAX_ALERTS, total=len(found)))
for alert in found[:MAX_ALERTS]:
    with st.container(border=True):
        text_col, link_col = st.columns([4, 1])
        if alert.kind == MYTH:
            myth = md_escape(myth_name(alert.subject, language))
            text_col.markdown(t("alert.myth", day=alert.day.isoformat(), myth=myth, observed=alert.observed,
                                total=alert.total, share=percent(alert.share), baseline=percent(alert.baseline_share),
                                p=f"{alert.p_value:.1g}"))
        else:
            corrected = alert.estimated is not None and alert.estimated_baseline is not None
            text_col.markdown(t("alert.share_estimated" if corrected else "alert.share", day=alert.day.isoformat(),
                                estimated=percent(alert.estimated),
                                estimated_baseline=percent(alert.estimated_baseline),
                                observed=alert.observed, total=alert.total, share=percent(alert.share),
                                baseline=percent(alert.baseline_share), p=f"{alert.p_value:.1g}"))
        with link_col:
            posts_link(alert, filters)

report_button(db, filters, end)

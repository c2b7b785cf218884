"""Panorama: posts per day split by a facet, and a searchable list of posts."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone

import pandas as pd
import streamlit as st

from ui.auth import require_role
from ui.i18n import current_language, t
from ui.safe import md_escape, md_link
from ui.state import group_name, store
from vigia.model import Post
from vigia.store import Filters, SearchQuery

PAGE_SIZE = 20
SPLITS = ("platform", "language", "target", "country")

require_role("viewer")
db = store()
newest = db.search(SearchQuery(limit=1)).posts
if not newest:
    st.info(t("empty_store"))
    st.stop()
oldest = db.search(SearchQuery(limit=1, descending=False)).posts[0].created_at.date()
latest = newest[0].created_at.date()

st.title(t("panorama"))
if newest[0].provenance.synthetic:
    st.caption(t("synthetic_notice"))

with st.sidebar:
    st.header(t("filters"))
    period = st.date_input(t("period"), value=(oldest, latest), min_value=oldest, max_value=latest, key="period")
    language = current_language()

    def choose(facet: str, label: str, **kwargs) -> list[str]:
        options = [v for v, _ in db.top_values(facet, limit=100)]
        return st.multiselect(t(label), options, key=label, placeholder=t("choose"), **kwargs)

    countries = choose("country", "countries")
    platforms = choose("platform", "platforms")
    languages = choose("language", "languages")
    targets = choose("target", "targets", format_func=lambda g: group_name(g, language))

start, end = (period if isinstance(period, tuple) and len(period) == 2 else (oldest, latest))
filters = Filters(
    since=datetime.combine(start, time.min, timezone.utc),
    until=datetime.combine(end + timedelta(days=1), time.min, timezone.utc),
    countries=countries, platforms=platforms, languages=languages, targets=targets,
)

total = db.count(filters)
left, right = st.columns([1, 3])
left.metric(t("posts"), f"{total:,}")
top = db.top_values("target", filters, limit=5)
right.markdown(f"**{t('top_targets')}:** " +
               (", ".join(f"{group_name(v, language)} ({n:,})" for v, n in top) or "—"))

split_col, interval_col = st.columns([3, 1])
split = split_col.radio(t("split_by"), SPLITS, format_func=lambda s: t(f"split.{s}"), horizontal=True, key="split")
interval = interval_col.radio(t("interval"), ("day", "week"), index=0 if (end - start).days <= 120 else 1,
                              format_func=lambda s: t(f"interval.{s}"), horizontal=True, key="interval")
st.subheader(t("posts_per_day" if interval == "day" else "posts_per_week"))
buckets = db.counts_over_time(filters, interval=interval, split_by=split)
if buckets:
    name = (lambda key: group_name(key, language)) if split == "target" else (lambda key: key or t("none"))
    frame = pd.DataFrame([(b.start, name(b.key), b.count) for b in buckets],
                         columns=[t(f"interval.{interval}"), t(f"split.{split}"), t("posts")])
    st.bar_chart(frame, x=frame.columns[0], y=frame.columns[2], color=frame.columns[1], stack=True, height=320)
else:
    st.info(t("no_posts"))

st.subheader(t("search"))
query_col, sort_col = st.columns([3, 1])
query = query_col.text_input(t("search"), key="query", help=t("search_help"), label_visibility="collapsed",
                             placeholder=t("search_help"))
sort = sort_col.selectbox(t("sort"), ("date", "engagement", "score"), format_func=lambda s: t(f"sort.{s}"),
                          key="sort", label_visibility="collapsed")
matches = db.search(SearchQuery(text=query or None, filters=filters, limit=1)).total
pages = max(1, math.ceil(matches / PAGE_SIZE))
page_number = st.number_input(t("page"), min_value=1, max_value=pages, value=1, step=1, key="page")
result = db.search(SearchQuery(text=query or None, filters=filters, sort=sort, limit=PAGE_SIZE,
                               offset=(page_number - 1) * PAGE_SIZE))
st.caption(t("results", total=f"{result.total:,}") + " · " + t("page") + f" {page_number} " +
           t("of_pages", pages=pages))


def card(post: Post) -> None:
    with st.container(border=True):
        meta = [post.created_at.strftime("%Y-%m-%d %H:%M"), post.platform, post.source or "", post.country or "",
                post.language or "", post.author or ""]
        st.caption(" · ".join(md_escape(m) for m in meta if m))
        if post.title:
            st.markdown(f"**{md_escape(post.title)}**")
        st.text(post.text)
        tags = [md_escape(group_name(g, language)) for g in post.targets]
        tags += [md_escape(f"{lab.task}: {lab.label} {lab.score:.2f}") for lab in post.labels if lab.task != "language"]
        if post.provenance.synthetic:
            tags.append(f"_{t('synthetic')}_")
        if post.url:
            tags.append(md_link(t("original"), post.url))
        st.markdown(" · ".join(tags))


for post in result.posts:
    card(post)
if not result.posts:
    st.info(t("no_posts"))

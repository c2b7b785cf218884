"""Panorama: posts per day split by a facet, and a searchable list of posts."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from ui.auth import require_role
from ui.cards import post_card
from ui.filters import corpus_span, sidebar_filters
from ui.i18n import current_language, t
from ui.state import group_name, store
from vigia.store import SearchQuery

PAGE = {"order": 1, "icon": ":material/monitoring:", "role": "viewer",
        "title": {"es": "Panorama", "pt": "Panorama", "en": "Overview"}}

PAGE_SIZE = 20
SPLITS = ("platform", "language", "target", "country")

require_role(PAGE["role"])
db = store()
span = corpus_span(db)
if span is None:
    st.info(t("empty_store"))
    st.stop()

st.title(t("panorama"))
if db.search(SearchQuery(limit=1)).posts[0].provenance.synthetic:
    st.caption(t("synthetic_notice"))
filters, start, end = sidebar_filters(db, span)
language = current_language()

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


for post in result.posts:
    post_card(post)
if not result.posts:
    st.info(t("no_posts"))

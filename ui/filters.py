"""The sidebar filters every data page shares: period, country, platform, language, target group and myth."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import streamlit as st

from ui.i18n import current_language, t
from ui.state import group_name, myth_name
from vigia.store import Filters, SearchQuery, Store


def corpus_span(db: Store) -> tuple[date, date] | None:
    """The first and last day that hold posts, or None for an empty store."""
    newest = db.search(SearchQuery(limit=1)).posts
    if not newest:
        return None
    oldest = db.search(SearchQuery(limit=1, descending=False)).posts[0]
    return oldest.created_at.date(), newest[0].created_at.date()


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC bounds of whole days start..end inclusive (the upper bound is exclusive, as Filters wants)."""
    return datetime.combine(start, time.min, timezone.utc), datetime.combine(end + timedelta(days=1), time.min,
                                                                             timezone.utc)


def sidebar_filters(db: Store, span: tuple[date, date], myths: bool = True) -> tuple[Filters, date, date]:
    """Draw the filters in the sidebar; return them with the chosen first and last day."""
    oldest, latest = span
    language = current_language()
    with st.sidebar:
        st.header(t("filters"))
        period = st.date_input(t("period"), value=(oldest, latest), min_value=oldest, max_value=latest,
                               key="period")

        def choose(facet: str, label: str, **kwargs) -> list[str]:
            options = [v for v, _ in db.top_values(facet, limit=100)]
            return st.multiselect(t(label), options, key=label, placeholder=t("choose"), **kwargs)

        countries = choose("country", "countries")
        platforms = choose("platform", "platforms")
        languages = choose("language", "languages")
        targets = choose("target", "targets", format_func=lambda g: group_name(g, language))
        chosen_myths = choose("myth", "myths", format_func=lambda m: myth_name(m, language)) if myths else []
    start, end = period if isinstance(period, tuple) and len(period) == 2 else (oldest, latest)
    since, until = day_range(start, end)
    filters = Filters(since=since, until=until, countries=countries, platforms=platforms, languages=languages,
                      targets=targets, myths=chosen_myths)
    return filters, start, end

"""How every page over the stored posts opens: the user's role, the store, the title and the sidebar filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from ui.auth import require_role
from ui.filters import corpus_span, sidebar_filters
from ui.i18n import current_language, t
from ui.state import store
from vigia.store import Filters, SearchQuery, Store


@dataclass(frozen=True)
class OpenedPage:
    user: dict
    db: Store
    span: tuple[date, date]  # the first and last day holding posts
    language: str
    filters: Filters
    start: date  # the first and last day the filters chose
    end: date


def open_page(page: dict, title: str, *, caption: str | None = None, synthetic_notice: bool = False,
              before_title: Callable[[Store, tuple[date, date]], None] | None = None,
              with_filters: bool = True) -> OpenedPage:
    """Check the user's role against the page's PAGE header, open the store (an empty one says what to do and
    stops the page), then show the title, `caption`, the demo data's notice (with `synthetic_notice`, when the
    newest post is synthetic) and the filters. `before_title` runs first, e.g. to fill the filters from a link.
    Without `with_filters` (a page that chooses its own scope), no filters are drawn and the scope is everything."""
    user = require_role(page["role"])
    db = store()
    span = corpus_span(db)
    if span is None:
        st.info(t("empty_store"))
        st.stop()
    if before_title is not None:
        before_title(db, span)
    st.title(title)
    if caption is not None:
        st.caption(caption)
    if synthetic_notice and db.search(SearchQuery(limit=1)).posts[0].provenance.synthetic:
        st.caption(t("synthetic_notice"))
    filters, start, end = sidebar_filters(db, span) if with_filters else (Filters(), *span)
    return OpenedPage(user=user, db=db, span=span, language=current_language(), filters=filters, start=start,
                      end=end)

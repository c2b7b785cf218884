"""Saved searches in Explorar's sidebar: open one (own or shared), save the search shown, optionally as an alert rule."""

from __future__ import annotations

import streamlit as st

from ui.auth import current_user
from ui.i18n import t
from ui.state import settings
from vigia.alerting.saved_searches import RULES, SavedSearch, SavedSearches
from vigia.store import Filters

# Explorar's widgets a saved search fills in, and the filter each one holds
FILTER_KEYS = {"countries": "countries", "platforms": "platforms", "languages": "languages", "targets": "targets",
               "myths": "myths"}


def _open(search: SavedSearch) -> None:
    """Fill Explorar's search and filters (a button's callback: it runs before the widgets are drawn)."""
    st.session_state["query"] = search.text or ""
    for key, field in FILTER_KEYS.items():
        st.session_state[key] = list(getattr(search.filters, field))
    labels = search.filters.labels
    st.session_state["label_filter"] = f"{search.filters.task}:{labels[0]}" if search.filters.task and labels else ""
    st.session_state["min_score"] = search.filters.min_score or 0.0
    st.session_state["page"] = 1


def _label(search: SavedSearch, user: str) -> str:
    whose = t("saved.mine") if search.owner == user else t("saved.shared_by", owner=search.owner)
    return f"{search.name} ({whose})"


def saved_searches_panel(query: str, filters: Filters) -> None:
    """The saved searches the user may open, and a form saving the search shown (text and filters, no period)."""
    user = (current_user() or {}).get("username")
    if not user:
        return
    searches = SavedSearches(settings().data_dir)
    with st.sidebar, st.expander(t("saved.title"), expanded=False):
        visible = searches.visible_to(user)
        if visible:
            by_id = {s.id: s for s in visible}
            chosen = by_id[st.selectbox(t("saved.choose"), list(by_id), key="saved_search",
                                        format_func=lambda i: _label(by_id[i], user))]
            open_col, delete_col = st.columns(2)
            open_col.button(t("saved.load"), key="saved_open", on_click=_open, args=(chosen,))
            if chosen.owner == user and delete_col.button(t("saved.delete"), key="saved_delete"):
                searches.delete(chosen.id, user)
                st.session_state["saved_notice"] = t("saved.deleted", name=chosen.name)
                st.rerun()
        else:
            st.caption(t("saved.none"))
        if "saved_notice" in st.session_state:
            st.success(st.session_state.pop("saved_notice"))
        name = st.text_input(t("saved.name"), key="saved_name")
        shared = st.checkbox(t("saved.share"), key="saved_shared")
        rule = st.radio(t("saved.rule"), RULES, format_func=lambda r: t(f"saved.rule.{r}"), key="saved_rule")
        threshold = st.number_input(t("saved.threshold"), min_value=0, step=1, value=10, key="saved_threshold",
                                    disabled=rule != "daily_over")
        if rule != "none":
            st.caption(t("saved.alert_note"))
        if st.button(t("saved.save"), key="saved_save"):
            if not name.strip():
                st.warning(t("saved.need_name"))
                return
            searches.save(SavedSearch(name=name.strip(), owner=user, shared=shared, text=query or None,
                                      filters=filters, rule=rule, threshold=int(threshold)))
            st.session_state["saved_notice"] = t("saved.saved", name=name.strip())
            st.rerun()

"""Fuentes: the configured sources, their last run, what they collected, their errors and who went quiet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.auth import require_role
from ui.i18n import words
from ui.safe import md_escape
from ui.state import settings, store
from vigia.ingest.health import source_health

PAGE = {"order": 8, "icon": ":material/rss_feed:", "role": "admin"}

t = words("fuentes")

require_role(PAGE["role"])
db = store()
st.title(t("sources_title"))
sources = settings().sources
if not sources:
    st.info(t("no_sources"))
    st.stop()

health = source_health(db, sources)
by_status = {status: sum(h.status == status for h in health)
             for status in ("ok", "stale", "failing", "parser", "never run")}
for column, (status, count) in zip(st.columns(len(by_status)), by_status.items()):
    column.metric(t(f"status.{status}"), count)


def recent_new(source: str) -> int:
    """New posts over the runs the source's checkpoint remembers (the last 20)."""
    return sum(int(run.get("new") or 0) for run in (db.get_checkpoint(source) or {}).get("runs") or [])


table = pd.DataFrame([{
    t("col.source"): h.source, t("col.spider"): h.spider, t("col.enabled"): h.enabled,
    t("col.status"): t(f"status.{h.status}"),
    t("col.last_run"): h.last_run_at.strftime("%Y-%m-%d %H:%M") if h.last_run_at else "—",
    t("col.fetched"): h.fetched, t("col.new"): h.new, t("col.errors"): h.errors,
    t("col.new_recent"): recent_new(h.source),
    t("col.hours_since_new"): round(h.since_new.total_seconds() / 3600, 1) if h.since_new is not None else None,
} for h in health])
st.dataframe(table, hide_index=True, width="stretch")

for h in health:
    if h.status == "failing":
        st.error(t("failing", source=md_escape(h.source)))
        st.text(h.last_error or "—")
    elif h.status == "parser":
        st.error(t("parser", source=md_escape(h.source)))
        st.text(h.parser_alert)
    elif h.status == "stale":
        if h.since_new is None:
            st.warning(t("quiet_nothing", source=md_escape(h.source)))
        else:
            st.warning(t("quiet", source=md_escape(h.source), hours=f"{h.since_new.total_seconds() / 3600:.0f}"))
        if h.last_error:
            st.caption(t("last_error_of", source=md_escape(h.source)))
            st.text(h.last_error)
if all(h.status == "ok" for h in health if h.enabled):
    st.success(t("all_ok"))

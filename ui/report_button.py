"""Panorama's report button: the week's or month's PDF ending on the last day shown, for the filters chosen."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui.i18n import current_language, t
from ui.state import settings
from vigia.report.contents import PERIOD_DAYS, build_report
from vigia.report.pdf import write_report_pdf
from vigia.store import Filters, Store


def report_button(db: Store, filters: Filters, end: date) -> None:
    st.subheader(t("report.title"))
    period_col, button_col = st.columns([2, 1])
    period = period_col.radio(t("report.period"), list(PERIOD_DAYS), format_func=lambda p: t(f"report.{p}"),
                              horizontal=True, key="report_period")
    if button_col.button(t("report.prepare"), key="report_prepare"):
        scope = filters.model_copy(update={"since": None, "until": None})
        with st.spinner(t("report.preparing")):
            built = build_report(settings(), db, period, end, scope, current_language())
            st.session_state["report_pdf"] = (f"vigia-{period}-{built.end}.pdf",
                                              write_report_pdf(built, current_language()))
    if "report_pdf" in st.session_state:
        name, data = st.session_state["report_pdf"]
        st.download_button(t("report.download", name=name), data, file_name=name, mime="application/pdf",
                           key="report_download")

"""Narrativas: myths over time and by country, emerging terms, and each myth's newest and most engaged posts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.cards import post_card
from ui.i18n import words
from ui.opening import open_page
from ui.state import myth_name, settings
from vigia.analysis.estimates import MYTH, TABLE_RESAMPLES, Estimate, estimate_or_reason
from vigia.store import Filters, SearchQuery, Store

PAGE = {"order": 3, "icon": ":material/timeline:", "role": "viewer"}

t = words("narrativas")

WEEKLY_AFTER_DAYS = 120  # longer periods are charted per week
EXAMPLES = 3
MIN_DOCS = 3  # a term must occur in this many posts of the period
COUNTER_PAGE = Path(__file__).resolve().with_name("contramensajes.py")
SHARES_CACHE_SECONDS = 600  # a myth's share moves slowly; estimating every myth takes seconds


@st.cache_data(ttl=SHARES_CACHE_SECONDS, show_spinner=False, max_entries=200)
def myth_share(_db: Store, store_url: str, scope: str, myth: str,
               classifier_dir: str) -> tuple[list[Estimate], str | None]:
    """A myth's share of the posts about migration, corrected for the classifier's errors, or why there is none."""
    return estimate_or_reason(_db, Filters.model_validate_json(scope), MYTH, myth, Path(classifier_dir),
                              resamples=TABLE_RESAMPLES)


def percent(share: float) -> str:
    return f"{share:.1%}".replace("%", " %")


def reference_period(db: Store, filters: Filters, days: int) -> tuple[Filters, str] | None:
    """The same filters over the previous `days`, or over everything before the period if those are empty."""
    previous = filters.model_copy(update={"since": filters.since - timedelta(days=days), "until": filters.since})
    if db.count(previous):
        last_day = filters.since.date() - timedelta(days=1)
        return previous, t("baseline_previous", start=previous.since.date(), end=last_day)
    before = filters.model_copy(update={"since": None, "until": filters.since})
    if db.count(before):
        return before, t("baseline_before", start=filters.since.date())
    return None


def counter_link(myth: str) -> None:
    """A link to the counter-messages page, opened on this myth (its selectbox reads the same session key)."""
    st.session_state["counter_myth"] = myth
    try:
        st.page_link(COUNTER_PAGE, label=t("answer_myth"), icon=":material/forum:")
    except StreamlitPageNotFoundError:  # run outside the console's navigation (a bare `streamlit run` of this file)
        st.caption(t("answer_myth_elsewhere"))


opened = open_page(PAGE, t("title"))
db, language, filters, start, end = opened.db, opened.language, opened.filters, opened.start, opened.end
chosen = set(filters.myths)
myth_totals = [(m, n) for m, n in db.top_values("myth", filters, limit=100) if not chosen or m in chosen]
myths = [m for m, _ in myth_totals]

interval = "day" if (end - start).days <= WEEKLY_AFTER_DAYS else "week"
st.subheader(t(f"myths_per_{interval}"))
if myths:
    buckets = [b for b in db.counts_over_time(filters, interval=interval, split_by="myth") if b.key in myths]
    over_time = pd.DataFrame([(b.start, myth_name(b.key, language), b.count) for b in buckets],
                             columns=[t(f"interval.{interval}"), t("myth"), t("posts")])
    st.bar_chart(over_time, x=over_time.columns[0], y=over_time.columns[2], color=over_time.columns[1], stack=True,
                 height=320)

    st.subheader(t("myths_by_country"))
    st.caption(t("myths_by_country_help"))
    rows = {}
    for myth, total in myth_totals:
        per_country = db.top_values("country", filters.model_copy(update={"myths": [myth]}), limit=100)
        rows[myth_name(myth, language)] = {t("total"): total, **dict(per_country)}
    by_country = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    countries = by_country.drop(columns=t("total")).sum().sort_values(ascending=False, kind="stable").index
    by_country = by_country[[t("total"), *countries]].rename_axis(t("myth"))
    st.dataframe(by_country, width="stretch")

    st.subheader(t("myth_shares"))
    with st.spinner(t("myth_shares")):
        found = {myth: myth_share(db, settings().resolved_store_url, filters.model_dump_json(), myth,
                                  str(settings().classifier_dir)) for myth in myths}
    shares = {myth: estimates[0] for myth, (estimates, _) in found.items() if estimates}
    if shares:
        st.dataframe(pd.DataFrame([(myth_name(m, language), percent(e.estimate),
                                    f"{percent(e.ci_low)}–{percent(e.ci_high)}", percent(e.classify_and_count),
                                    e.n_posts) for m, e in shares.items()],
                                  columns=[t("myth"), t("estimate"), t("interval_95"), t("counted"),
                                           t("about_migration")]), hide_index=True, width="stretch")
        st.caption(t("myth_shares_help", method=", ".join(sorted({e.method for e in shares.values()})),
                     source="; ".join(sorted({e.error_rates_from for e in shares.values()}))))
    for myth, (estimates, reason) in found.items():
        if not estimates:
            st.caption(f"{myth_name(myth, language)}: " + t("no_myth_shares", reason=reason))
else:
    st.info(t("no_myths"))

st.subheader(t("emerging"))
reference = reference_period(db, filters, (end - start).days + 1)
if reference is None:
    st.info(t("no_baseline"))
else:
    baseline, described = reference
    st.caption(described)
    with st.spinner(t("emerging")):
        terms = db.emerging_terms(filters, baseline, limit=20, min_docs=MIN_DOCS)
    if terms:
        st.dataframe(pd.DataFrame([(s.term, round(s.score, 3), s.docs, s.baseline_docs - s.docs) for s in terms],
                                  columns=[t("term"), t("score"), t("docs_period"), t("docs_before")]),
                     hide_index=True, width="stretch")
    else:
        st.info(t("no_emerging"))
    st.caption(t("emerging_how", min_docs=MIN_DOCS))

st.subheader(t("examples"))
if myths:
    myth = st.selectbox(t("myth"), myths, format_func=lambda m: myth_name(m, language), key="narrative_myth")
    of_myth = filters.model_copy(update={"myths": [myth]})
    newest_col, engaged_col = st.columns(2)
    for column, heading, sort in ((newest_col, "newest", "date"), (engaged_col, "most_engaged", "engagement")):
        with column:
            st.markdown(f"**{t(heading)}**")
            for post in db.search(SearchQuery(filters=of_myth, sort=sort, limit=EXAMPLES)).posts:
                post_card(post)
    counter_link(myth)
else:
    st.info(t("no_myths"))

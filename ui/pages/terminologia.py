"""Terminología: a journalist pastes an article or gives its address and sees every stigmatizing term and slur of
the glossary in it, in context, with what to say instead and why, and the article's score; below, the same count
over the collected news, per outlet and month."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
import streamlit as st

from ui.auth import require_role
from ui.i18n import current_language, words
from ui.safe import md_escape
from ui.state import settings, store
from vigia.errors import VigiaError
from vigia.settings import user_agent
from vigia.store import Filters

PAGE = {"order": 9, "icon": ":material/spellcheck:", "role": "viewer"}

t = words("terminologia")


@st.cache_resource(show_spinner=False)
def checker(lexicon_path: str):
    from vigia.counter.terminology import load_checker

    return load_checker(settings())


@st.cache_data(show_spinner=False, ttl=600, max_entries=32)
def fetched(url: str) -> tuple[str, str | None, str | None]:
    """(text, title, language) of the article at `url`, fetched once per ten minutes."""
    from vigia.counter.article_input import read_input

    given = read_input(url, user_agent=user_agent(settings()))
    return given.body, given.title, given.language


@st.cache_data(show_spinner=False, ttl=300)
def corpus_rows(store_url: str, news: int, outlets: tuple[str, ...], since: date | None) -> list[dict]:
    """The counts per outlet and month (recomputed when the number of stored news articles changes)."""
    from vigia.counter.term_counts import count_terms

    scope = Filters(sources=list(outlets),
                    since=datetime.combine(since, datetime.min.time(), timezone.utc) if since else None)
    return [row.to_dict() for row in count_terms(store(), checker(str(settings().lexicon_path)), scope)]


def show_report(report) -> None:
    left, middle, right = st.columns(3)
    left.metric(t("score"), f"{report.score:.2f}")
    middle.metric(t("found"), len(report.hits))
    right.metric(t("words"), report.words)
    st.caption(t("score_help"))
    if report.language:
        st.caption(t("language", language=report.language))
    if not report.hits:
        st.success(t("none_found"))
        return
    if report.quoted:
        st.info(t("quoted_note", n=report.quoted))
    for hit in report.hits:
        with st.container(border=True):
            kind = t(f"kind.{hit.kind}")
            quoted = f" · {t('quoted')}" if hit.quoted else ""
            st.markdown(f"**{md_escape(hit.found)}** · {kind} · {hit.language}{quoted}")
            st.text(f"…{hit.context}…")
            st.markdown(f"{t('instead')}: " + ", ".join(f"**{md_escape(a)}**" for a in hit.alternatives))
            st.caption(f"{t('why')}: {md_escape(hit.reason)}")
            for source in hit.sources:
                st.caption(f"{t('source')}: {md_escape(source['citation'])}")
            if not hit.sources:
                st.caption(t("no_source"))
            if hit.note:
                st.caption(md_escape(hit.note))


require_role(PAGE["role"])
language = current_language()
lexicon = str(settings().lexicon_path)
try:
    terms = checker(lexicon)
except VigiaError as exc:
    st.error(t("glossary_error", error=exc))
    st.stop()

st.title(t("title"))
st.caption(t("intro"))

url = st.text_input(t("url"), key="terms_url", placeholder="https://")
text = st.text_area(t("text"), key="terms_text", height=180)
if url.strip():
    try:
        body, title, page_language = fetched(url.strip())
    except VigiaError as exc:
        st.error(t("fetch_error", error=exc))
    else:
        if title:
            st.subheader(title)
        show_report(terms.check(body, page_language if page_language in terms.languages else None, title=title))
elif text.strip():
    show_report(terms.check(text))
else:
    st.info(t("paste_or_link"))

st.divider()
st.subheader(t("corpus"))
st.caption(t("corpus_help"))
db = store()
news = db.count(Filters(platforms=["news"]))
if news == 0:
    st.info(t("no_news"))
    st.stop()
outlet_names = [name for name, _ in db.top_values("source", Filters(platforms=["news"]), limit=200)]
left, right = st.columns([3, 1])
outlets = left.multiselect(t("outlets"), outlet_names, key="terms_outlets")
since = right.date_input(t("since"), value=None, key="terms_since")
rows = corpus_rows(settings().resolved_store_url, news, tuple(outlets), since)
if not rows:
    st.info(t("no_rows"))
    st.stop()
frame = pd.DataFrame([(r["month"], r["outlet"], r["per_1000_words"]) for r in rows],
                     columns=[t("month"), t("outlet"), t("per_1000")])
st.bar_chart(frame, x=frame.columns[0], y=frame.columns[2], color=frame.columns[1], stack=False, height=300)
table = pd.DataFrame([(r["outlet"], r["month"], r["articles"], r["articles_with_terms"], r["words"], r["terms"],
                       r["per_1000_words"], ", ".join(f"{e} {n}" for e, n in list(r["by_entry"].items())[:3]))
                      for r in rows],
                     columns=[t("outlet"), t("month"), t("articles"), t("with_terms"), t("words"), t("found"),
                              t("per_1000"), t("most_frequent")])
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(t("download_csv"), table.to_csv(index=False).encode("utf-8"), file_name="vigia-terminologia.csv",
                   mime="text/csv", key="terms_csv")

"""Contramensajes: for each myth, sourced facts and ready responses; for any post text, the best responses."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.auth import require_role
from ui.i18n import current_language, words
from ui.safe import md_escape
from ui.state import responder
from vigia.counter.campaign_pack import build_pack, folder
from vigia.counter.hashtags import Hashtag, load_hashtags
from vigia.counter.library import LIBRARY_LANGUAGES
from vigia.errors import VigiaError

PAGE = {"order": 4, "icon": ":material/forum:", "role": "viewer"}

t = words("contramensajes")

require_role(PAGE["role"])
language = current_language()
library_language = language if language in LIBRARY_LANGUAGES else "es"
try:
    helper = responder()
except VigiaError as exc:
    st.error(t("counter_error", error=exc))
    st.stop()
library = helper.library

st.title(t("title"))
st.caption(t("counter_unverified"))

myth = st.selectbox(t("myth"), list(library.myths), format_func=lambda m: helper.name(m, library_language),
                    key="counter_myth")
entry = library.myths[myth]
block = library.block(myth, library_language)
st.text(block.summary)
if entry.evidence != "good":
    st.warning(t("counter_evidence", evidence=entry.evidence, gaps=md_escape(entry.gaps or "")))

st.subheader(t("facts"))
for fact in block.facts:
    st.text(fact.text)
    for source in library.cited(fact.sources):
        st.caption(md_escape(source.citation()))

st.subheader(t("responses"))
for response in block.responses:
    st.caption(t(f"register.{response.register_}"))
    st.code(response.text, language=None, wrap_lines=True)  # the copy button is the point
    st.caption(md_escape(" · ".join(s.citation() for s in library.cited(response.sources))))


def campaign_zip(myth: str, language: str, hashtags: list[Hashtag]) -> Callable[[], bytes]:
    """The myth's campaign pack (cards, alt texts, messages, hashtags, sources), drawn only when clicked."""
    def build() -> bytes:
        return build_pack(library, myth, language, helper.name(myth, language), hashtags)[0]
    return build


try:
    hashtags = load_hashtags(library)
except VigiaError as exc:
    st.error(t("pack_error", error=exc))
else:
    st.download_button(t("download_pack"), campaign_zip(myth, library_language, hashtags),
                       file_name=f"{folder(myth, library_language)}.zip", mime="application/zip",
                       help=t("download_pack_help"), key="counter_pack", on_click="ignore",
                       icon=":material/download:")

st.divider()
st.subheader(t("answer_a_post"))
text = st.text_area(t("post_text"), key="counter_post", height=100)
if text.strip():
    suggestion = helper.suggest(text, language=None, limit=4)
    if not suggestion.myths:
        st.info(t("no_myth_found"))
    for found in suggestion.myths:
        st.caption(md_escape(f"{found.name} · {found.score:.2f} · {found.method}"))
    for ranked in suggestion.responses:
        st.code(ranked.text, language=None, wrap_lines=True)
        st.caption(md_escape(f"{helper.name(ranked.myth, suggestion.library_language)} · {ranked.similarity:.2f} · "
                             + " · ".join(s["citation"] for s in ranked.sources)))

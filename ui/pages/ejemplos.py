"""Ejemplos para formación: curated, redacted real examples per myth or target group with their counter-messages,
exported as a PDF handout or slide images."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from ui.auth import require_role
from ui.i18n import current_language, words
from ui.safe import md_escape
from ui.state import settings, store
from vigia.counter.library import LIBRARY_LANGUAGES
from vigia.counter.training_examples import Example, Gallery, font_files, record_export, render
from vigia.errors import VigiaError

PAGE = {"order": 6, "icon": ":material/school:", "role": "viewer"}

t = words("ejemplos")
POOL = 24  # candidates shown to pick from
DEFAULT_PICKED = 6


@st.cache_resource(show_spinner=False)
def gallery(taxonomy_path: str, lexicon_path: str) -> Gallery:
    return Gallery(settings())


def prepared(examples: list[Example], fmt: str, file_name: str, selection: dict, who: str) -> Callable[[], bytes]:
    """The file, written only when the user clicks (and then noted in the audit log and the export registry)."""
    def build() -> bytes:
        content = render(examples, fmt, selection["language"])
        record_export(settings(), examples, f"console download {file_name}", fmt, selection, who=who)
        return content
    return build


user = require_role(PAGE["role"])
language = current_language()
library_language = language if language in LIBRARY_LANGUAGES else "es"
db = store()
try:
    helper = gallery(str(settings().myth_taxonomy_path), str(settings().lexicon_path))
except VigiaError as exc:
    st.error(t("gallery_error", error=exc))
    st.stop()

st.title(t("title"))
st.caption(t("intro"))
if db.count() == 0:
    st.info(t("empty_store"))
    st.stop()

myths_in_store = [m for m, _ in db.top_values("myth", limit=50) if m in helper.library.myths]
myth_options = ["", *helper.library.myths]
target_options = [""] + [g for g, _ in db.top_values("target", limit=50)]
anything = t("any")  # resolved now: a format_func may be called after the run
left, middle, right = st.columns([3, 2, 1])
myth = left.selectbox(t("myth"), myth_options, key="examples_myth",
                      index=myth_options.index(myths_in_store[0]) if myths_in_store else 0,
                      format_func=lambda m: helper.myth_name(m, library_language) if m else anything)
target = middle.selectbox(t("target"), target_options, key="examples_target",
                          format_func=lambda g: helper.group_name(g, library_language) if g else anything)
top_n = right.number_input(t("top_n"), min_value=1, max_value=POOL, value=DEFAULT_PICKED, key="examples_top_n")
if not myth and not target:
    st.info(t("choose_one"))
    st.stop()

candidates = helper.examples(db, myth or None, target or None, library_language, limit=POOL)
if not candidates:
    st.info(t("no_examples"))
    st.stop()

chosen: list[Example] = []
for rank, example in enumerate(candidates):
    with st.container(border=True):
        if st.checkbox(t("include"), value=rank < top_n, key=f"pick-{example.id}"):
            chosen.append(example)
        meta = [example.date, example.platform, example.country or "", example.language or "",
                t("engagement", n=example.engagement)]
        if example.xenophobic:
            meta.append(t("xenophobic"))
        if example.synthetic:
            meta.append(t("synthetic"))
        st.caption(" · ".join(md_escape(m) for m in meta if m))
        if example.title:
            st.text(example.title)
        st.text(example.text)
        st.caption(" · ".join(md_escape(n) for n in [*example.myth_names, *example.target_names]))
        if not example.responses:
            st.caption(t("no_responses"))
            continue
        with st.expander(t("paired", n=len(example.responses))):
            for response in example.responses:
                st.caption(md_escape(f"{t(f'register.{response.register}')} · {response.myth_name} · "
                                     f"{t('chosen_for', why=response.why)}"))
                st.code(response.text, language=None, wrap_lines=True)  # the copy button is the point
                st.caption(md_escape(" · ".join(response.citations)))

st.divider()
st.subheader(t("export"))
if not chosen:
    st.info(t("none_chosen"))
    st.stop()
st.caption(t("chosen", n=len(chosen)))
selection = {"myth": myth or None, "target": target or None, "language": library_language,
             "posts": [e.id for e in chosen]}
stem = "vigia-" + re.sub(r"[^a-z0-9_-]+", "-", "-".join(filter(None, (myth, target))))
downloads = [("pdf", t("download_pdf"), "application/pdf"), ("zip", t("download_slides"), "application/zip")]
try:
    font_files()  # the PDF needs a Unicode font; the slides fall back to Pillow's own
except VigiaError as exc:
    st.warning(t("export_error", error=exc))
    downloads = downloads[1:]
for column, (fmt, label, mime) in zip(st.columns(2), downloads):
    column.download_button(label, prepared(chosen, fmt, f"{stem}.{fmt}", selection, user["username"]),
                           file_name=f"{stem}.{fmt}", mime=mime, key=f"download_{fmt}", on_click="ignore")

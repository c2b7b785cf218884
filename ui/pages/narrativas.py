"""Narrativas: myths over time and by country, emerging terms, and each myth's newest and most engaged posts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.auth import require_role
from ui.cards import post_card
from ui.filters import corpus_span, sidebar_filters
from ui.i18n import current_language, page_title, words
from ui.state import myth_name, settings, store
from vigia.analysis.estimates import MYTH, TABLE_RESAMPLES, Estimate, estimate_or_reason
from vigia.store import Filters, SearchQuery, Store

PAGE = {"order": 3, "icon": ":material/timeline:", "role": "viewer",
        "title": {"es": "Narrativas", "pt": "Narrativas", "en": "Narratives"}}

STRINGS = {
    "myths_per_day": {"es": "Mitos por día", "pt": "Mitos por dia", "en": "Myths per day"},
    "myths_per_week": {"es": "Mitos por semana", "pt": "Mitos por semana", "en": "Myths per week"},
    "myths_by_country": {"es": "Mitos por país", "pt": "Mitos por país", "en": "Myths by country"},
    "myths_by_country_help": {"es": "Publicaciones de cada mito en el período, en total y por país.",
                              "pt": "Publicações de cada mito no período, no total e por país.",
                              "en": "Posts of each myth in the period, in total and per country."},
    "total": {"es": "Total", "pt": "Total", "en": "Total"},
    "no_myths": {"es": "Ninguna publicación de estos filtros está etiquetada con un mito.",
                 "pt": "Nenhuma publicação destes filtros está etiquetada com um mito.",
                 "en": "No post matching these filters is tagged with a myth."},
    "myth_shares": {"es": "Proporción de cada mito", "pt": "Proporção de cada mito", "en": "Each myth's share"},
    "myth_shares_help": {
        "es": "Entre las publicaciones sobre migración, la proporción con cada mito, estimada corrigiendo los "
              "errores del clasificador (que omite mitos y ve otros donde no los hay): la estimación con su "
              "intervalo al 95 %, y al lado el conteo del clasificador. Método {method}; tasas de error: {source}.",
        "pt": "Entre as publicações sobre migração, a proporção com cada mito, estimada corrigindo os erros do "
              "classificador (que deixa passar mitos e vê outros onde não há): a estimativa com seu intervalo de "
              "95 %, e ao lado a contagem do classificador. Método {method}; taxas de erro: {source}.",
        "en": "Among posts about migration, the share with each myth, estimated correcting for the classifier's "
              "errors (it misses myths and sees some that are not there): the estimate with its 95 % interval, and "
              "beside it the classifier's count. Method {method}; error rates from: {source}."},
    "no_myth_shares": {"es": "Sin estimación de la proporción de los mitos: {reason}",
                       "pt": "Sem estimativa da proporção dos mitos: {reason}",
                       "en": "No estimate of the myths' shares: {reason}"},
    "estimate": {"es": "Estimación", "pt": "Estimativa", "en": "Estimate"},
    "interval_95": {"es": "Intervalo al 95 %", "pt": "Intervalo de 95 %", "en": "95 % interval"},
    "counted": {"es": "Conteo del clasificador", "pt": "Contagem do classificador", "en": "The classifier's count"},
    "about_migration": {"es": "Publicaciones sobre migración", "pt": "Publicações sobre migração",
                        "en": "Posts about migration"},
    "emerging": {"es": "Términos emergentes", "pt": "Termos emergentes", "en": "Emerging terms"},
    "emerging_how": {
        "es": "Puntaje JLH (como significant_text de Elasticsearch): (p − q) × p / q, donde p es la proporción de "
              "publicaciones del período que contienen la palabra y q la proporción entre las publicaciones del "
              "período y de la referencia juntas. Solo palabras de tres letras o más, sin mayúsculas ni tildes, "
              "presentes en al menos {min_docs} publicaciones del período.",
        "pt": "Pontuação JLH (como o significant_text do Elasticsearch): (p − q) × p / q, onde p é a proporção de "
              "publicações do período que contêm a palavra e q a proporção entre as publicações do período e da "
              "referência juntas. Só palavras de três letras ou mais, sem maiúsculas nem acentos, presentes em pelo "
              "menos {min_docs} publicações do período.",
        "en": "JLH score (as Elasticsearch's significant_text): (p − q) × p / q, where p is the share of the "
              "period's posts that contain the word and q its share among the period's and the reference posts "
              "together. Only words of three letters or more, lower-cased and without accents, found in at least "
              "{min_docs} posts of the period."},
    "baseline_previous": {
        "es": "Referencia: los mismos filtros del {start} al {end} (el período anterior de igual duración).",
        "pt": "Referência: os mesmos filtros de {start} a {end} (o período anterior de mesma duração).",
        "en": "Reference: the same filters from {start} to {end} (the previous period of equal length)."},
    "baseline_before": {
        "es": "Referencia: los mismos filtros en todo el corpus antes del {start} (el período anterior de igual "
              "duración no tiene publicaciones).",
        "pt": "Referência: os mesmos filtros em todo o corpus antes de {start} (o período anterior de mesma duração "
              "não tem publicações).",
        "en": "Reference: the same filters over the whole corpus before {start} (the previous period of equal length "
              "has no posts)."},
    "no_baseline": {
        "es": "No hay publicaciones anteriores al período con estos filtros: no hay con qué comparar.",
        "pt": "Não há publicações anteriores ao período com estes filtros: não há com o que comparar.",
        "en": "No posts before the period match these filters: there is nothing to compare with."},
    "no_emerging": {"es": "Ninguna palabra destaca en el período frente a la referencia.",
                    "pt": "Nenhuma palavra se destaca no período frente à referência.",
                    "en": "No word stands out in the period against the reference."},
    "term": {"es": "Término", "pt": "Termo", "en": "Term"},
    "score": {"es": "Puntaje", "pt": "Pontuação", "en": "Score"},
    "docs_period": {"es": "Publicaciones en el período", "pt": "Publicações no período", "en": "Posts in the period"},
    "docs_before": {"es": "Publicaciones en la referencia", "pt": "Publicações na referência",
                    "en": "Posts in the reference"},
    "examples": {"es": "Ejemplos por mito", "pt": "Exemplos por mito", "en": "Examples by myth"},
    "newest": {"es": "Más recientes", "pt": "Mais recentes", "en": "Newest"},
    "most_engaged": {"es": "Con más interacciones", "pt": "Com mais interações", "en": "Most engaged"},
    "answer_myth": {"es": "Contramensajes para este mito", "pt": "Contramensagens para este mito",
                    "en": "Counter-messages for this myth"},
    "answer_myth_elsewhere": {"es": "Las respuestas a este mito están en la página Contramensajes.",
                              "pt": "As respostas a este mito estão na página Contramensagens.",
                              "en": "Answers to this myth are on the Counter-messages page."},
}
t = words(STRINGS)

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


require_role(PAGE["role"])
db = store()
span = corpus_span(db)
if span is None:
    st.info(t("empty_store"))
    st.stop()

st.title(page_title(PAGE))
filters, start, end = sidebar_filters(db, span)
language = current_language()
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

"""Panorama: headline figures against the previous period, posts per day, and spike alerts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.auth import require_role
from ui.filters import corpus_span, day_range, sidebar_filters
from ui.i18n import current_language, label_text, words
from ui.safe import md_escape, md_page_link
from ui.state import group_name, myth_name, settings, store
from vigia.alerts import ALPHA, MIN_COUNT, MIN_HISTORY, MYTH, WINDOW, Alert, find_alerts, xenophobic_share
from vigia.store import Bucket, Filters, SearchQuery, Store

PAGE = {"order": 1, "icon": ":material/monitoring:", "role": "viewer",
        "title": {"es": "Panorama", "pt": "Panorama", "en": "Overview"}}

STRINGS = {
    "xenophobic_share": {"es": "Publicaciones xenófobas", "pt": "Publicações xenófobas", "en": "Xenophobic posts"},
    "share_help": {"es": "Entre las publicaciones sobre migración, la proporción clasificada como discurso de odio.",
                   "pt": "Entre as publicações sobre migração, a proporção classificada como discurso de ódio.",
                   "en": "Among posts about migration, the share labelled as hate speech."},
    "share_basis": {"es": "{hits} de {total} publicaciones sobre migración (intervalo de Wilson al 95 %: "
                          "{low}–{high}).",
                    "pt": "{hits} de {total} publicações sobre migração (intervalo de Wilson de 95 %: "
                          "{low}–{high}).",
                    "en": "{hits} of {total} posts about migration (95 % Wilson interval: {low}–{high})."},
    "compared_with": {"es": "Los cambios comparan con el período anterior de igual duración: {since} a {until}.",
                      "pt": "As variações comparam com o período anterior de mesma duração: {since} a {until}.",
                      "en": "Changes compare with the previous period of the same length: {since} to {until}."},
    "no_previous": {"es": "Sin cambios que mostrar: el período anterior de igual duración ({since} a {until}) es "
                          "anterior a la primera publicación del almacén.",
                    "pt": "Sem variações para mostrar: o período anterior de mesma duração ({since} a {until}) é "
                          "anterior à primeira publicação do armazenamento.",
                    "en": "No changes to show: the previous period of the same length ({since} to {until}) is before "
                          "the store's first post."},
    "previous_partial": {"es": " El almacén empieza el {first}: parte de ese período no tiene datos.",
                         "pt": " O armazenamento começa em {first}: parte desse período não tem dados.",
                         "en": " The store starts on {first}: part of that period holds no data."},
    "top_myths": {"es": "Mitos más frecuentes", "pt": "Mitos mais frequentes", "en": "Most frequent myths"},
    "split.label.hate": {"es": "discurso de odio", "pt": "discurso de ódio", "en": "hate speech"},
    "split.label.frame": {"es": "encuadre", "pt": "enquadramento", "en": "frame"},
    "alerts": {"es": "Alertas", "pt": "Alertas", "en": "Alerts"},
    "alerts_method": {
        "es": "Cada día se compara con los {window} días anteriores (se necesitan al menos {history}). Alerta cuando "
              "el volumen de un mito, o la proporción xenófoba, es tan alto que con el ritmo habitual ocurriría "
              "menos de 1 vez en {odds:,} (p < {alpha}) y hay al menos {min_count} publicaciones. Mitos: prueba "
              "exacta de tasas de Poisson; proporción: prueba exacta de Fisher. Es una señal para mirar, no una "
              "conclusión: lea las publicaciones.",
        "pt": "Cada dia é comparado com os {window} dias anteriores (são necessários pelo menos {history}). Alerta "
              "quando o volume de um mito, ou a proporção xenófoba, é tão alto que no ritmo habitual ocorreria "
              "menos de 1 vez em {odds:,} (p < {alpha}) e há pelo menos {min_count} publicações. Mitos: teste "
              "exato de taxas de Poisson; proporção: teste exato de Fisher. É um sinal para olhar, não uma "
              "conclusão: leia as publicações.",
        "en": "Each day is compared with the {window} days before it (at least {history} are needed). An alert means "
              "a myth's volume, or the xenophobic share, is so high that at the usual rate it would happen less "
              "than once in {odds:,} (p < {alpha}), with at least {min_count} posts. Myths: exact Poisson rate test; "
              "share: Fisher's exact test. It is a cue to look, not a conclusion: read the posts."},
    "alert.myth": {"es": "**{day}** · Mito «{myth}»: {observed} publicaciones; lo habitual, {expected} por día "
                         "(p = {p})",
                   "pt": "**{day}** · Mito «{myth}»: {observed} publicações; o habitual, {expected} por dia "
                         "(p = {p})",
                   "en": "**{day}** · Myth “{myth}”: {observed} posts; usually {expected} a day (p = {p})"},
    "alert.share": {"es": "**{day}** · Proporción xenófoba: {observed} de {total} publicaciones sobre migración "
                          "({share}); lo habitual, {baseline} (p = {p})",
                    "pt": "**{day}** · Proporção xenófoba: {observed} de {total} publicações sobre migração "
                          "({share}); o habitual, {baseline} (p = {p})",
                    "en": "**{day}** · Xenophobic share: {observed} of {total} posts about migration ({share}); "
                          "usually {baseline} (p = {p})"},
    "no_alerts": {"es": "Ninguna alerta en este período.", "pt": "Nenhum alerta neste período.",
                  "en": "No alerts in this period."},
    "more_alerts": {"es": "Se muestran las {shown} más recientes de {total} alertas.",
                    "pt": "Mostrando os {shown} mais recentes de {total} alertas.",
                    "en": "Showing the {shown} most recent of {total} alerts."},
    "see_posts": {"es": "Ver publicaciones", "pt": "Ver publicações", "en": "See posts"},
}
t = words(STRINGS)

SPLITS = ("label.hate", "label.frame", "platform", "language", "target", "country")
TOP = 5
MAX_ALERTS = 30
CACHE_SECONDS = 120  # new posts and reviews show up within two minutes
EXPLORAR = Path(__file__).resolve().with_name("explorar.py")

# The cached reads below are keyed by the store's URL and the filters as JSON; `_db` itself is not hashed.

@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def headline(_db: Store, store_url: str, scope: str, previous: str) -> dict:
    """Posts, xenophobic share, top groups and myths now and in the previous period."""
    now, before = Filters.model_validate_json(scope), Filters.model_validate_json(previous)

    def tops(facet: str) -> list[tuple[str, int, int]]:
        earlier = dict(_db.top_values(facet, before, limit=100))
        return [(value, n, earlier.get(value, 0)) for value, n in _db.top_values(facet, now, limit=TOP)]

    return {"posts": (_db.count(now), _db.count(before)),
            "share": (xenophobic_share(_db, now), xenophobic_share(_db, before)),
            "targets": tops("target"), "myths": tops("myth")}


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def counts(_db: Store, store_url: str, scope: str, interval: str, split: str) -> list[Bucket]:
    """Posts per bucket and split value; split by a label, posts without one form the series None."""
    filters = Filters.model_validate_json(scope)
    buckets = _db.counts_over_time(filters, interval=interval, split_by=split)
    if split.startswith("label."):
        labelled = filters.model_copy(update={"task": split.removeprefix("label."), "labels": []})
        with_label = {b.start: b.count for b in _db.counts_over_time(labelled, interval=interval)}
        buckets += [Bucket(b.start, None, b.count - with_label.get(b.start, 0))
                    for b in _db.counts_over_time(filters, interval=interval) if b.count > with_label.get(b.start, 0)]
    return buckets


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def alerts(_db: Store, store_url: str, scope: str, start: date, end: date, history_start: date) -> list[Alert]:
    filters = Filters.model_validate_json(scope)
    return find_alerts(_db, filters, start, end, history_start, myths=filters.myths)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}".replace("%", " %")


def change(now: int, before: int, compare: bool) -> str | None:
    return f"{now - before:+,}" if compare else None


def series_name(split: str, key: str | None, language: str) -> str:
    """A chart series' name: the group's name, the label's translation, or the value itself."""
    if split == "target":
        return group_name(key, language)
    if not key:
        return t("none")
    return label_text(split.removeprefix("label."), key) if split.startswith("label.") else key


def posts_link(alert: Alert, filters: Filters) -> None:
    """A link to Explorar showing the posts behind an alert: its day, its myth and the chosen countries."""
    params: dict[str, str | list[str]] = {"since": alert.day.isoformat(), "until": alert.day.isoformat()}
    if alert.kind == MYTH:
        params["myth"] = alert.subject
    if filters.countries:
        params["country"] = filters.countries
    try:
        st.page_link(EXPLORAR, label=t("see_posts"), icon=":material/search:", query_params=params)
    except StreamlitPageNotFoundError:  # Explorar is not in this run's navigation (e.g. the page runs alone)
        st.markdown(md_page_link(t("see_posts"), EXPLORAR.stem, params))


require_role(PAGE["role"])
db = store()
store_url = settings().resolved_store_url
span = corpus_span(db)
if span is None:
    st.info(t("empty_store"))
    st.stop()

st.title(t("panorama"))
if db.search(SearchQuery(limit=1)).posts[0].provenance.synthetic:
    st.caption(t("synthetic_notice"))
filters, start, end = sidebar_filters(db, span)
language = current_language()

length = timedelta(days=(end - start).days + 1)
previous_start, previous_end = start - length, start - timedelta(days=1)
compare = previous_end >= span[0]  # deltas against a period the store never saw would only repeat the figures
since, until = day_range(previous_start, previous_end)
scope = filters.model_dump_json()
figures = headline(db, store_url, scope, filters.model_copy(update={"since": since, "until": until}).model_dump_json())

posts_col, share_col = st.columns(2)
posts_now, posts_before = figures["posts"]
posts_col.metric(t("posts"), f"{posts_now:,}", change(posts_now, posts_before, compare),
                 delta_color="off")
share_now, share_before = figures["share"]
share_delta = (None if not compare or share_now.share is None or share_before.share is None
               else f"{(share_now.share - share_before.share) * 100:+.1f} pp")
share_col.metric(t("xenophobic_share"), percent(share_now.share), share_delta, delta_color="inverse",
                 help=t("share_help"))
if share_now.total:
    share_col.caption(t("share_basis", hits=f"{share_now.hits:,}", total=f"{share_now.total:,}",
                        low=percent(share_now.low), high=percent(share_now.high)))
previous = {"since": previous_start.isoformat(), "until": previous_end.isoformat()}
if not compare:
    st.caption(t("no_previous", **previous))
else:
    st.caption(t("compared_with", **previous) + (t("previous_partial", first=span[0].isoformat())
                                                 if previous_start < span[0] else ""))

for title, facet, name in (("top_targets", "targets", lambda g: group_name(g, language)),
                           ("top_myths", "myths", lambda m: myth_name(m, language))):
    st.markdown(f"**{t(title)}**")
    if not figures[facet]:
        st.caption("—")
        continue
    for column, (value, now, before) in zip(st.columns(TOP), figures[facet]):
        column.metric(name(value), f"{now:,}", change(now, before, compare), delta_color="inverse")

split_col, interval_col = st.columns([3, 1])
split = split_col.radio(t("split_by"), SPLITS, format_func=lambda s: t(f"split.{s}"), horizontal=True, key="split")
interval = interval_col.radio(t("interval"), ("day", "week"), index=0 if (end - start).days <= 120 else 1,
                              format_func=lambda s: t(f"interval.{s}"), horizontal=True, key="interval")
st.subheader(t("posts_per_day" if interval == "day" else "posts_per_week"))
buckets = counts(db, store_url, scope, interval, split)
if buckets:
    frame = pd.DataFrame({t(f"interval.{interval}"): [b.start for b in buckets],
                          t(f"split.{split}"): [series_name(split, b.key, language) for b in buckets],
                          t("posts"): [b.count for b in buckets]})
    st.bar_chart(frame, x=frame.columns[0], y=frame.columns[2], color=frame.columns[1], stack=True, height=320)
else:
    st.info(t("no_posts"))

st.subheader(t("alerts"))
st.caption(t("alerts_method", window=WINDOW, history=MIN_HISTORY, odds=round(1 / ALPHA), alpha=ALPHA,
             min_count=MIN_COUNT))
found = alerts(db, store_url, scope, start, end, span[0])
if not found:
    st.info(t("no_alerts"))
elif len(found) > MAX_ALERTS:
    st.caption(t("more_alerts", shown=MAX_ALERTS, total=len(found)))
for alert in found[:MAX_ALERTS]:
    with st.container(border=True):
        text_col, link_col = st.columns([4, 1])
        if alert.kind == MYTH:
            myth = md_escape(myth_name(alert.subject, language))
            text_col.markdown(t("alert.myth", day=alert.day.isoformat(), myth=myth, observed=alert.observed,
                                expected=f"{alert.expected:.1f}", p=f"{alert.p_value:.1g}"))
        else:
            text_col.markdown(t("alert.share", day=alert.day.isoformat(), observed=alert.observed, total=alert.total,
                                share=percent(alert.observed / alert.total), baseline=percent(alert.baseline_share),
                                p=f"{alert.p_value:.1g}"))
        with link_col:
            posts_link(alert, filters)

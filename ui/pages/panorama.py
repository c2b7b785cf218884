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
from vigia.analysis.alerts import ALPHA, MIN_COUNT, MIN_HISTORY, MYTH, WINDOW, Alert, find_alerts, xenophobic_share
from vigia.analysis.estimates import XENOPHOBIC, Estimate, estimate_or_reason
from vigia.store import Bucket, Filters, SearchQuery, Store

PAGE = {"order": 1, "icon": ":material/monitoring:", "role": "viewer",
        "title": {"es": "Panorama", "pt": "Panorama", "en": "Overview"}}

STRINGS = {
    "xenophobic_share": {"es": "Publicaciones xenófobas", "pt": "Publicações xenófobas", "en": "Xenophobic posts"},
    "share_help": {"es": "Entre las publicaciones sobre migración, la proporción de discurso de odio, estimada "
                         "corrigiendo los errores del clasificador.",
                   "pt": "Entre as publicações sobre migração, a proporção de discurso de ódio, estimada "
                         "corrigindo os erros do classificador.",
                   "en": "Among posts about migration, the share of hate speech, estimated correcting for the "
                         "classifier's errors."},
    "share_estimate": {"es": "Estimación corregida: {estimate} (intervalo al 95 %: {low}–{high}). Conteo del "
                             "clasificador: {hits} de {total} publicaciones sobre migración ({counted}).",
                       "pt": "Estimativa corrigida: {estimate} (intervalo de 95 %: {low}–{high}). Contagem do "
                             "classificador: {hits} de {total} publicações sobre migração ({counted}).",
                       "en": "Corrected estimate: {estimate} (95 % interval: {low}–{high}). The classifier's count: "
                             "{hits} of {total} posts about migration ({counted})."},
    "share_how": {"es": "El clasificador se equivoca: marca como odio publicaciones que no lo son y omite otras, así "
                        "que su conteo puede estar lejos de la proporción real. La estimación corrige el conteo con "
                        "sus tasas de error (método {method}; tasas de error: {source}) y su intervalo incluye la "
                        "incertidumbre de esas tasas. Cite la estimación con su intervalo.",
                  "pt": "O classificador erra: marca como ódio publicações que não são e deixa passar outras, então "
                        "sua contagem pode estar longe da proporção real. A estimativa corrige a contagem com suas "
                        "taxas de erro (método {method}; taxas de erro: {source}) e seu intervalo inclui a incerteza "
                        "dessas taxas. Cite a estimativa com seu intervalo.",
                  "en": "The classifier makes mistakes: it labels some posts as hateful that are not and misses "
                        "others, so its count can be far from the true share. The estimate corrects the count with "
                        "its error rates (method {method}; error rates from: {source}) and its interval includes the "
                        "uncertainty of those rates. Cite the estimate with its interval."},
    "share_basis": {"es": "Sin estimación corregida ({reason}). La cifra es el conteo del clasificador: {hits} de "
                          "{total} publicaciones sobre migración (intervalo de Wilson al 95 %: {low}–{high}).",
                    "pt": "Sem estimativa corrigida ({reason}). O número é a contagem do classificador: {hits} de "
                          "{total} publicações sobre migração (intervalo de Wilson de 95 %: {low}–{high}).",
                    "en": "No corrected estimate ({reason}). The figure is the classifier's count: {hits} of {total} "
                          "posts about migration (95 % Wilson interval: {low}–{high})."},
    "share_trend.day": {"es": "Proporción xenófoba estimada por día", "pt": "Proporção xenófoba estimada por dia",
                        "en": "Estimated xenophobic share per day"},
    "share_trend.week": {"es": "Proporción xenófoba estimada por semana",
                         "pt": "Proporção xenófoba estimada por semana",
                         "en": "Estimated xenophobic share per week"},
    "series.estimate": {"es": "Estimación", "pt": "Estimativa", "en": "Estimate"},
    "series.ci_low": {"es": "Límite inferior (95 %)", "pt": "Limite inferior (95 %)", "en": "Lower bound (95 %)"},
    "series.ci_high": {"es": "Límite superior (95 %)", "pt": "Limite superior (95 %)", "en": "Upper bound (95 %)"},
    "series.counted": {"es": "Conteo del clasificador", "pt": "Contagem do classificador",
                       "en": "The classifier's count"},
    "series.n_posts": {"es": "Publicaciones sobre migración", "pt": "Publicações sobre migração",
                       "en": "Posts about migration"},
    "estimating": {"es": "Estimando las proporciones…", "pt": "Estimando as proporções…",
                   "en": "Estimating the shares…"},
    "interval_95": {"es": "Intervalo al 95 %", "pt": "Intervalo de 95 %", "en": "95 % interval"},
    "no_trend": {"es": "Sin estimación por período: {reason}", "pt": "Sem estimativa por período: {reason}",
                 "en": "No estimate per period: {reason}"},
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
        "es": "Cada día se compara con los {window} días anteriores (se necesitan al menos {history}). Las alertas "
              "miran proporciones, no volúmenes: la proporción de las publicaciones recogidas que trae un mito, y "
              "la proporción xenófoba entre las publicaciones sobre migración; así una fuente nueva o una carga de "
              "datos atrasados no dispara una alerta por sí sola. Alerta cuando la proporción del día es tan alta "
              "que con la proporción habitual ocurriría menos de 1 vez en {odds:,} (p < {alpha}; prueba exacta de "
              "Fisher) y hay al menos {min_count} publicaciones. La proporción xenófoba corregida por los errores "
              "del clasificador es una función lineal y creciente de su conteo, con las mismas tasas de error cada "
              "día: la prueba sobre los conteos es la prueba sobre las proporciones corregidas, que la alerta "
              "muestra. Es una señal para mirar, no una conclusión: lea las publicaciones.",
        "pt": "Cada dia é comparado com os {window} dias anteriores (são necessários pelo menos {history}). Os "
              "alertas olham proporções, não volumes: a proporção das publicações coletadas que traz um mito, e a "
              "proporção xenófoba entre as publicações sobre migração; assim uma fonte nova ou uma carga de dados "
              "atrasados não dispara um alerta por si só. Alerta quando a proporção do dia é tão alta que com a "
              "proporção habitual ocorreria menos de 1 vez em {odds:,} (p < {alpha}; teste exato de Fisher) e há "
              "pelo menos {min_count} publicações. A proporção xenófoba corrigida pelos erros do classificador é "
              "uma função linear e crescente da sua contagem, com as mesmas taxas de erro todo dia: o teste sobre "
              "as contagens é o teste sobre as proporções corrigidas, que o alerta mostra. É um sinal para olhar, "
              "não uma conclusão: leia as publicações.",
        "en": "Each day is compared with the {window} days before it (at least {history} are needed). Alerts look at "
              "shares, not volumes: a myth's share of the posts collected, and the xenophobic share of the posts "
              "about migration, so a new source or a backfill does not raise an alert by itself. An alert means the "
              "day's share is so high that at the usual share it would happen less than once in {odds:,} "
              "(p < {alpha}; Fisher's exact test), with at least {min_count} posts. The xenophobic share corrected "
              "for the classifier's errors is a linear, increasing function of its count, with the same error rates "
              "every day: the test on the counts is the test on the corrected shares, which the alert shows. It is "
              "a cue to look, not a conclusion: read the posts."},
    "alert.myth": {"es": "**{day}** · Mito «{myth}»: {observed} de {total} publicaciones recogidas ({share}); lo "
                         "habitual, {baseline} (p = {p})",
                   "pt": "**{day}** · Mito «{myth}»: {observed} de {total} publicações coletadas ({share}); o "
                         "habitual, {baseline} (p = {p})",
                   "en": "**{day}** · Myth “{myth}”: {observed} of {total} posts collected ({share}); usually "
                         "{baseline} (p = {p})"},
    "alert.share": {"es": "**{day}** · Proporción xenófoba: {observed} de {total} publicaciones sobre migración "
                          "({share}); lo habitual, {baseline} (p = {p})",
                    "pt": "**{day}** · Proporção xenófoba: {observed} de {total} publicações sobre migração "
                          "({share}); o habitual, {baseline} (p = {p})",
                    "en": "**{day}** · Xenophobic share: {observed} of {total} posts about migration ({share}); "
                          "usually {baseline} (p = {p})"},
    "alert.share_estimated": {
        "es": "**{day}** · Proporción xenófoba estimada: {estimated}; lo habitual, {estimated_baseline}. Conteo del "
              "clasificador: {observed} de {total} publicaciones sobre migración ({share}); lo habitual, "
              "{baseline} (p = {p})",
        "pt": "**{day}** · Proporção xenófoba estimada: {estimated}; o habitual, {estimated_baseline}. Contagem do "
              "classificador: {observed} de {total} publicações sobre migração ({share}); o habitual, "
              "{baseline} (p = {p})",
        "en": "**{day}** · Estimated xenophobic share: {estimated}; usually {estimated_baseline}. The classifier's "
              "count: {observed} of {total} posts about migration ({share}); usually {baseline} (p = {p})"},
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
def estimated(_db: Store, store_url: str, scope: str, classifier_dir: str,
              by: str | None = None) -> tuple[list[Estimate], str | None]:
    """The xenophobic share corrected for the classifier's errors (per period with `by`), or why there is none."""
    return estimate_or_reason(_db, Filters.model_validate_json(scope), XENOPHOBIC, XENOPHOBIC, Path(classifier_dir),
                              by=by)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def alerts(_db: Store, store_url: str, scope: str, start: date, end: date, history_start: date,
           classifier_dir: str) -> list[Alert]:
    filters = Filters.model_validate_json(scope)
    return find_alerts(_db, filters, start, end, history_start, myths=filters.myths,
                       classifier_dir=Path(classifier_dir))


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
classifier_dir = str(settings().classifier_dir)
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
previous_scope = filters.model_copy(update={"since": since, "until": until}).model_dump_json()
figures = headline(db, store_url, scope, previous_scope)

posts_col, share_col = st.columns(2)
posts_now, posts_before = figures["posts"]
posts_col.metric(t("posts"), f"{posts_now:,}", change(posts_now, posts_before, compare),
                 delta_color="off")
share_now, share_before = figures["share"]
with st.spinner(t("estimating")):
    found, reason = estimated(db, store_url, scope, classifier_dir)
estimate_now = found[0] if found else None
if estimate_now is None:
    share_delta = (None if not compare or share_now.share is None or share_before.share is None
                   else f"{(share_now.share - share_before.share) * 100:+.1f} pp")
    share_col.metric(t("xenophobic_share"), percent(share_now.share), share_delta, delta_color="inverse",
                     help=t("share_help"))
    if share_now.total:
        share_col.caption(t("share_basis", reason=reason, hits=f"{share_now.hits:,}", total=f"{share_now.total:,}",
                            low=percent(share_now.low), high=percent(share_now.high)))
else:
    before_found, _ = estimated(db, store_url, previous_scope, classifier_dir) if compare else ([], None)
    share_delta = f"{(estimate_now.estimate - before_found[0].estimate) * 100:+.1f} pp" if before_found else None
    share_col.metric(t("xenophobic_share"), percent(estimate_now.estimate), share_delta, delta_color="inverse",
                     help=t("share_help"))
    share_col.caption(t("share_estimate", estimate=percent(estimate_now.estimate), low=percent(estimate_now.ci_low),
                        high=percent(estimate_now.ci_high), hits=f"{share_now.hits:,}", total=f"{share_now.total:,}",
                        counted=percent(share_now.share)))
    share_col.caption(t("share_how", method=estimate_now.method, source=estimate_now.error_rates_from))
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

st.subheader(t(f"share_trend.{interval}"))
with st.spinner(t("estimating")):
    trend, trend_reason = estimated(db, store_url, scope, classifier_dir, interval)
if trend:
    columns = ("estimate", "ci_low", "ci_high", "counted")
    rows = [(e.period, e.estimate, e.ci_low, e.ci_high, e.classify_and_count) for e in trend]
    shares = pd.DataFrame(rows, columns=[t(f"interval.{interval}"), *(t(f"series.{c}") for c in columns)])
    shares[shares.columns[0]] = pd.to_datetime(shares[shares.columns[0]])
    st.line_chart(shares, x=shares.columns[0], y=list(shares.columns[1:]), height=260)
    st.dataframe(pd.DataFrame([(e.period, percent(e.estimate), f"{percent(e.ci_low)}–{percent(e.ci_high)}",
                                percent(e.classify_and_count), e.n_posts) for e in trend],
                              columns=[t(f"interval.{interval}"), t("series.estimate"), t("interval_95"),
                                       t("series.counted"), t("series.n_posts")]),
                 hide_index=True, width="stretch")
    st.caption(t("share_how", method=trend[0].method, source=trend[0].error_rates_from))
else:
    st.info(t("no_trend", reason=trend_reason))

st.subheader(t("alerts"))
st.caption(t("alerts_method", window=WINDOW, history=MIN_HISTORY, odds=round(1 / ALPHA), alpha=ALPHA,
             min_count=MIN_COUNT))
found = alerts(db, store_url, scope, start, end, span[0], classifier_dir)
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
                                total=alert.total, share=percent(alert.share), baseline=percent(alert.baseline_share),
                                p=f"{alert.p_value:.1g}"))
        else:
            corrected = alert.estimated is not None and alert.estimated_baseline is not None
            text_col.markdown(t("alert.share_estimated" if corrected else "alert.share", day=alert.day.isoformat(),
                                estimated=percent(alert.estimated),
                                estimated_baseline=percent(alert.estimated_baseline),
                                observed=alert.observed, total=alert.total, share=percent(alert.share),
                                baseline=percent(alert.baseline_share), p=f"{alert.p_value:.1g}"))
        with link_col:
            posts_link(alert, filters)

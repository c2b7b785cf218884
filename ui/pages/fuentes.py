"""Fuentes: the configured sources, their last run, what they collected, their errors and who went quiet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigia.ingest.health import source_health
from ui.auth import require_role
from ui.i18n import words
from ui.safe import md_escape
from ui.state import settings, store

PAGE = {"order": 8, "icon": ":material/rss_feed:", "role": "admin",
        "title": {"es": "Fuentes", "pt": "Fontes", "en": "Sources"}}

STRINGS = {
    "sources_title": {"es": "Fuentes de recolección", "pt": "Fontes de coleta", "en": "Collection sources"},
    "no_sources": {"es": "No hay fuentes configuradas. Agréguelas como [[sources]] en vigia.toml "
                         "(vea vigia.example.toml).",
                   "pt": "Não há fontes configuradas. Adicione-as como [[sources]] no vigia.toml "
                         "(veja vigia.example.toml).",
                   "en": "No sources are configured. Add them as [[sources]] in vigia.toml "
                         "(see vigia.example.toml)."},
    "status.ok": {"es": "al día", "pt": "em dia", "en": "ok"},
    "status.stale": {"es": "en silencio", "pt": "em silêncio", "en": "quiet"},
    "status.failing": {"es": "con fallas", "pt": "com falhas", "en": "failing"},
    "status.never run": {"es": "nunca ejecutada", "pt": "nunca executada", "en": "never run"},
    "status.parser": {"es": "formato cambiado", "pt": "formato alterado", "en": "format changed"},
    "parser": {"es": "La fuente {source} recibió páginas cuyos registros casi no se pudieron leer: el formato del "
                     "sitio o de la API puede haber cambiado. Alerta del analizador:",
               "pt": "A fonte {source} recebeu páginas cujos registros quase não puderam ser lidos: o formato do "
                     "site ou da API pode ter mudado. Alerta do analisador:",
               "en": "Source {source} received pages whose records could mostly not be read: the site's or API's "
                     "format may have changed. Parser alert:"},
    "col.source": {"es": "Fuente", "pt": "Fonte", "en": "Source"},
    "col.spider": {"es": "Recolector", "pt": "Coletor", "en": "Spider"},
    "col.enabled": {"es": "Activa", "pt": "Ativa", "en": "Enabled"},
    "col.status": {"es": "Estado", "pt": "Estado", "en": "Status"},
    "col.last_run": {"es": "Última ejecución (UTC)", "pt": "Última execução (UTC)", "en": "Last run (UTC)"},
    "col.fetched": {"es": "Recibidas", "pt": "Recebidas", "en": "Fetched"},
    "col.new": {"es": "Nuevas", "pt": "Novas", "en": "New"},
    "col.errors": {"es": "Errores", "pt": "Erros", "en": "Errors"},
    "col.new_recent": {"es": "Nuevas (últimas ejecuciones)", "pt": "Novas (últimas execuções)",
                       "en": "New (recent runs)"},
    "col.hours_since_new": {"es": "Horas sin novedades", "pt": "Horas sem novidades", "en": "Hours since new item"},
    "quiet": {"es": "La fuente {source} no trae publicaciones nuevas desde hace {hours} horas: puede haberse "
                    "detenido sin avisar.",
              "pt": "A fonte {source} não traz publicações novas há {hours} horas: pode ter parado sem avisar.",
              "en": "Source {source} has brought nothing new for {hours} hours: it may have stopped silently."},
    "quiet_nothing": {"es": "La fuente {source} no ha traído ninguna publicación nueva desde que empezó.",
                      "pt": "A fonte {source} não trouxe nenhuma publicação nova desde que começou.",
                      "en": "Source {source} has brought nothing new since it started."},
    "failing": {"es": "La fuente {source} falla. Último error:",
                "pt": "A fonte {source} está falhando. Último erro:",
                "en": "Source {source} is failing. Last error:"},
    "last_error_of": {"es": "Último error de {source}:", "pt": "Último erro de {source}:",
                      "en": "Last error of {source}:"},
    "all_ok": {"es": "Todas las fuentes activas están al día.", "pt": "Todas as fontes ativas estão em dia.",
               "en": "Every enabled source is up to date."},
}
t = words(STRINGS)

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

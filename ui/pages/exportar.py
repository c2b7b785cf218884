"""Exportar: a labelled dataset from any filter, with no row cap, a version id and a datasheet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

import streamlit as st

from ui.auth import require_role
from ui.filters import corpus_span, sidebar_filters
from ui.i18n import MODEL_TASKS, label_text, task_text, words
from ui.state import settings, store
from vigia.auth import allows
from vigia.errors import VigiaError
from vigia.exports.datasheet import count_matching, export_dataset
from vigia.exports.files import FORMATS
from vigia.model import Post
from vigia.store import Filters

PAGE = {"order": 7, "icon": ":material/download:", "role": "viewer",
        "title": {"es": "Exportar", "pt": "Exportar", "en": "Export"}}

STRINGS = {
    "export_title": {"es": "Exportar un conjunto etiquetado", "pt": "Exportar um conjunto rotulado",
                     "en": "Export a labelled dataset"},
    "export_intro": {"es": "Todas las publicaciones que cumplen los filtros, sin límite de filas, con sus etiquetas "
                           "(también las humanas), un identificador de versión y una ficha de datos.",
                     "pt": "Todas as publicações que atendem aos filtros, sem limite de linhas, com seus rótulos "
                           "(também os humanos), um identificador de versão e uma ficha de dados.",
                     "en": "Every post that matches the filters, with no row cap, with its labels (human ones "
                           "too), a version id and a datasheet."},
    "text_query": {"es": "Texto", "pt": "Texto", "en": "Text"},
    "task_filter": {"es": "Filtrar por etiqueta de la tarea", "pt": "Filtrar por rótulo da tarefa",
                    "en": "Filter by the label of task"},
    "any_task": {"es": "(cualquiera)", "pt": "(qualquer)", "en": "(any)"},
    "labels_filter": {"es": "Etiquetas", "pt": "Rótulos", "en": "Labels"},
    "format": {"es": "Formato", "pt": "Formato", "en": "Format"},
    "raw": {"es": "Exportación cruda (sin anonimizar)", "pt": "Exportação bruta (sem anonimizar)",
            "en": "Raw export (not redacted)"},
    "raw_help": {"es": "Texto y enlaces tal como se recolectaron. Solo para un uso deliberado; queda registrado.",
                 "pt": "Texto e links como foram coletados. Só para uso deliberado; fica registrado.",
                 "en": "Text and links as collected. Only for deliberate use; it is logged."},
    "redacted_note": {"es": "Los datos personales (correos, teléfonos, documentos, @usuarios, enlaces) se "
                            "reemplazan en el archivo.",
                      "pt": "Os dados pessoais (e-mails, telefones, documentos, @usuários, links) são substituídos "
                            "no arquivo.",
                      "en": "Personal data (e-mails, phones, documents, @handles, links) is replaced in the file."},
    "matching": {"es": "Publicaciones a exportar", "pt": "Publicações a exportar", "en": "Posts to export"},
    "run_export": {"es": "Preparar exportación", "pt": "Preparar exportação", "en": "Prepare export"},
    "exporting": {"es": "Exportando {done} de {total}…", "pt": "Exportando {done} de {total}…",
                  "en": "Exporting {done} of {total}…"},
    "export_failed": {"es": "No se pudo exportar: {error}", "pt": "Não foi possível exportar: {error}",
                      "en": "The export failed: {error}"},
    "export_done": {"es": "{rows} publicaciones exportadas. Versión {version}.",
                    "pt": "{rows} publicações exportadas. Versão {version}.",
                    "en": "{rows} posts exported. Version {version}."},
    "file_hash": {"es": "SHA-256 del archivo: {sha}", "pt": "SHA-256 do arquivo: {sha}", "en": "File SHA-256: {sha}"},
    "download_file": {"es": "Descargar {name}", "pt": "Baixar {name}", "en": "Download {name}"},
    "download_sheet_md": {"es": "Ficha de datos (Markdown)", "pt": "Ficha de dados (Markdown)",
                          "en": "Datasheet (Markdown)"},
    "download_sheet_json": {"es": "Ficha de datos (JSON)", "pt": "Ficha de dados (JSON)", "en": "Datasheet (JSON)"},
    "datasheet": {"es": "Ficha de datos", "pt": "Ficha de dados", "en": "Datasheet"},
}
t = words(STRINGS)

MIME = {"csv": "text/csv", "jsonl": "application/jsonl", "parquet": "application/vnd.apache.parquet"}
PROGRESS_EVERY = 200

user = require_role(PAGE["role"])
db = store()
span = corpus_span(db)
if span is None:
    st.info(t("empty_store"))
    st.stop()

st.title(t("export_title"))
st.caption(t("export_intro"))
filters = sidebar_filters(db, span)[0]
query = st.text_input(t("text_query"), key="export_query", help=t("search_help"), placeholder=t("search_help"))
task_col, labels_col = st.columns(2)
task = task_col.selectbox(t("task_filter"), [None, *MODEL_TASKS], key="export_task",
                          format_func=lambda k: t("any_task") if k is None else task_text(k))
labels = labels_col.multiselect(t("labels_filter"), MODEL_TASKS[task] if task else [], key="export_labels",
                                format_func=lambda k: label_text(task, k), disabled=task is None,
                                placeholder=t("choose"))
if task:
    filters = Filters(**{**filters.model_dump(), "task": task, "labels": labels})

total = count_matching(db, filters, query)
st.metric(t("matching"), f"{total:,}")
fmt = st.radio(t("format"), FORMATS, key="export_format", horizontal=True, format_func=str.upper)
may_export_raw = allows(user["role"], "admin")
raw = may_export_raw and st.checkbox(t("raw"), key="export_raw", help=t("raw_help"))
if not raw:
    st.caption(t("redacted_note"))


def showing_progress(posts: Iterable[Post], count: int) -> Iterator[Post]:
    bar = st.progress(0.0, text=t("exporting", done=0, total=f"{count:,}"))
    for done, post in enumerate(posts, 1):
        if done % PROGRESS_EVERY == 0:
            bar.progress(min(done / max(count, 1), 1.0), text=t("exporting", done=f"{done:,}", total=f"{count:,}"))
        yield post
    bar.empty()


if st.button(t("run_export"), key="export_run", type="primary", disabled=total == 0):
    try:
        done = export_dataset(settings(), db, filters, fmt, text=query or None, raw=raw, who=user["username"],
                              progress=showing_progress)
    except (VigiaError, OSError) as exc:
        st.error(t("export_failed", error=exc))
        st.stop()
    st.session_state["export_done"] = {"version": done.version, "rows": done.rows, "sha256": done.sha256,
                                       "path": str(done.path), "format": fmt, "datasheet_md": str(done.datasheet_md),
                                       "datasheet_json": str(done.datasheet_json)}

finished = st.session_state.get("export_done")
if finished and not all(Path(finished[k]).is_file() for k in ("path", "datasheet_md", "datasheet_json")):
    del st.session_state["export_done"]  # removed from the data dir since: nothing left to offer
    finished = None
if finished:
    path, sheet_md, sheet_json = (Path(finished[k]) for k in ("path", "datasheet_md", "datasheet_json"))
    st.success(t("export_done", rows=f"{finished['rows']:,}", version=finished["version"]))
    st.caption(t("file_hash", sha=finished["sha256"]))
    file_col, md_col, json_col = st.columns(3)
    # the file is read only when the button is clicked, never held in the page
    file_col.download_button(t("download_file", name=path.name), data=partial(path.read_bytes), file_name=path.name,
                             mime=MIME[finished["format"]], key="download_export", on_click="ignore",
                             icon=":material/download:")
    md_col.download_button(t("download_sheet_md"), data=partial(sheet_md.read_bytes), file_name=sheet_md.name,
                           mime="text/markdown", key="download_datasheet_md", on_click="ignore")
    json_col.download_button(t("download_sheet_json"), data=partial(sheet_json.read_bytes),
                             file_name=sheet_json.name, mime="application/json", key="download_datasheet_json",
                             on_click="ignore")
    with st.expander(t("datasheet")):
        st.code(sheet_md.read_text(encoding="utf-8"), language="markdown")

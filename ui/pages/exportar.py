"""Exportar: a labelled dataset from any filter, with no row cap, a version id and a datasheet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

import streamlit as st

from ui.i18n import MODEL_TASKS, label_text, task_text, words
from ui.opening import open_page
from ui.state import settings
from vigia.auth import allows
from vigia.errors import VigiaError
from vigia.exports.datasheet import count_matching, export_dataset
from vigia.exports.files import FORMATS
from vigia.model import Post
from vigia.store import Filters

PAGE = {"order": 7, "icon": ":material/download:", "role": "viewer"}

t = words("exportar")

MIME = {"csv": "text/csv", "jsonl": "application/jsonl", "parquet": "application/vnd.apache.parquet"}
PROGRESS_EVERY = 200

opened = open_page(PAGE, t("export_title"), caption=t("export_intro"))
user, db, filters = opened.user, opened.db, opened.filters
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

"""Revisión: annotators confirm or correct the model, lowest confidence first; agreement between annotators."""

from __future__ import annotations

import streamlit as st

from ui.auth import require_role
from ui.filters import corpus_span, sidebar_filters
from ui.i18n import MODEL_TASKS, label_text, task_text, words
from ui.state import store
from vigia.review import cohens_kappa, judged_by, record_judgement
from vigia.store import Filters, SearchQuery

PAGE = {"order": 5, "icon": ":material/rate_review:", "role": "annotator",
        "title": {"es": "Revisión", "pt": "Revisão", "en": "Review"}}

STRINGS = {
    "confirm": {"es": "Confirmar: {label}", "pt": "Confirmar: {label}", "en": "Confirm: {label}"},
    "keys": {"es": "Teclado, para la primera publicación: Enter confirma al modelo; {keys} eligen la etiqueta.",
             "pt": "Teclado, para a primeira publicação: Enter confirma o modelo; {keys} escolhem o rótulo.",
             "en": "Keyboard, for the first post: Enter confirms the model; {keys} choose the label."},
}
t = words(STRINGS)
TASKS = MODEL_TASKS
QUEUE = 10

user = require_role(PAGE["role"])
db = store()
span = corpus_span(db)
if span is None:
    st.info(t("empty_store"))
    st.stop()
st.title(t("review"))
scope, _, _ = sidebar_filters(db, span)  # review a country, a period, a myth... or everything
task = st.radio(t("review_task"), list(TASKS), format_func=task_text, horizontal=True,
                key="review_task")

queue, offset = [], 0
while len(queue) < QUEUE:  # lowest-confidence first, skipping what this annotator already judged
    page = db.search(SearchQuery(filters=scope.model_copy(update={"task": task}), sort="score", score_task=task, descending=False,
                                 limit=100, offset=offset))
    queue += [p for p in page.posts if not judged_by(p, task, user["username"])]
    offset += 100
    if offset >= page.total:
        break
queue = queue[:QUEUE]

if not queue:
    st.info(t("review_done"))
else:
    st.caption(t("keys", keys=", ".join(str(k) for k in range(1, len(TASKS[task]) + 1))))
for index, post in enumerate(queue):
    model = next((lab for lab in post.labels if lab.task == task and not lab.model.startswith("human:")), None)
    first = index == 0  # the keyboard shortcuts act on the first post of the queue
    with st.container(border=True):
        st.text(post.text)
        if model:
            st.caption(t("review_model", label=label_text(task, model.label), score=f"{model.score:.2f}",
                         model=model.model))
        cols = st.columns(len(TASKS[task]) + 1)
        choice = None
        if model and model.label in TASKS[task] and cols[0].button(
                t("confirm", label=label_text(task, model.label)), key=f"confirm-{post.id}", type="primary",
                shortcut="Enter" if first else None):
            choice = model.label
        for number, (col, label) in enumerate(zip(cols[1:], TASKS[task]), 1):
            if col.button(label_text(task, label), key=f"judge-{post.id}-{label}",
                          shortcut=str(number) if first else None):
                choice = label
        if choice:
            record_judgement(db, post.id, task, choice, user["username"])
            st.rerun()

kappa, pairs = cohens_kappa(db.iter_posts(Filters(task=task)), task)
st.subheader(t("agreement"))
st.caption(t("agreement_none") if kappa is None else t("agreement_value", kappa=f"{kappa:.2f}", pairs=pairs))

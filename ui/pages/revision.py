"""Revisión: annotators confirm or correct the model, in the least-confident queue or on a uniform validation
sample; agreement per reviewer pair; admins adjudicate where two judges disagree."""

from __future__ import annotations

import streamlit as st

from ui.i18n import MODEL_TASKS, label_text, task_text, words
from ui.opening import open_page
from ui.state import myth_ids, myth_name, settings
from vigia.auth import allows
from vigia.model import HUMAN, Post
from vigia.labels.review import (
    MYTH,
    adjudicate,
    disagrees,
    judged_by,
    judgements,
    kappa_by_pair,
    myth_value,
    myths_of,
    next_for_reviewer,
    progress,
    record_judgement,
    sample_size,
    validation_sample,
)
from vigia.store import Filters, SearchQuery

PAGE = {"order": 5, "icon": ":material/rate_review:", "role": "annotator"}

t = words("revision")
TASKS = MODEL_TASKS
SHOWN = 10  # posts on the page at a time; a judgement brings the next one without reloading the page
MODES = ("queue", "validation", "adjudication")


def model_labels(post: Post, task: str) -> list:
    return [lab for lab in post.labels if lab.task == task and not lab.model.startswith(HUMAN)]


def said_text(task: str, value: str) -> str:
    if task == MYTH:
        return ", ".join(myth_name(m, language) for m in sorted(myths_of(value))) or t("no_myth")
    return label_text(task, value)


def judge_buttons(post: Post, first: bool) -> str | None:
    """The judgement buttons of a post (with the keyboard shortcuts on the first one); the label chosen."""
    model = max(model_labels(post, task), key=lambda lab: lab.labelled_at, default=None)
    if task == MYTH:
        found = sorted({lab.label for lab in model_labels(post, MYTH)} & set(myths))
        if found:
            st.caption(t("review_model", label=said_text(MYTH, myth_value(found)),
                         score=f"{max(lab.score for lab in model_labels(post, MYTH)):.2f}",
                         model=model_labels(post, MYTH)[0].model))
        chosen = st.multiselect(t("myths"), myths, default=found, key=f"myths-{post.id}",
                                format_func=lambda m: myth_name(m, language))
        left, right = st.columns(2)
        if left.button(t("save_myths", myths=said_text(MYTH, myth_value(chosen))), key=f"save-{post.id}",
                       type="primary", shortcut="Enter" if first else None):
            return myth_value(chosen)
        if right.button(t("no_myth"), key=f"nomyth-{post.id}", shortcut="0" if first else None):
            return myth_value([])
        return None
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
    return choice


@st.cache_data(ttl=600, show_spinner=False)
def sample_ids(store_url: str, filters_json: str, size: int, seed: int, posts: int) -> dict[str, list[str]]:
    """The validation sample's ids (one scan of the filters' posts; `posts` makes new posts count)."""
    return validation_sample(db, Filters.model_validate_json(filters_json), size, seed)


def least_confident(scope: Filters) -> list[Post]:
    """The queue: lowest confidence first, skipping what this annotator already judged."""
    if task == MYTH:  # the model looks for myths in the posts about migration
        scope = scope.model_copy(update={"task": "migration", "labels": ["migration"]})
    else:
        scope = scope.model_copy(update={"task": task})
    queue, offset = [], 0
    while len(queue) < SHOWN:
        page = db.search(SearchQuery(filters=scope, sort="score", score_task=task, descending=False, limit=100,
                                     offset=offset))
        queue += [p for p in page.posts if not judged_by(p, task, user["username"])]
        offset += 100
        if offset >= page.total:
            break
    return queue[:SHOWN]


opened = open_page(PAGE, t("title"))
user, db, language = opened.user, opened.db, opened.language
scope = opened.filters  # review a country, a period, a myth... or everything
config = settings()
modes = MODES if allows(user["role"], "admin") else MODES[:2]
mode = st.radio(t("mode"), modes, format_func=lambda m: t(f"mode.{m}"), horizontal=True, key="review_mode")
myths = myth_ids()
task = st.radio(t("review_task"), [*TASKS, MYTH], format_func=task_text, horizontal=True, key="review_task")
labels_count = len(TASKS.get(task, ()))

if mode == "queue":
    posts = least_confident(scope)
    if not posts:
        st.info(t("review_done"))
elif mode == "validation":
    needed = sample_size(config.review_margin)
    ids = sample_ids(config.resolved_store_url, scope.model_dump_json(), needed, config.review_sample_seed,
                     db.count(scope))
    sample = {lang: [post for post in map(db.get, found) if post is not None] for lang, found in ids.items()}
    st.caption(t("validation_help", margin=f"{config.review_margin * 100:g}", needed=needed,
                 share=f"{config.review_overlap_share * 100:g}"))
    for row in progress(sample, task, needed):
        st.caption(t("validation_progress", language=row.language, judged=row.judged, needed=row.needed,
                     sampled=row.sampled, double=row.double_judged))
    posts = next_for_reviewer([p for found in sample.values() for p in found], task, user["username"],
                              config.review_sample_seed, config.review_overlap_share, SHOWN)
    if not posts:
        st.info(t("validation_done"))
else:
    st.caption(t("adjudication_help"))
    posts = [p for p in db.human_labelled_posts() if disagrees(p, task)][:SHOWN]
    if not posts:
        st.info(t("adjudication_none"))

if posts and mode != "adjudication":
    st.caption(t("myth_keys") if task == MYTH else t("keys", keys=", ".join(map(str, range(1, labels_count + 1)))))
for index, post in enumerate(posts):
    with st.container(border=True):
        st.text(post.text)
        if mode == "adjudication":
            st.caption(t("judges", judges=" · ".join(f"{who}: {said_text(task, lab.label)}" for who, lab in
                                                     sorted(judgements(post, task).items()))))
        choice = judge_buttons(post, first=index == 0)  # the keyboard shortcuts act on the first post
        if choice:
            if mode == "adjudication":
                adjudicate(db, post.id, task, choice, user["username"])
            else:
                record_judgement(db, post.id, task, choice, user["username"], sample=mode)
            st.rerun()

st.subheader(t("agreement"))
pairs = {pair: found for pair, found in kappa_by_pair(
    (p for p in db.human_labelled_posts() if judgements(p, task)), task).items() if found[0] is not None}
if not pairs:
    st.caption(t("agreement_none"))
for (first, second), (kappa, count) in pairs.items():
    st.caption(t("agreement_pair", first=first, second=second, kappa=f"{kappa:.2f}", pairs=count))

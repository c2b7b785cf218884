"""Explorar: full-text search over every post with all filters, and why each post was flagged.

Other pages link here with `?q=TEXT&since=YYYY-MM-DD&until=YYYY-MM-DD&myth=ID&country=CC` (until is the last
day shown, inclusive; country and myth may repeat or be comma-separated); the link fills in the search and
filters, which the user can then change.
"""

from __future__ import annotations

import math
from datetime import date

import streamlit as st

from ui.cards import post_card
from ui.i18n import MODEL_TASKS, label_text, task_text, words
from ui.opening import open_page
from ui.safe import md_escape
from ui.saved_searches import saved_searches_panel
from ui.state import group_name, myth_name, responder, settings
from vigia.counter.choice import reason
from vigia.model import Post
from vigia.store import Filters, SearchQuery, Store

PAGE = {"order": 2, "icon": ":material/search:", "role": "viewer"}

t = words("explorar")

PAGE_SIZE = 20
MIN_DROP_SHOWN = 0.01  # smaller drops are noise at two decimals
SORTS = ("date", "score", "engagement")
CUE_KINDS = ("slur", "stigmatizing_term", "myth_cue", "target", "migration_term")
LINK_PARAMS = ("q", "since", "until", "myth", "country")


def link_values(name: str) -> list[str]:
    """Every value of a query parameter, repeated or comma-separated."""
    return [v.strip() for value in st.query_params.get_all(name) for v in value.split(",") if v.strip()]


def apply_link(db: Store, span: tuple[date, date]) -> None:
    """Fill the search and filters from the page's query parameters: when the link is new, or when the page
    comes back to it (leaving a page drops its widgets' state)."""
    link = {name: link_values(name) for name in LINK_PARAMS}
    link = {name: values for name, values in link.items() if values}
    if not link or (st.session_state.get("explorar_link") == link and "query" in st.session_state):
        return
    st.session_state["explorar_link"] = link
    st.session_state["query"] = " ".join(link.get("q", []))
    st.session_state["page"] = 1
    oldest, latest = span
    days = {}
    for name in ("since", "until"):
        for value in link.get(name, [])[:1]:
            try:
                days[name] = min(max(date.fromisoformat(value), oldest), latest)
            except ValueError:
                st.warning(t("bad_link", field=name, value=value))
    since, until = days.get("since", oldest), days.get("until", latest)
    st.session_state["period"] = (since, until) if since <= until else (oldest, latest)
    for name, facet, key in (("country", "country", "countries"), ("myth", "myth", "myths")):
        known = {v for v, _ in db.top_values(facet, limit=100)}
        wanted = [v.upper() if name == "country" else v for v in link.get(name, [])]
        for value in wanted:
            if value not in known:
                st.warning(t("bad_link", field=name, value=value))
        st.session_state[key] = [v for v in wanted if v in known]


def label_name(option: str) -> str:
    if not option:
        return t("any_label")
    task, label = option.split(":")
    return f"{task_text(task)}: {label_text(task, label)}"


def show_cues(post: Post, language: str) -> None:
    st.markdown(f"**{t('why')}**")
    if not post.cues:
        st.caption(t("no_cues"))
    for kind in CUE_KINDS:
        found = [cue for cue in post.cues if cue.kind == kind]
        if not found:
            continue
        items = []
        for cue in found:
            about = myth_name(cue.group, language) if kind == "myth_cue" and cue.group else (
                group_name(cue.group, language) if cue.group else "")
            extra = [about] if about else []
            if cue.neutral:
                extra.append(t("say_instead", neutral=cue.neutral))
            items.append(md_escape(f"«{cue.text}»" + (f" ({'; '.join(extra)})" if extra else "")))
        st.markdown(f"{md_escape(t(f'cue.{kind}'))}: " + ", ".join(dict.fromkeys(items)))


def show_occlusion(post: Post) -> None:
    from vigia.analysis.explain import explain_post

    explained = st.session_state.setdefault("explorar_explained", {})
    if st.button(t("explain"), key=f"explain-{post.id}", help=t("explain_help")):
        with st.spinner(t("explaining")):
            explained[post.id] = explain_post(settings(), post)
    explanation = explained.get(post.id)
    if explanation is None:
        return
    if explanation.note:
        st.info(t("no_model") if explanation.text.strip() else t("no_text"))
        st.caption(md_escape(explanation.note))
    if explanation.model:
        st.caption(md_escape(t("model", model=explanation.model)))
    for task in explanation.tasks.values():
        st.caption(md_escape(t("task_score", task=t(f"task.{task.task}"), label=t(f"label.{task.label}"),
                                 score=f"{task.score:.2f}")))
        shown = [w for w in task.words if w.drop >= MIN_DROP_SHOWN]
        if shown:
            st.markdown(" · ".join(f"**{md_escape(w.word)}** {md_escape(f'−{w.drop:.2f}')}" for w in shown))
        else:
            st.caption(t("no_word_lowers"))


def show_responses(post: Post, language: str) -> None:
    """The counter-messages for the myths this post repeats, best first, ready to copy."""
    from vigia.errors import VigiaError

    suggested = st.session_state.setdefault("explorar_responses", {})
    if st.button(t("respond"), key=f"respond-{post.id}", help=t("respond_help")):
        helper = responder()
        try:
            suggestion = helper.suggest_post(post, limit=3)
        except VigiaError as exc:
            st.error(md_escape(str(exc)))
            return
        names = {m.myth: helper.name(m.myth, suggestion.library_language) for m in suggestion.myths}
        suggested[post.id] = (suggestion, names)
    if post.id not in suggested:
        return
    suggestion, names = suggested[post.id]
    if not suggestion.responses:
        st.caption(t("no_myth"))
    for ranked in suggestion.responses:
        st.code(ranked.text, language=None, wrap_lines=True)
        why = reason(ranked.country, ranked.language, ranked.target, language, settings().lexicon_path)
        st.caption(md_escape(" · ".join([t("chosen_for", why=why), names.get(ranked.myth, ranked.myth),
                                          *(source["citation"] for source in ranked.sources)])))


def show_details(post: Post, language: str) -> None:
    with st.expander(t("details")):
        engagement = post.engagement
        st.caption(md_escape(t("post_facts", id=post.id, collected=post.collected_at.strftime("%Y-%m-%d %H:%M"),
                                 likes=engagement.likes or 0, shares=engagement.shares or 0,
                                 replies=engagement.replies or 0, views=engagement.views or 0)))
        if post.labels:
            st.markdown(f"**{t('all_labels')}**")
            st.markdown("\n".join("- " + md_escape(f"{lab.task}: {lab.label} {lab.score:.2f} ({lab.model} "
                                                   f"{lab.model_version})") for lab in post.labels))
        show_cues(post, language)
        show_occlusion(post)
        show_responses(post, language)


opened = open_page(PAGE, t("title"), synthetic_notice=True, before_title=apply_link)
db, language, filters = opened.db, opened.language, opened.filters

query_col, sort_col = st.columns([3, 1])
query = query_col.text_input(t("search"), key="query", help=t("search_help"), placeholder=t("search_help"))
sort = sort_col.selectbox(t("sort"), SORTS, format_func=lambda s: t(f"sort.{s}"), key="sort", help=t("sort_help"))
label_col, score_col = st.columns([3, 1])
label_options = [""] + [f"{task}:{label}" for task, labels in MODEL_TASKS.items() for label in labels]
chosen_label = label_col.selectbox(t("label_filter"), label_options, format_func=label_name, key="label_filter")
min_score = score_col.slider(t("min_score"), 0.0, 1.0, 0.0, 0.05, key="min_score", disabled=not chosen_label)
task = chosen_label.split(":")[0] if chosen_label else None
if task:
    filters = Filters(**{**filters.model_dump(), "task": task, "labels": [chosen_label.split(":")[1]],
                         "min_score": min_score or None})

saved_searches_panel(query, filters)

criteria = (query, filters.model_dump_json(), sort)
if st.session_state.get("explorar_criteria") != criteria:  # a new search starts on its first page
    st.session_state["explorar_criteria"] = criteria
    st.session_state["page"] = 1
search = SearchQuery(text=query or None, filters=filters, sort=sort, score_task=task or "hate", limit=PAGE_SIZE)
total = db.search(search.model_copy(update={"limit": 1})).total
pages = max(1, math.ceil(total / PAGE_SIZE))
if not 1 <= st.session_state.get("page", 1) <= pages:  # the filters changed under the page shown
    st.session_state["page"] = pages
page_number = int(st.number_input(t("page"), min_value=1, max_value=pages, step=1, key="page"))
result = db.search(search.model_copy(update={"offset": (page_number - 1) * PAGE_SIZE}))
st.caption(md_escape(t("results", total=f"{result.total:,}")) + " · " +
           md_escape(t("page_of", page=page_number, pages=pages)))

for post in result.posts:
    with post_card(post, query=query or None):
        show_details(post, language)
if not result.posts:
    st.info(t("no_posts"))

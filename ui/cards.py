"""One post as a card: its text always as text, never as Markdown or HTML."""

from __future__ import annotations

import streamlit as st

from ui.i18n import current_language, label_text, t, task_text
from ui.safe import md_escape, md_link
from ui.state import group_name, myth_name
from vigia.highlight import snippet
from vigia.model import Post


def highlighted(text: str, query: str | None) -> str | None:
    """Markdown of the passage around a search's first match, matches in bold and the rest escaped."""
    if not query:
        return None
    plain = " ".join(text.replace("\x00", "").replace("\x01", "").split())
    passage = snippet(plain, query, width=240, mark=("\x00", "\x01"))
    if "\x00" not in passage:
        return None
    return md_escape(passage).replace("\x00", "**").replace("\x01", "**")


def model_label_name(task: str, label: str, language: str) -> str:
    """A model label as the console names it: groups and myths by their names, other labels translated."""
    if task == "target":
        return group_name(label, language)
    if task == "myth":
        return myth_name(label, language)
    return label_text(task, label)


def post_card(post: Post, redacted: bool = False, query: str | None = None):
    """Meta line, title, text, target groups, myths, model labels with scores and a link to the original;
    with a search `query`, the matching passage in bold. Returns the card, to add more inside it."""
    from vigia.privacy.redact import redact

    language = current_language()
    text, title = (redact(post.text), redact(post.title)) if redacted else (post.text, post.title)
    card = st.container(border=True)
    with card:
        meta = [post.created_at.strftime("%Y-%m-%d %H:%M"), post.platform, post.source or "", post.country or "",
                post.language or "", "" if redacted else post.author or ""]
        st.caption(" · ".join(md_escape(m) for m in meta if m))
        if title:
            st.markdown(f"**{md_escape(title)}**")
        st.text(text)
        passage = highlighted(text, query)
        if passage:
            st.caption(passage)
        tags = [md_escape(group_name(g, language)) for g in post.targets]
        tags += [md_escape(myth_name(m, language)) for m in post.myths]
        tags += [md_escape(f"{task_text(lab.task)}: {model_label_name(lab.task, lab.label, language)} {lab.score:.2f}")
                 for lab in post.labels if lab.task != "language"]
        if post.provenance.synthetic:
            tags.append(f"_{t('synthetic')}_")
        if post.url and not (redacted and post.platform != "news"):
            tags.append(md_link(t("original"), post.url))
        st.markdown(" · ".join(tags))
    return card

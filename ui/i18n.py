"""The console's words in Spanish (default), Portuguese and English, from the catalogue of vigia.i18n."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vigia.i18n import has, text

LANGUAGES = {"es": "Español", "pt": "Português", "en": "English"}
SHARED = "console"  # the catalogue's section of words every page uses

# The model's single-label tasks and their labels, as the console's filters offer them.
MODEL_TASKS = {"hate": ("hateful", "not_hateful"), "migration": ("migration", "not_migration"),
               "frame": ("collective_threat", "personal_threat", "victim", "economic_resource", "none")}


def current_language() -> str:
    return st.session_state.get("ui_language", "es")


def t(key: str, /, **values: object) -> str:
    """The string for `key` (of the catalogue's `console` section) in the console's current language."""
    return text(f"{SHARED}.{key}", current_language(), **values)


def words(section: str) -> Callable[..., str]:
    """A `t` for one page: its own section of the catalogue first, then the shared one."""
    def page_t(key: str, /, **values: object) -> str:
        own = f"{section}.{key}"
        return text(own, current_language(), **values) if has(own) else t(key, **values)
    return page_t


def task_text(task: str) -> str:
    """A model task's name in the console's language; unknown tasks as they are."""
    return t(f"task.{task}") if has(f"{SHARED}.task.{task}") else task


def label_text(task: str, label: str) -> str:
    """A model label in the console's language ("Amenaza colectiva"); unknown labels as they are."""
    for key in (f"label.{task}.{label}", f"label.{label}"):
        if has(f"{SHARED}.{key}"):
            return t(key)
    return label

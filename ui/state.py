"""What every page shares: settings and the store, opened once per console process."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st
import yaml

from nlp.taxonomy import TaxonomyError, myth_names
from vigia.errors import VigiaError
from vigia.settings import Settings, load_settings, settings_source
from vigia.store import Store, open_store
from ui.i18n import t

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's is ten times faster


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return open_store(url)


def settings() -> Settings:
    """The settings, read again only when VIGIA_* variables or the settings file change (a read costs ~10 ms)."""
    return _settings(settings_source())


@functools.lru_cache(maxsize=8)
def _settings(source: tuple) -> Settings:
    return load_settings()


def store() -> Store:
    """The configured store, or a plain error on the page and a stop."""
    try:
        return _store(settings().resolved_store_url)
    except VigiaError as exc:
        st.error(t("store_error", error=exc))
        st.stop()
        raise


@st.cache_data(show_spinner=False)
def _group_names(lexicon_path: Path) -> dict[str, dict[str, str]]:
    try:
        groups = (yaml.load(lexicon_path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}).get("groups") or {}
    except (OSError, yaml.YAMLError):
        return {}
    return {group: spec.get("name") or {} for group, spec in groups.items()}


def group_name(group: str | None, language: str) -> str:
    """A target group's name in the console's language (its id when the lexicon has none)."""
    if group is None:
        return t("none")
    names = _group_names(settings().lexicon_path).get(group, {})
    return names.get(language) or names.get("es") or group


def _myth_names(taxonomy_path: Path) -> dict[str, dict[str, str]]:
    try:
        return myth_names(taxonomy_path)
    except TaxonomyError:
        return {}


def myth_name(myth: str, language: str) -> str:
    """A myth's name in the console's language (its id when the taxonomy has none)."""
    names = _myth_names(settings().myth_taxonomy_path).get(myth, {})
    return names.get(language) or names.get("es") or myth


def myth_ids() -> list[str]:
    """The myths of the taxonomy, in its order."""
    return list(_myth_names(settings().myth_taxonomy_path))


@st.cache_resource(show_spinner=False)
def _responder(taxonomy_path: Path):
    from vigia.counter.matching import Responder

    return Responder(settings())


def responder():
    """The counter-messaging responder (library, myth detector, embeddings), loaded once per console process."""
    return _responder(settings().myth_taxonomy_path)

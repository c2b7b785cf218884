"""What every page shares: settings and the store, opened once per console process."""

from __future__ import annotations

import streamlit as st

from vigia.errors import VigiaError
from vigia.settings import Settings, load_settings
from vigia.store import Store, open_store
from ui.i18n import t


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return open_store(url)


def settings() -> Settings:
    return load_settings()


def store() -> Store:
    """The configured store, or a plain error on the page and a stop."""
    try:
        return _store(settings().resolved_store_url)
    except VigiaError as exc:
        st.error(t("store_error", error=exc))
        st.stop()
        raise

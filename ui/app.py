"""Entry point of the console: language choice and navigation. Run with `vigia serve`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import LANGUAGES, t
from ui.state import settings

st.set_page_config(page_title="Vigía", page_icon="🛰️", layout="wide")

if "ui_language" not in st.session_state:
    st.session_state["ui_language"] = settings().console_language
st.sidebar.selectbox(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="ui_language")

PAGES = Path(__file__).resolve().parent / "pages"
navigation = st.navigation([
    st.Page(PAGES / "panorama.py", title=t("panorama"), icon="📈", default=True, url_path="panorama"),
])
st.sidebar.caption(t("tagline"))
navigation.run()

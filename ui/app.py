"""Entry point of the console: language choice and navigation. Run with `vigia serve`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.auth import current_user, login_form, logout_button
from vigia.auth import allows
from ui.i18n import LANGUAGES, t
from ui.state import settings

st.set_page_config(page_title="Vigía", page_icon="🛰️", layout="wide")

if "ui_language" not in st.session_state:
    st.session_state["ui_language"] = settings().console_language
st.sidebar.selectbox(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="ui_language")

if current_user() is None:  # logged out: the log-in form is the only page there is
    st.navigation([st.Page(login_form, title=t("login"), url_path="login")]).run()
    st.stop()
logout_button()

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_ROLES = [  # (file, title key, icon, role needed)
    ("panorama.py", "panorama", ":material/monitoring:", "viewer"),
    ("contramensajes.py", "counter", ":material/forum:", "viewer"),
    ("revision.py", "review", ":material/rate_review:", "annotator"),
]
role = current_user()["role"]
navigation = st.navigation([
    st.Page(PAGES / name, title=t(title), icon=icon, default=index == 0, url_path=name.removesuffix(".py"))
    for index, (name, title, icon, needed) in enumerate(PAGE_ROLES) if allows(role, needed)
])
st.sidebar.caption(t("tagline"))
navigation.run()

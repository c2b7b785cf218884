"""Entry point of the console: language choice and navigation. Run with `vigia serve`."""

from __future__ import annotations

import streamlit as st

from ui.auth import current_user, login_form, logout_button
from vigia.auth import allows
from ui.i18n import LANGUAGES, t
from ui.navigation import pages
from ui.preferences import save_language, saved_language
from ui.state import settings

st.set_page_config(page_title="Vigía", page_icon="🛰️", layout="wide")

if "ui_language" not in st.session_state:
    st.session_state["ui_language"] = settings().console_language
user = current_user()
if user is not None and st.session_state.get("language_of") != user["username"]:  # just logged in
    st.session_state["ui_language"] = saved_language(user["username"]) or st.session_state["ui_language"]
    st.session_state["language_of"] = user["username"]


def remember_language() -> None:
    if current_user() is not None:
        save_language(current_user()["username"], st.session_state["ui_language"])


st.sidebar.selectbox(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="ui_language",
                     on_change=remember_language)

if current_user() is None:  # logged out: the log-in form is the only page there is
    st.navigation([st.Page(login_form, title=t("login"), url_path="login")]).run()
    st.stop()
logout_button()

role = current_user()["role"]
language = st.session_state["ui_language"]
navigation = st.navigation([
    st.Page(spec.path, title=spec.title.get(language) or spec.title["es"], icon=spec.icon, default=index == 0,
            url_path=spec.url_path)
    for index, spec in enumerate(page for page in pages() if allows(role, page.role))
])
st.sidebar.caption(t("tagline"))
navigation.run()

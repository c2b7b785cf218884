"""Entry point of the console: language choice and navigation. Run with `vigia serve`."""

from __future__ import annotations

import streamlit as st

from ui.auth import current_user, login_form, logout_button, write_session_cookie
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

write_session_cookie()
if current_user() is None:  # logged out: the log-in form, at every page's address so a deep link keeps its
    # page and query and opens them after the log-in (the same address then holds the page itself)
    st.navigation([st.Page(login_form, title=t("login"), url_path="login", default=True)]
                  + [st.Page(login_form, title=spec.title.get(st.session_state["ui_language"]) or spec.title["es"],
                             url_path=spec.url_path) for spec in pages() if spec.url_path != "login"],
                  position="hidden").run()
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

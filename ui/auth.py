"""Log-in for the console: every page needs a logged-in user with a role (viewer, annotator, admin)."""

from __future__ import annotations

import time

import streamlit as st

from ui.i18n import t
from ui.state import settings
from vigia.auth import allows, authenticate

MAX_FAILURES = 5


def current_user() -> dict | None:
    return st.session_state.get("user")


def login_form() -> None:
    """Show the log-in form; on success remember the user and rerun."""
    st.title(t("app_title"))
    st.caption(t("tagline"))
    if not settings().console_users:
        st.info(t("login_token_hint"))
    with st.form("login"):
        username = st.text_input(t("username"), key="login_username")
        password = st.text_input(t("password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("login"))
    if submitted:
        failures = st.session_state.get("login_failures", 0)
        if failures >= MAX_FAILURES:
            time.sleep(min(2 ** (failures - MAX_FAILURES), 30))  # slow down guessing
        user = authenticate(settings(), username, password)
        if user is None:
            st.session_state["login_failures"] = failures + 1
            st.error(t("login_failed"))
            return
        st.session_state["user"] = {"username": user.username, "role": user.role}
        st.session_state.pop("login_failures", None)
        st.rerun()


def require_role(role: str) -> dict:
    """The logged-in user if their role allows `role`; otherwise a plain message and a stop."""
    user = current_user()
    if user is None:
        st.warning(t("login_needed"))
        st.stop()
    if not allows(user["role"], role):
        st.error(t("role_needed", role=role))
        st.stop()
    return user


def logout_button() -> None:
    user = current_user()
    if user:
        st.sidebar.caption(t("logged_in_as", user=user["username"], role=user["role"]))
        if st.sidebar.button(t("logout"), key="logout"):
            st.session_state.pop("user", None)
            st.rerun()

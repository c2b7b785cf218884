"""Log-in for the console: every page needs a logged-in user with a role (viewer, annotator, admin).

People log in with a password (console_users, or the one-time admin password), or, when console_oidc is set,
only through the organisation's OpenID Connect provider, with roles from console_oidc_roles.
"""

from __future__ import annotations

import time

import streamlit as st

from ui.i18n import words
from ui.safe import md_escape
from ui.state import settings
from vigia.auth import allows, authenticate, oidc_role

MAX_FAILURES = 5

t = words("auth")


def current_user() -> dict | None:
    """The logged-in user: a password log-in of this session, or a provider identity console_oidc_roles knows."""
    user = st.session_state.get("user")
    if user is None and settings().console_oidc is not None:
        user = _oidc_user()
        if user is not None:
            st.session_state["user"] = user
    return user


def _oidc_email() -> str | None:
    """The e-mail address of the identity the provider logged in, unless the provider says it is unverified."""
    if not st.user.get("is_logged_in") or st.user.get("email_verified") is False:
        return None
    return st.user.get("email") or None


def _oidc_user() -> dict | None:
    email = _oidc_email()
    role = oidc_role(settings(), email)
    return {"username": email.strip().casefold(), "role": role, "oidc": True} if email and role else None


def login_form() -> None:
    """Show the log-in form (or the provider's button); on success remember the user and rerun."""
    st.title(t("app_title"))
    st.caption(t("tagline"))
    if settings().console_oidc is not None:
        oidc_login(settings().console_oidc.provider)
        return
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


def oidc_login(provider: str) -> None:
    """The provider's log-in button; for an identity with no role, why it was refused and a way out."""
    if not st.user.get("is_logged_in"):
        if st.button(t("login_with", provider=md_escape(provider)), key="oidc_login", type="primary"):
            st.login()
        return
    email = _oidc_email()
    if email is None:
        st.error(t("oidc_no_email", provider=md_escape(provider)))
    else:
        st.error(t("oidc_refused", email=md_escape(email)))
    if st.button(t("other_account"), key="oidc_logout"):
        st.logout()


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
        st.sidebar.caption(t("logged_in_as", user=md_escape(user["username"]), role=user["role"]))
        if st.sidebar.button(t("logout"), key="logout"):
            st.session_state.pop("user", None)
            if user.get("oidc"):
                st.logout()  # also drops the provider's identity cookie
                st.stop()
            else:
                st.rerun()

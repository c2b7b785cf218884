"""Log-in for the console: every page needs a logged-in user with a role (viewer, annotator, admin).

People log in with a password (console_users, or the one-time admin password), or, when console_oidc is set,
only through the organisation's OpenID Connect provider, with roles from console_oidc_roles.
"""

from __future__ import annotations

import json
import time

import streamlit as st

from ui.i18n import words
from ui.safe import md_escape
from ui.state import settings
from vigia import console_session
from vigia.auth import allows, authenticate, oidc_role
from vigia.login_throttle import LoginThrottle

t = words("auth")


def current_user() -> dict | None:
    """The logged-in user: a password log-in of this session, or a provider identity console_oidc_roles knows."""
    user = st.session_state.get("user")
    if user is None and settings().console_oidc is not None:
        user = _oidc_user()
        if user is not None:
            st.session_state["user"] = user
    if user is None and settings().console_oidc is None and not st.session_state.get("logged_out"):
        account = console_session.verify(settings(), st.context.cookies.get(console_session.COOKIE))
        if account is not None:  # a reload or a new tab of a session still running
            user = st.session_state["user"] = {"username": account.username, "role": account.role}
    return user


def _set_cookie(token: str, seconds: int) -> None:
    """Write (or with seconds=0 delete) the session cookie on the browser's next run of the page."""
    st.session_state["session_cookie"] = (token, seconds)


def write_session_cookie() -> None:
    """The cookie a log-in or log-out asked for, set from the page (Streamlit cannot set cookies itself)."""
    pending = st.session_state.pop("session_cookie", None)
    if pending is None:
        return
    token, seconds = pending
    cookie = json.dumps(f"{console_session.COOKIE}={token}; Max-Age={seconds}; Path=/; SameSite=Strict")
    st.html(f"<script>document.cookie = {cookie} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True)


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
        throttle, address = LoginThrottle(settings().data_dir), _address()
        time.sleep(throttle.delay(username, address))  # slow down guessing, whatever the browser session
        user = authenticate(settings(), username, password)
        if user is None:
            throttle.failed(username, address)
            st.error(t("login_failed"))
            return
        throttle.succeeded(username, address)
        st.session_state["user"] = {"username": user.username, "role": user.role}
        st.session_state.pop("logged_out", None)
        _set_cookie(*console_session.issue(settings(), user))
        st.rerun()


def _address() -> str | None:
    """The browser's address as Streamlit saw it (the proxy's, behind one), or None where it is not known."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


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
    if user is None:  # a page opened by its address before logging in: log in here, then the page opens
        st.warning(t("login_needed"))
        login_form()
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
            if not user.get("oidc"):
                console_session.Revocations(settings().data_dir).revoke(
                    st.context.cookies.get(console_session.COOKIE))
                st.session_state["logged_out"] = True  # the cookie read when this session began is gone
                _set_cookie("", 0)
            if user.get("oidc"):
                st.logout()  # also drops the provider's identity cookie
                st.stop()
            else:
                st.rerun()

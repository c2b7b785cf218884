"""The console's session token and the failed-login slowdown, kept server-side."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from streamlit.testing.v1 import AppTest

from vigia import console_session
from vigia.auth import hash_password
from vigia.login_throttle import LoginThrottle
from vigia.settings import load_settings

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"
NOW = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)


def accounts(monkeypatch, password: str = "una clave larga") -> None:
    monkeypatch.setenv("VIGIA_CONSOLE_USERS", json.dumps(
        [{"username": "ana", "role": "annotator", "password_hash": hash_password(password)}]))


def test_a_session_token_holds_until_it_expires_is_changed_the_password_changes_or_it_is_revoked(isolated,
                                                                                                   monkeypatch):
    accounts(monkeypatch)
    settings = load_settings()
    user = settings.console_users[0]
    token, seconds = console_session.issue(settings, user, NOW)
    assert seconds == 12 * 3600
    assert console_session.verify(settings, token, NOW + timedelta(hours=11)).username == "ana"
    assert console_session.verify(settings, token, NOW + timedelta(hours=13)) is None
    name, sid, expires, signature = token.split(".")
    assert console_session.verify(settings, f"{name}.{sid}.{int(expires) + 86400}.{signature}", NOW) is None
    assert console_session.verify(settings, "garbage", NOW) is None and console_session.verify(settings, None) is None
    accounts(monkeypatch, "otra clave larga")
    assert console_session.verify(load_settings(), token, NOW) is None  # a new password ends old sessions
    accounts(monkeypatch)
    settings = load_settings()
    token, _ = console_session.issue(settings, settings.console_users[0], NOW)
    console_session.Revocations(settings.data_dir).revoke(token, NOW)
    assert console_session.verify(settings, token, NOW) is None


def test_failed_log_ins_are_counted_per_user_and_address_across_sessions(isolated, monkeypatch, tmp_path):
    accounts(monkeypatch)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{tmp_path / 'empty.db'}")
    for _ in range(5):  # each a new browser session
        app = AppTest.from_file(str(APP), default_timeout=30).run()
        app.text_input(key="login_username").input("ana")
        app.text_input(key="login_password").input("no es la clave")
        app.button[0].click().run()
        assert "incorrectos" in app.error[0].value
    throttle = LoginThrottle(isolated)
    assert throttle.failures("ana", None) == 5 and throttle.delay("ana", None) == 1.0
    assert throttle.failures("ana", "203.0.113.9") == 0 and throttle.failures("luis", None) == 0
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    app.text_input(key="login_username").input("ana")
    app.text_input(key="login_password").input("una clave larga")
    app.button[0].click().run()
    assert app.session_state["user"] == {"username": "ana", "role": "annotator"}
    assert throttle.failures("ana", None) == 0  # a successful log-in resets it

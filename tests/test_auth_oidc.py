"""Log-in through an OpenID Connect provider: role mapping, settings checks, Streamlit's secrets file, log-in page."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.auth import CONSOLE_SECRETS_FILE, console_secrets_file, oidc_role
from vigia.errors import ConfigError
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"
OIDC = {"provider": "Acme ID", "client_id": "vigia-console", "client_secret": "client-secret-9f2c",
        "server_metadata_url": "https://id.acme.example/.well-known/openid-configuration",
        "redirect_uri": "https://vigia.acme.example/oauth2callback"}
ROLES = {"Ana@Acme.example": "admin", "*@acme.example": "viewer", "bea@partners.example": "annotator"}


def write_toml(text: str) -> None:
    Path("vigia.toml").write_text(text, encoding="utf-8")


def oidc_toml(roles: str = '"*@acme.example" = "viewer"\n', oidc: dict = OIDC) -> str:
    section = "".join(f"{key} = {json.dumps(value)}\n" for key, value in oidc.items())
    return f"[console_oidc]\n{section}\n[console_oidc_roles]\n{roles}"


def test_roles_come_from_the_exact_address_first_then_the_domain(isolated):
    settings = load_settings(console_oidc=OIDC, console_oidc_roles=ROLES)
    assert oidc_role(settings, "ana@acme.example") == "admin"  # her own entry beats the domain's
    assert oidc_role(settings, " ANA@ACME.EXAMPLE ") == "admin"  # addresses compare case-insensitively
    assert oidc_role(settings, "carla@acme.example") == "viewer"  # the domain wildcard
    assert oidc_role(settings, "bea@partners.example") == "annotator"
    assert oidc_role(settings, "dan@partners.example") is None  # unknown: refused, there is no default role
    assert oidc_role(settings, "eve@evil.acme.example") is None  # a subdomain is another domain
    assert oidc_role(settings, "eve@acme.example.evil.example") is None
    assert oidc_role(settings, None) is None and oidc_role(settings, "") is None and oidc_role(settings, "acme") is None


@pytest.mark.parametrize("content,field,words", [
    (oidc_toml('"ana@acme.example" = "superuser"\n'), "console_oidc_roles.ana@acme.example", "'viewer'"),
    (oidc_toml('"acme.example" = "viewer"\n'), "console_oidc_roles", "neither an e-mail address nor '*@domain'"),
    (oidc_toml('"ana*@acme.example" = "viewer"\n'), "console_oidc_roles", "neither an e-mail address"),
    (oidc_toml(""), "console_oidc_roles", "nobody could log in"),
    (oidc_toml(oidc={**OIDC, "redirect_uri": "https://vigia.acme.example/"}), "console_oidc.redirect_uri",
     "/oauth2callback"),
    (oidc_toml(oidc={**OIDC, "server_metadata_url": "id.acme.example"}), "console_oidc.server_metadata_url",
     "absolute"),
    (oidc_toml(oidc={k: v for k, v in OIDC.items() if k != "client_secret"}), "console_oidc.client_secret",
     "required"),
    ('[[console_users]]\nusername = "ana"\npassword_hash = "x"\n\n' + oidc_toml(), "console_oidc",
     "remove console_users"),
])
def test_bad_oidc_settings_are_one_clear_error_naming_the_field(isolated, content: str, field: str, words: str):
    write_toml(content)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert f"setting '{field}'" in str(info.value) and words in str(info.value)
    assert "client-secret-9f2c" not in str(info.value)


def test_the_secrets_file_holds_streamlits_auth_section_for_the_owner_only(isolated):
    write_toml(oidc_toml())
    settings = load_settings()
    path = console_secrets_file(settings)
    assert path == isolated / CONSOLE_SECRETS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    auth = tomllib.loads(path.read_text(encoding="utf-8"))["auth"]
    cookie_secret = auth.pop("cookie_secret")
    assert auth == {"redirect_uri": OIDC["redirect_uri"], "client_id": "vigia-console",
                    "client_secret": "client-secret-9f2c", "server_metadata_url": OIDC["server_metadata_url"]}
    key_file = isolated / "oidc-cookie.key"  # generated once, kept like the pseudonym key
    assert len(cookie_secret) == 64 and key_file.read_text() == cookie_secret
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    path.chmod(0o644)  # a later run tightens what it rewrites and keeps the same cookie secret (sessions survive)
    console_secrets_file(load_settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tomllib.loads(path.read_text(encoding="utf-8"))["auth"]["cookie_secret"] == cookie_secret
    assert [p.name for p in isolated.iterdir() if p.name.startswith(".console-secrets-")] == []

    write_toml(oidc_toml(oidc={**OIDC, "cookie_secret": 'chosen "secret" \\ with quotes, ñ'}))
    auth = tomllib.loads(console_secrets_file(load_settings()).read_text(encoding="utf-8"))["auth"]
    assert auth["cookie_secret"] == 'chosen "secret" \\ with quotes, ñ'  # escaped, not broken TOML

    write_toml("")
    assert console_secrets_file(load_settings()) is None and not path.exists()  # OIDC off: no secret left behind


def test_secrets_never_show_in_the_settings_repr(isolated):
    settings = load_settings(console_oidc={**OIDC, "cookie_secret": "cookie-secret-77"}, console_oidc_roles=ROLES)
    shown = repr(settings) + str(settings.model_dump())
    assert "client-secret-9f2c" not in shown and "cookie-secret-77" not in shown


@pytest.fixture
def oidc_console(settings, sqlite_store, enricher, monkeypatch) -> None:
    records = [(f"r{i}", incoming(native_id=str(i), text=text)) for i, text in enumerate(
        ["Los venezolanos en Lima trabajan duro", "Solidaridad con los haitianos en Santiago"])]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    monkeypatch.setenv("VIGIA_CONSOLE_OIDC", json.dumps(OIDC))
    monkeypatch.setenv("VIGIA_CONSOLE_OIDC_ROLES", json.dumps(ROLES))


def console(user: dict) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.session_state["ui_language"] = "es"
    app.user = user
    return app.run()


def test_with_oidc_the_login_page_offers_the_provider_and_no_password_form(oidc_console):
    app = console({"is_logged_in": False})
    assert not app.exception and not app.metric
    assert [b.label for b in app.button] == ["Entrar con Acme ID"]
    assert not app.text_input and not app.info  # no password form, no one-time password hint


def test_a_mapped_identity_lands_on_panorama_with_its_role(oidc_console):
    """(Logging out through the sidebar is covered in the browser: AppTest reruns only the page after a click.)"""
    app = console({"is_logged_in": True, "email": "Carla@ACME.example", "name": "Carla"})
    assert not app.exception and app.title[0].value == "Panorama" and app.metric[0].value == "2"
    assert app.session_state["user"] == {"username": "carla@acme.example", "role": "viewer", "oidc": True}
    assert "carla@acme\\.example (viewer)" in [c.value for c in app.sidebar.caption]
    assert [b.label for b in app.sidebar.button] == ["Salir"]


@pytest.mark.parametrize("user,message", [
    ({"is_logged_in": True, "email": "dan@partners.example"},
     "La cuenta dan@partners\\.example no tiene acceso a esta consola"),
    ({"is_logged_in": True, "email": "ana@acme.example", "email_verified": False},
     "Acme ID no informó un correo verificado"),
    ({"is_logged_in": True, "name": "Sin correo"}, "Acme ID no informó un correo verificado"),
])
def test_an_identity_with_no_role_is_refused_with_a_way_out(oidc_console, user: dict, message: str):
    app = console(user)
    assert not app.exception and not app.metric and "user" not in app.session_state
    assert app.error[0].value.startswith(message)
    assert [b.label for b in app.button] == ["Entrar con otra cuenta"]
    app.button(key="oidc_logout").click().run()
    assert app.user == {"is_logged_in": False}
    app.run()
    assert [b.label for b in app.button] == ["Entrar con Acme ID"]


def test_password_login_is_untouched_without_oidc(settings, sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = console({"is_logged_in": True, "email": "ana@acme.example"})  # a provider identity means nothing here
    assert "user" not in app.session_state and app.text_input(key="login_password")
    assert [b.label for b in app.button] == ["Entrar"]

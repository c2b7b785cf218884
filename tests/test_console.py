"""The console page, driven through Streamlit's own AppTest against a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.pipeline import Pipeline

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "panorama.py"
APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"

RECORDS = [
    incoming(native_id=str(i), text=text, country=country, created_at=f"2026-05-{day:02d}T12:00:00Z",
             platform=platform, url=None)
    for i, (text, country, day, platform) in enumerate([
        ("Los venezolanos en Lima trabajan duro", "PE", 1, "x"),
        ("Solidaridad con los haitianos en Santiago", "CL", 1, "x"),
        ("Os venezuelanos em Boa Vista", "BR", 2, "telegram"),
        ("Nicaragüenses en Upala esperan papeles", "CR", 3, "x"),
        ("Récord de cruces por el Darién", "PA", 3, "reddit"),
        ("Migrantes venezolanos en Cúcuta", "CO", 4, "x"),
    ])
]


@pytest.fixture
def store_url(settings, sqlite_store, enricher, monkeypatch) -> str:
    Pipeline(settings, sqlite_store, enricher, collector="test").process([(f"r{i}", r) for i, r in enumerate(RECORDS)])
    url = f"sqlite://{sqlite_store.path}"
    monkeypatch.setenv("VIGIA_STORE_URL", url)
    return url


def page(role: str | None = "viewer") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=30)
    app.session_state["ui_language"] = "es"
    if role:
        app.session_state["user"] = {"username": "ana", "role": role}
    return app.run()


def test_headline_and_list_show_the_store(store_url: str):
    app = page()
    assert not app.exception
    assert app.metric[0].value == "6"
    captions = " ".join(c.value for c in app.caption)
    assert "6 publicaciones encontradas" in captions
    texts = [t.value for t in app.text]
    assert texts[0] == "Migrantes venezolanos en Cúcuta"  # newest first
    assert len(texts) == 6


def test_search_and_filters_narrow_the_list(store_url: str):
    app = page()
    app.text_input(key="query").input("venezolanos").run()
    assert {t.value for t in app.text} == {"Los venezolanos en Lima trabajan duro", "Migrantes venezolanos en Cúcuta"}
    app.multiselect(key="countries").select("PE").run()
    assert [t.value for t in app.text] == ["Los venezolanos en Lima trabajan duro"]
    assert app.metric[0].value == "1"


def test_split_choice_and_language_switch(store_url: str):
    app = page()
    assert app.radio(key="split").options == ["plataforma", "idioma", "grupo señalado", "país"]
    app.radio(key="split").set_value("target").run()
    assert not app.exception
    app.session_state["ui_language"] = "en"
    app.run()
    assert app.title[0].value == "Overview"
    assert "6 posts found" in " ".join(c.value for c in app.caption)


def test_empty_store_says_what_to_do(settings, sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page()
    assert "vigia demo" in app.info[0].value and not app.exception


def test_unreadable_store_is_a_plain_error(tmp_path: Path, monkeypatch):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{bad}")
    app = page()
    assert app.error and "not a database" in app.error[0].value and not app.exception
    assert app.error[0].value.startswith("No se puede leer el almacén")


def test_the_page_needs_a_logged_in_user(store_url: str):
    app = page(role=None)
    assert "Inicie sesión" in app.warning[0].value and not app.metric


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    app.text_input(key="login_username").input(username)
    app.text_input(key="login_password").input(password)
    return app.button[0].click().run()


def test_log_in_with_an_account_from_the_settings(store_url: str, monkeypatch):
    import json

    from vigia.auth import hash_password

    users = [{"username": "ana", "role": "annotator", "password_hash": hash_password("una clave larga")}]
    monkeypatch.setenv("VIGIA_CONSOLE_USERS", json.dumps(users))
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not app.metric and app.text_input(key="login_password")
    log_in(app, "ana", "otra clave")
    assert "incorrectos" in app.error[0].value and not app.metric
    log_in(app, "ana", "una clave larga")
    assert not app.exception and app.session_state["user"] == {"username": "ana", "role": "annotator"}
    assert app.metric[0].value == "6"


def test_one_time_admin_password_when_no_accounts_exist(store_url: str, monkeypatch):
    from vigia.auth import new_console_token

    token, hashed = new_console_token()
    monkeypatch.setenv("VIGIA_CONSOLE_TOKEN_HASH", hashed)
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert "contraseña de un solo uso" in app.info[0].value
    log_in(app, "admin", token)
    assert app.session_state["user"]["role"] == "admin" and app.metric[0].value == "6"


def test_post_content_is_shown_as_text_never_as_markup(settings, sqlite_store, enricher, monkeypatch):
    hostile = incoming(native_id="666", url="https://evil.example/a)(javascript:alert(1)",
                       title="**Gritos** <script>alert(1)</script> [clic](javascript:alert(2))",
                       text="# Título falso\n<img src=x onerror=alert(3)>", source="[fuente](javascript:x)")
    Pipeline(settings, sqlite_store, enricher, collector="test").process([("r", hostile)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page()
    assert app.text[0].value == "# Título falso\n<img src=x onerror=alert(3)>"
    rendered = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "](javascript:" not in rendered and "<script>" not in rendered
    assert "\\*\\*Gritos\\*\\*" in rendered and "%28javascript:alert%281%29" in rendered

"""The sources page: each configured source's last run, what it collected, its errors, and who went quiet."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from recorded import write_sources
from vigia.ingest.health import record_failure
from vigia.settings import SourceConfig

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "fuentes.py"
ERROR = "every request failed: **http://127.0.0.1:9** refused"


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run(at: datetime, fetched: int, new: int, last_new_at: datetime) -> dict:
    return {"run_at": stamp(at), "finished": True, "fetched": fetched, "new": new, "errors": 0,
            "last_new_at": stamp(last_new_at), "stale_after_hours": 48}


@pytest.fixture
def sources(sqlite_store, monkeypatch, tmp_path: Path) -> None:
    write_sources(tmp_path / "vigia.toml", [
        {"name": "tg", "spider": "telegram", "options": {"channels": ["noticias_frontera"]}},
        {"name": "callado", "spider": "mastodon", "options": {"tags": ["migrantes"]}},
        {"name": "roto", "spider": "telegram", "options": {"channels": ["x"]}},
        {"name": "apagado", "spider": "reddit", "enabled": False}])
    now = datetime.now(timezone.utc)
    earlier = run(now - timedelta(hours=3), 10, 6, now - timedelta(hours=3))
    latest = run(now - timedelta(hours=1), 12, 4, now - timedelta(hours=1))
    sqlite_store.set_checkpoint("tg", {"health": latest, "runs": [latest, earlier]})
    quiet = run(now - timedelta(hours=1), 20, 0, now - timedelta(hours=73))
    sqlite_store.set_checkpoint("callado", {"health": quiet, "runs": [quiet]})
    record_failure(sqlite_store, SourceConfig(name="roto", spider="telegram"), ERROR)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")


def page(role: str = "admin") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=30)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": "root", "role": role}
    return app.run()


def test_sources_show_their_runs_errors_and_silence(sources):
    app = page()
    assert not app.exception
    table = app.dataframe[0].value.set_index("Fuente")
    assert list(table.index) == ["tg", "callado", "roto", "apagado"]
    assert list(table["Estado"]) == ["al día", "en silencio", "con fallas", "nunca ejecutada"]
    last_run = ["Recibidas", "Nuevas", "Errores", "Nuevas (últimas ejecuciones)"]
    assert table.loc["tg", last_run].tolist() == [12, 4, 0, 10]
    assert table.loc["roto", "Errores"] == 1 and not table.loc["apagado", "Activa"]
    assert table.loc["callado", "Horas sin novedades"] == pytest.approx(73, abs=0.1)
    assert {m.label: m.value for m in app.metric} == {"al día": "1", "en silencio": "1", "con fallas": "1",
                                                      "formato cambiado": "0", "nunca ejecutada": "1"}

    assert [e.value for e in app.error] == ["La fuente roto falla. Último error:"]
    assert ERROR in [t.value for t in app.text]  # the error as written, never as Markdown
    assert len(app.warning) == 1 and "callado" in app.warning[0].value and "73 horas" in app.warning[0].value
    assert not app.success


def test_a_parser_alert_shows_as_a_changed_format(sqlite_store, monkeypatch, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{"name": "bsky", "spider": "bluesky", "options": {"queries": ["x"]}}])
    now = datetime.now(timezone.utc)
    alert = {"at": stamp(now), "url": "https://api.example/xrpc/app.bsky.feed.searchPosts?q=x", "records": 3,
             "unreadable": 2, "reason": "text: Field required"}
    latest = {**run(now, 3, 1, now), "errors": 2, "parser_alerts": [alert]}
    sqlite_store.set_checkpoint("bsky", {"health": latest, "runs": [latest]})
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page()
    assert not app.exception
    assert list(app.dataframe[0].value["Estado"]) == ["formato cambiado"]
    assert "bsky" in app.error[0].value and "formato" in app.error[0].value
    assert [t.value for t in app.text] == [
        "2 of 3 records unreadable on https://api.example/xrpc/app.bsky.feed.searchPosts?q=x: text: Field required"]


def test_english_and_nothing_configured(sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = AppTest.from_file(str(PAGE), default_timeout=30)
    app.session_state["ui_language"] = "en"
    app.session_state["user"] = {"username": "root", "role": "admin"}
    app.run()
    assert "No sources are configured" in app.info[0].value and not app.dataframe


@pytest.mark.parametrize("role", ["viewer", "annotator"])
def test_only_admins_see_the_sources(sources, role: str):
    app = page(role)
    assert "admin" in app.error[0].value and not app.dataframe and not app.text

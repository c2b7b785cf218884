"""Saved searches in Explorar: saved per user or shared, opened again, and turned into alert rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.alerting.saved_searches import SavedSearches
from vigia.cli.main import cli
from vigia.ingest.pipeline import Pipeline

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "explorar.py"
DAY = date(2026, 5, 10)


@pytest.fixture
def filled(settings, sqlite_store, enricher, monkeypatch):
    """Two «frontera» posts in PE a day from 4 to 9 May, six on 10 May, and a CL post each day."""
    records, n = [], 0
    for back in range(7):
        day = DAY - timedelta(days=back)
        for k in range(6 if back == 0 else 2):
            records.append(incoming(native_id=f"pe{n}", text=f"Cierre de la frontera en Tumbes, aviso {n}",
                                    country="PE", url=None, created_at=f"{day}T1{k}:00:00Z"))
            n += 1
        records.append(incoming(native_id=f"cl{back}", text=f"Cierre de la frontera en Arica {back}", country="CL",
                                url=None, created_at=f"{day}T09:00:00Z"))
    Pipeline(settings, sqlite_store, enricher, collector="test").process([(f"r{i}", r) for i, r in enumerate(records)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    return sqlite_store


def page(user: str) -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": user, "role": "viewer"}
    return app.run()


def test_a_saved_search_is_kept_per_user_or_shared_and_opens_again(filled, settings):
    app = page("vera")
    assert not app.exception
    assert "Aún no hay búsquedas guardadas." in [c.value for c in app.caption]
    app.text_input(key="query").set_value("frontera").run()
    app.multiselect(key="countries").set_value(["PE"]).run()
    app.text_input(key="saved_name").set_value("Tumbes").run()
    app.radio(key="saved_rule").set_value("daily_over").run()
    app.number_input(key="saved_threshold").set_value(4).run()
    app.button(key="saved_save").click().run()
    assert not app.exception and "Se guardó «Tumbes»." in [s.value for s in app.success]
    app.text_input(key="saved_name").set_value("Todo").run()
    app.radio(key="saved_rule").set_value("none").run()
    app.checkbox(key="saved_shared").check().run()
    app.text_input(key="query").set_value("").run()
    app.multiselect(key="countries").set_value([]).run()
    app.button(key="saved_save").click().run()

    [tumbes] = [s for s in SavedSearches(settings.data_dir).all() if s.name == "Tumbes"]
    assert (tumbes.owner, tumbes.shared, tumbes.text, tumbes.filters.countries, tumbes.rule, tumbes.threshold) == (
        "vera", False, "frontera", ["PE"], "daily_over", 4)
    assert tumbes.filters.since is None and tumbes.filters.until is None  # the period is not part of it

    other = page("luis")  # sees only the shared search
    assert other.selectbox(key="saved_search").options == ["Todo (compartida por vera)"]
    assert not [b for b in other.button if b.key == "saved_delete"]  # not his to delete

    app = page("vera")
    assert app.selectbox(key="saved_search").options == ["Todo (mía)", "Tumbes (mía)"]
    app.selectbox(key="saved_search").select(tumbes.id).run()
    app.button(key="saved_open").click().run()
    assert not app.exception
    assert app.text_input(key="query").value == "frontera" and app.multiselect(key="countries").value == ["PE"]
    assert "18 publicaciones encontradas" in " ".join(c.value for c in app.caption)  # 2×6 + 6 in PE
    app.button(key="saved_delete").click().run()
    assert [s.name for s in SavedSearches(settings.data_dir).all()] == ["Todo"]


def test_a_saved_search_rule_alerts_once_on_the_days_it_holds(filled, settings):
    from vigia.alerting.saved_searches import SavedSearch
    from vigia.store import Filters

    searches = SavedSearches(settings.data_dir)
    searches.save(SavedSearch(name="Tumbes", owner="vera", text="frontera", filters=Filters(countries=["PE"]),
                              rule="daily_over", threshold=4))
    searches.save(SavedSearch(name="Arica", owner="vera", text="Arica", rule="new"))
    result = CliRunner().invoke(cli, ["alerts", "run", "--dry-run", "--until", str(DAY), "--days", "2"])
    assert result.exit_code == 0, result.output
    sent = [line for line in result.output.splitlines() if line.startswith("would send")]
    assert sorted(sent) == sorted([
        f"would send: Vigía: 6 publicaciones coinciden con «Tumbes» el {DAY}",
        f"would send: Vigía: 1 publicaciones nuevas coinciden con «Arica» ({DAY - timedelta(days=1)})",
        f"would send: Vigía: 1 publicaciones nuevas coinciden con «Arica» ({DAY})",
    ])

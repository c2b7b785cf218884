"""The console page, driven through Streamlit's own AppTest against a real store."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.analysis.alerts import corrected
from vigia.analysis.estimates import estimate_or_reason
from vigia.ingest.pipeline import Pipeline
from vigia.store import Filters

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


def test_headline_shows_the_store(store_url: str):
    app = page()
    assert not app.exception
    assert (app.metric[0].label, app.metric[0].value, app.metric[0].delta) == ("Publicaciones", "6", "")
    assert ("Sin cambios que mostrar: el período anterior de igual duración (2026-04-27 a 2026-04-30) es anterior"
            in " ".join(c.value for c in app.caption))  # the whole store is chosen: nothing earlier to compare
    app.date_input(key="period").set_value((date(2026, 5, 2), date(2026, 5, 4))).run()
    assert app.metric[0].value == "4" and app.metric[0].delta == "+2"  # 2-4 May against 29 April-1 May
    assert "El almacén empieza el 2026-05-01: parte de ese período no tiene datos." in " ".join(
        c.value for c in app.caption)
    assert not app.text_input  # searching posts is Explorar's job
    app.multiselect(key="countries").select("CL").run()
    assert (app.metric[0].value, app.metric[0].delta) == ("0", "-1")  # CL's one post is on 1 May


def test_split_choice_and_language_switch(store_url: str):
    app = page()
    assert app.radio(key="split").options == ["discurso de odio", "encuadre", "plataforma", "idioma", "grupo señalado", "país"]
    app.radio(key="split").set_value("target").run()
    app.radio(key="interval").set_value("week").run()
    assert not app.exception and app.subheader[0].value == "Publicaciones por semana"
    app.session_state["ui_language"] = "en"
    app.run()
    assert app.title[0].value == "Overview"
    assert [m.label for m in app.metric[:2]] == ["Posts", "Xenophobic posts"]


def labelled(i: int, day: str, *, migration: bool | None, hateful: bool | None, targets=(), myths=(),
             country: str = "CO") -> dict:
    """A record on `day` carrying a classifier's labels, target groups and myths."""
    labels = []
    if migration is not None:
        labels.append({"task": "migration", "label": "migration" if migration else "not_migration", "score": 0.9,
                       "model": "test-model", "model_version": "1"})
    if hateful is not None:
        labels.append({"task": "hate", "label": "hateful" if hateful else "not_hateful", "score": 0.9,
                       "model": "test-model", "model_version": "1"})
    return incoming(native_id=f"p{i}", url=None, text=f"Texto de prueba {i}", created_at=f"{day}T12:00:00Z",
                    country=country, labels=labels, targets=list(targets), myths=list(myths))


def fill(settings, sqlite_store, enricher, monkeypatch, records: list[dict]) -> None:
    Pipeline(settings, sqlite_store, enricher, collector="test").process([(f"r{i}", r) for i, r in enumerate(records)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")


def test_headline_figures_change_against_the_previous_period(settings, sqlite_store, enricher, monkeypatch):
    fill(settings, sqlite_store, enricher, monkeypatch, [
        # previous period, 1-2 May: 4 posts, 1 of the 3 about migration hateful
        labelled(1, "2026-05-01", migration=True, hateful=True, targets=["venezuelans"], myths=["jobs_wages"]),
        labelled(2, "2026-05-01", migration=True, hateful=False, targets=["venezuelans"]),
        labelled(3, "2026-05-02", migration=False, hateful=False),
        labelled(4, "2026-05-02", migration=True, hateful=False, targets=["haitians"]),
        # chosen period, 3-4 May: 6 posts, 3 of the 4 about migration hateful
        labelled(5, "2026-05-03", migration=True, hateful=True, targets=["venezuelans"], myths=["jobs_wages"]),
        labelled(6, "2026-05-03", migration=True, hateful=True, targets=["venezuelans"], myths=["jobs_wages"]),
        labelled(7, "2026-05-03", migration=True, hateful=True, targets=["haitians"], myths=["disease"]),
        labelled(8, "2026-05-04", migration=True, hateful=False, targets=["venezuelans"]),
        labelled(9, "2026-05-04", migration=False, hateful=True),  # hateful, but not about migration
        labelled(10, "2026-05-04", migration=None, hateful=None, country="PE"),
    ])
    app = page()
    app.date_input(key="period").set_value((date(2026, 5, 3), date(2026, 5, 4))).run()
    assert not app.exception
    (now,), _ = xenophobic(sqlite_store, settings, "2026-05-03", "2026-05-05")
    (before,), _ = xenophobic(sqlite_store, settings, "2026-05-01", "2026-05-03")
    assert now.classify_and_count == 0.75 and now.estimate != 0.75  # 3 of 4, corrected for the model card's rates
    figures = [(m.label, m.value, m.delta) for m in app.metric]
    assert figures == [
        ("Publicaciones", "6", "+2"),
        ("Publicaciones xenófobas", percent(now.estimate), f"{(now.estimate - before.estimate) * 100:+.1f} pp"),
        ("venezolanos", "3", "+1"), ("haitianos", "1", "+0"),
        ("Los migrantes quitan empleos y hunden los salarios", "2", "+1"),
        ("Los migrantes propagan enfermedades", "1", "+1"),
    ]
    assert chart(app) == {("2026-05-03", "Odio", 3), ("2026-05-04", "Odio", 1), ("2026-05-04", "No es odio", 1),
                          ("2026-05-04", "(sin dato)", 1)}  # posts per day by hate label, unlabelled ones too
    captions = " ".join(c.value for c in app.caption)
    assert (f"Estimación corregida: {percent(now.estimate)} (intervalo al 95 %: {percent(now.ci_low)}–"
            f"{percent(now.ci_high)}). Conteo del clasificador: 3 de 4 publicaciones sobre migración "
            "(75.0 %).") in captions
    assert f"tasas de error: {now.error_rates_from}" in captions and "método acc" in captions
    assert "período anterior de igual duración: 2026-05-01 a 2026-05-02." in captions
    assert "El almacén empieza" not in captions
    trend = app.dataframe[0].value  # the estimate per day, the count beside it
    (day3,), _ = xenophobic(sqlite_store, settings, "2026-05-03", "2026-05-04")
    assert trend.iloc[0].tolist() == ["2026-05-03", percent(day3.estimate),
                                      f"{percent(day3.ci_low)}–{percent(day3.ci_high)}", "100.0 %", 3]
    assert trend.iloc[1, 3:].tolist() == ["0.0 %", 1]  # 4 May: 1 post about migration, not hateful
    app.multiselect(key="countries").select("PE").run()
    assert [(m.value, m.delta) for m in app.metric] == [("1", "+1"), ("—", "")]
    assert [i.value for i in app.info if "estimación" in i.value] == [
        "Sin estimación por período: no posts about migration labelled by the classifier for hate match these "
        "filters: nothing to estimate"]


def day_filters(since: str, until: str) -> Filters:
    return Filters(since=datetime.fromisoformat(since + "T00:00:00+00:00"),
                   until=datetime.fromisoformat(until + "T00:00:00+00:00"))


def xenophobic(store, settings, since: str, until: str):
    """The corrected xenophobic share the page should show, from the estimates service with its defaults."""
    return estimate_or_reason(store, day_filters(since, until), "xenophobic", "xenophobic", settings.classifier_dir)


def percent(share: float) -> str:
    return f"{share:.1%}".replace("%", " %")


def chart(app: AppTest) -> set[tuple[str, str, int]]:
    """(day, series, posts) drawn by the page's bar chart (the first chart; the share's trend follows)."""
    import pyarrow

    element = app.get("vega_lite_chart")[0]
    frame = pyarrow.ipc.open_stream(element.proto.datasets[0].data.data).read_pandas()
    return {(day.date().isoformat(), series, posts) for day, series, posts in frame.itertuples(index=False)}


def daily_myths(days: int, spike: int = 0) -> list[dict]:
    """One `disease` and one `jobs_wages` post a day from 1 April 2026, and `spike` more `disease` posts on 3 May."""
    first = date(2026, 4, 1)
    records = [labelled(n * 2 + k, (first + timedelta(days=n)).isoformat(), migration=None, hateful=None,
                        myths=[myth]) for n in range(days) for k, myth in enumerate(("disease", "jobs_wages"))]
    return records + [labelled(1000 + k, "2026-05-03", migration=None, hateful=None, myths=["disease"])
                      for k in range(spike)]


def test_a_myth_spike_raises_an_alert_linking_to_its_posts(settings, sqlite_store, enricher, monkeypatch):
    fill(settings, sqlite_store, enricher, monkeypatch, daily_myths(40, spike=30))
    app = page()
    assert not app.exception
    alerts = [m.value for m in app.markdown if "Mito «" in m.value]
    assert alerts == ["**2026-05-03** · Mito «Los migrantes propagan enfermedades»: 31 de 32 publicaciones "
                      "recogidas (96.9 %); lo habitual, 50.0 % (p = 2e-06)"]
    links = [m.value for m in app.markdown if "explorar" in m.value]
    assert links == ["[Ver publicaciones](./explorar?since=2026-05-03&until=2026-05-03&myth=disease)"]
    assert "p < 0.001" in " ".join(c.value for c in app.caption)
    app.date_input(key="period").set_value((date(2026, 5, 4), date(2026, 5, 10))).run()
    assert not [m for m in app.markdown if "explorar" in m.value]
    assert app.info[-1].value == "Ninguna alerta en este período."


def test_in_the_console_the_alert_links_to_explorar_keeping_the_session(settings, sqlite_store, enricher,
                                                                        monkeypatch):
    fill(settings, sqlite_store, enricher, monkeypatch, daily_myths(40, spike=30))
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    app.run()
    app.multiselect(key="countries").select("CO").run()
    assert not app.exception and app.title[0].value == "Panorama"
    [link] = app.page_link
    assert (link.value, link.proto.page) == ("Ver publicaciones", "explorar")
    assert parse_qs(link.proto.query_string) == {"since": ["2026-05-03"], "until": ["2026-05-03"],
                                                 "myth": ["disease"], "country": ["CO"]}


def test_a_jump_in_the_xenophobic_share_raises_an_alert(settings, sqlite_store, enricher, monkeypatch):
    first = date(2026, 4, 1)
    records = [labelled(n * 4 + k, (first + timedelta(days=n)).isoformat(), migration=True, hateful=k == 0)
               for n in range(35) for k in range(4)]  # 1 in 4 posts about migration is hateful, every day
    records += [labelled(1000 + k, "2026-05-03", migration=True, hateful=True) for k in range(16)]
    fill(settings, sqlite_store, enricher, monkeypatch, records)  # 3 May: 17 hateful among 20
    app = page()
    day, baseline = (corrected(sqlite_store, day_filters(since, until), settings.classifier_dir)
                     for since, until in (("2026-05-03", "2026-05-04"), ("2026-04-05", "2026-05-03")))
    assert day > baseline > 0.25  # the model card's rates: the model misses hateful posts, the correction adds them
    assert [m.value for m in app.markdown if "Proporción xenófoba" in m.value] == [
        f"**2026-05-03** · Proporción xenófoba estimada: {percent(day)}; lo habitual, {percent(baseline)}. Conteo del "
        "clasificador: 17 de 20 publicaciones sobre migración (85.0 %); lo habitual, 25.0 % (p = 5e-07)"]
    assert [m.value for m in app.markdown if "explorar" in m.value] == [
        "[Ver publicaciones](./explorar?since=2026-05-03&until=2026-05-03)"]


def test_a_backfill_with_the_usual_mix_raises_no_alert_and_a_rise_in_share_does(settings, sqlite_store, enricher,
                                                                             monkeypatch):
    first = date(2026, 4, 1)
    records = [labelled(n * 4 + k, (first + timedelta(days=n)).isoformat(), migration=True, hateful=k == 0,
                        myths=["disease"] if k == 0 else [])
               for n in range(35) for k in range(4)]  # 1 in 4 posts hateful and with the myth, every day
    records += [labelled(1000 + k, "2026-05-03", migration=True, hateful=k % 4 == 0,
                         myths=["disease"] if k % 4 == 0 else []) for k in range(76)]  # a backfill: 20× the posts
    fill(settings, sqlite_store, enricher, monkeypatch, records)
    app = page()
    assert not app.exception and app.info[-1].value == "Ninguna alerta en este período."
    rise = [labelled(2000 + k, "2026-05-04", migration=True, hateful=True, myths=["disease"]) for k in range(12)]
    fill(settings, sqlite_store, enricher, monkeypatch, rise)  # 4 May: 13 of 16 posts, instead of 1 in 4
    st_cache_clear()
    app = page()
    alerts = [m.value for m in app.markdown if m.value.startswith("**2026-05-04**")]
    [myth] = [a for a in alerts if "Mito «" in a]
    [share] = [a for a in alerts if "Proporción xenófoba" in a]
    assert "Mito «Los migrantes propagan enfermedades»: 13 de 16 publicaciones recogidas (81.2 %)" in myth
    day = corrected(sqlite_store, day_filters("2026-05-04", "2026-05-05"), settings.classifier_dir)
    assert share.startswith(f"**2026-05-04** · Proporción xenófoba estimada: {percent(day)}; lo habitual, ")
    assert "Conteo del clasificador: 13 de 16 publicaciones sobre migración (81.2 %); lo habitual, 25.0 %" in share


def st_cache_clear() -> None:
    import streamlit as st

    st.cache_data.clear()


def test_a_flat_series_raises_no_alert(settings, sqlite_store, enricher, monkeypatch):
    fill(settings, sqlite_store, enricher, monkeypatch, daily_myths(40))
    app = page()
    assert not app.exception and app.info[-1].value == "Ninguna alerta en este período."
    assert not [m for m in app.markdown if "explorar" in m.value]


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


def test_each_user_finds_the_language_they_chose_last_time(store_url: str, monkeypatch):
    import json

    from vigia.auth import hash_password

    users = [{"username": name, "role": "viewer", "password_hash": hash_password("una clave larga")}
             for name in ("ana", "luis")]
    monkeypatch.setenv("VIGIA_CONSOLE_USERS", json.dumps(users))
    app = log_in(AppTest.from_file(str(APP), default_timeout=30).run(), "ana", "una clave larga")
    assert app.session_state["ui_language"] == "es" and app.title[0].value == "Panorama"
    app.selectbox(key="ui_language").set_value("pt").run()
    again = log_in(AppTest.from_file(str(APP), default_timeout=30).run(), "ana", "una clave larga")
    assert again.session_state["ui_language"] == "pt" and not again.exception
    other = log_in(AppTest.from_file(str(APP), default_timeout=30).run(), "luis", "una clave larga")
    assert other.session_state["ui_language"] == "es"


def test_one_time_admin_password_when_no_accounts_exist(store_url: str, monkeypatch):
    from vigia.auth import new_console_token

    token, hashed = new_console_token()
    monkeypatch.setenv("VIGIA_CONSOLE_TOKEN_HASH", hashed)
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert "contraseña de un solo uso" in app.info[0].value
    log_in(app, "admin", token)
    assert app.session_state["user"]["role"] == "admin" and app.metric[0].value == "6"


def test_links_between_pages_cannot_break_out_of_markdown():
    from ui.safe import md_page_link

    link = md_page_link("Ver [todo](javascript:x)", "explorar",
                        {"myth": "a)(javascript:alert(1)", "country": ["CO", "PE"], "since": "2026-05-03"})
    assert link == ("[Ver \\[todo\\]\\(javascript\\:x\\)](./explorar?myth=a%29%28javascript%3Aalert%281%29"
                    "&country=CO&country=PE&since=2026-05-03)")
    with pytest.raises(ValueError, match="not a console page"):
        md_page_link("x", "../admin", {})

"""The Narrativas page, driven through Streamlit's AppTest against a store filled by the real pipeline."""

from __future__ import annotations

import io
import json
from datetime import date

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from conftest import REPO, incoming
from nlp.myths import MythDetector
from vigia.analysis.estimates import TABLE_RESAMPLES, estimate_or_reason
from vigia.ingest.pipeline import Pipeline
from vigia.store import Filters

PAGE = REPO / "ui" / "pages" / "narrativas.py"
APP = REPO / "ui" / "app.py"
CRIME, JOBS = "crime_insecurity", "jobs_wages"
# the detector's cue matching needs no embedder; the pipeline stores the myths a record carries
CUES = MythDetector(REPO / "data" / "myths" / "taxonomy.yaml", embedder=None)

POSTS = [  # (id, text, country, day, likes)
    ("m1", "Desde que llegaron los venezolanos hay más robos en Lima", "PE", "03-02", 5),
    ("m2", "Pura inseguridad en Santiago, vienen a robar", "CL", "03-03", 3),
    ("m3", "Nos quitan el trabajo y bajan los salarios en Bogotá", "CO", "03-04", 0),
    ("p1", "Con los apagones vuelven los asaltos, vienen a robar", "PE", "05-02", 50),
    ("p5", "Otra vez nos quitan el trabajo en Cali", "CO", "05-03", 7),
    ("p2", "En Lima la inseguridad no para", "PE", "05-05", 2),
    ("p7", "Feria gastronómica venezolana en Lima este domingo", "PE", "05-07", 40),
    ("p3", "Más robos durante los apagones de Santiago", "CL", "05-09", 10),
    ("p8", "Vecinos de Lima denuncian más robos en el mercado", "PE", "05-10", 0),
    ("p4", "Apagones en Cúcuta y vienen a robar las tiendas", "CO", "05-12", 1),
    ("p6", "Con los apagones cierran fábricas y nos quitan el trabajo", "PE", "05-13", 30),
]
TEXT = {native_id: text for native_id, text, *_ in POSTS}


@pytest.fixture
def store_url(settings, sqlite_store, enricher, monkeypatch) -> str:
    records = [incoming(native_id=native_id, text=text, country=country, url=None,
                        created_at=f"2026-{day}T12:00:00Z", engagement={"likes": likes},
                        myths=sorted(CUES.cues_in(text, "es")))
               for native_id, text, country, day, likes in POSTS]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(
        [(r["native_id"], r) for r in records])
    url = f"sqlite://{sqlite_store.path}"
    monkeypatch.setenv("VIGIA_STORE_URL", url)
    return url


def page(language: str = "es") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state["ui_language"] = language
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    return app.run()


def chart_rows(app: AppTest) -> dict[tuple[str, str], int]:
    """(day, myth) -> posts, read back from the data the bar chart was given."""
    chart = app.get("vega_lite_chart")[0].proto
    encoding = json.loads(chart.spec)["encoding"]
    day, myth, posts = (encoding[channel]["field"] for channel in ("x", "color", "y"))
    table = pa.ipc.open_stream(io.BytesIO(chart.datasets[0].data.data)).read_all().to_pandas()
    return {(str(row[day])[:10], row[myth]): int(row[posts]) for _, row in table.iterrows()}


def by_country(app: AppTest) -> dict[str, dict[str, int]]:
    return app.dataframe[0].value.to_dict(orient="index")


def emerging(app: AppTest) -> dict[str, tuple[int, int]]:
    terms = app.dataframe[1].value
    return {row.iloc[0]: (int(row.iloc[2]), int(row.iloc[3])) for _, row in terms.iterrows()}


def test_myths_are_counted_over_time_and_by_country(store_url: str):
    assert CUES.cues_in(TEXT["p3"], "es").keys() == {CRIME}  # the posts carry the detector's own cues
    app = page()
    assert not app.exception
    assert app.title[0].value == "Narrativas" and app.subheader[0].value == "Mitos por día"
    crime, jobs = "Los migrantes traen delincuencia", "Los migrantes quitan empleos y hunden los salarios"
    rows = chart_rows(app)
    assert rows[("2026-05-09", crime)] == 1 and rows[("2026-05-13", jobs)] == 1
    assert sum(n for (_, myth), n in rows.items() if myth == crime) == 7
    assert sum(n for (_, myth), n in rows.items() if myth == jobs) == 3
    assert by_country(app) == {crime: {"Total": 7, "PE": 4, "CL": 2, "CO": 1},
                               jobs: {"Total": 3, "PE": 1, "CL": 0, "CO": 2}}
    captions = [c.value for c in app.caption]  # no classifier labelled these posts: no share to estimate
    assert f"{crime}: Sin estimación de la proporción de los mitos: no posts about migration labelled by the " \
           "classifier for myth match these filters: nothing to estimate" in captions


def test_country_and_period_filters_change_the_counts(store_url: str):
    app = page()
    crime, jobs = "Los migrantes traen delincuencia", "Los migrantes quitan empleos y hunden los salarios"
    app.multiselect(key="countries").select("PE").run()
    assert by_country(app) == {crime: {"Total": 4, "PE": 4}, jobs: {"Total": 1, "PE": 1}}
    assert sum(chart_rows(app).values()) == 5
    app.multiselect(key="countries").unselect("PE").run()
    app.date_input(key="period").set_value((date(2026, 5, 1), date(2026, 5, 13))).run()
    assert not app.exception
    assert by_country(app) == {crime: {"Total": 5, "PE": 3, "CL": 1, "CO": 1},
                               jobs: {"Total": 2, "PE": 1, "CL": 0, "CO": 1}}
    assert {day for day, _ in chart_rows(app)} == {"2026-05-02", "2026-05-03", "2026-05-05", "2026-05-09",
                                                   "2026-05-10", "2026-05-12", "2026-05-13"}


def test_emerging_terms_compare_with_the_corpus_before_when_the_previous_period_is_empty(store_url: str):
    app = page()
    assert "no hay con qué comparar" in app.info[0].value  # nothing precedes the whole corpus
    app.date_input(key="period").set_value((date(2026, 5, 1), date(2026, 5, 13))).run()
    captions = " ".join(c.value for c in app.caption)
    assert "todo el corpus antes del 2026-05-01" in captions and "(p − q) × p / q" in captions
    terms = emerging(app)
    assert terms["apagones"] == (4, 0)  # in four posts of the period, never before it
    assert next(iter(terms)) == "apagones"


def test_emerging_terms_compare_with_the_previous_period_of_equal_length(store_url: str):
    app = page()
    app.date_input(key="period").set_value((date(2026, 5, 8), date(2026, 5, 13))).run()
    assert "del 2026-05-02 al 2026-05-07" in " ".join(c.value for c in app.caption)
    assert emerging(app)["apagones"] == (3, 1)  # the March posts are not part of the reference


def test_examples_are_the_newest_and_the_most_engaged_posts_of_the_myth(store_url: str):
    app = page()
    assert app.selectbox(key="narrative_myth").value == CRIME
    newest, engaged = app.columns[-2:]
    assert [x.value for x in newest.text] == [TEXT["p4"], TEXT["p8"], TEXT["p3"]]
    assert [x.value for x in engaged.text] == [TEXT["p1"], TEXT["p3"], TEXT["m1"]]
    app.selectbox(key="narrative_myth").set_value(JOBS).run()
    newest, engaged = app.columns[-2:]
    assert [x.value for x in newest.text] == [TEXT["p6"], TEXT["p5"], TEXT["m3"]]
    assert [x.value for x in engaged.text] == [TEXT["p6"], TEXT["p5"], TEXT["m3"]]
    assert TEXT["p7"] not in [x.value for x in app.text]  # popular, but carries no myth
    assert "página Contramensajes" in app.caption[-1].value  # no navigation when the page runs on its own


def test_the_counter_link_opens_the_counter_page_on_the_chosen_myth(store_url: str):
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    app.run()
    app.switch_page("pages/narrativas.py").run()
    assert not app.exception and app.title[0].value == "Narrativas"
    app.selectbox(key="narrative_myth").set_value(JOBS).run()
    assert [link.value for link in app.page_link] == ["Contramensajes para este mito"]
    app.switch_page("pages/contramensajes.py").run()
    assert not app.exception and app.selectbox(key="counter_myth").value == JOBS


def test_language_switch_changes_titles_and_myth_names(store_url: str):
    app = page("pt")
    assert app.title[0].value == "Narrativas" and app.subheader[0].value == "Mitos por dia"
    assert "Os migrantes trazem criminalidade" in by_country(app)
    app.session_state["ui_language"] = "en"
    app.run()
    assert not app.exception
    assert [s.value for s in app.subheader] == ["Myths per day", "Myths by country", "Each myth's share",
                                                "Emerging terms", "Examples by myth"]
    assert "Migrants bring crime" in by_country(app)
    assert "nothing to compare with" in app.info[0].value


def test_empty_store_says_what_to_do(settings, sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page()
    assert not app.exception and "vigia demo" in app.info[0].value and not app.title


def test_each_myths_share_is_estimated_with_its_interval_beside_the_count(settings, sqlite_store, enricher,
                                                                          monkeypatch):
    def record(i: int, migration: bool, myths: list[str]) -> dict:
        labels = [{"task": "migration", "label": "migration" if migration else "not_migration", "score": 0.9,
                   "model": "test-model", "model_version": "1"}]
        labels += [{"task": "myth", "label": myth, "score": 0.8, "model": "test-model", "model_version": "1"}
                   for myth in myths]
        return incoming(native_id=f"s{i}", url=None, text=f"Texto de prueba {i}", created_at=f"2026-05-0{1 + i % 5}"
                        "T12:00:00Z", country="PE", labels=labels, myths=myths)

    records = [record(i, True, [CRIME] if i < 4 else [JOBS] if i == 4 else []) for i in range(12)]
    records += [record(20 + i, False, []) for i in range(3)]  # not about migration: outside the share
    Pipeline(settings, sqlite_store, enricher, collector="test").process([(r["native_id"], r) for r in records])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page()
    assert not app.exception
    [shares] = [d.value for d in app.dataframe if "Estimación" in d.value.columns]
    expected = {}
    for myth, counted in ((CRIME, "33.3 %"), (JOBS, "8.3 %")):
        (found,), _ = estimate_or_reason(sqlite_store, Filters(), "myth", myth, settings.classifier_dir,
                                         resamples=TABLE_RESAMPLES)
        assert found.n_posts == 12 and found.estimate != found.classify_and_count  # corrected with the card's rates
        expected[myth] = [percent(found.estimate), f"{percent(found.ci_low)}–{percent(found.ci_high)}", counted, 12]
    assert {row.iloc[0]: row.iloc[1:].tolist() for _, row in shares.iterrows()} == {
        "Los migrantes traen delincuencia": expected[CRIME],
        "Los migrantes quitan empleos y hunden los salarios": expected[JOBS]}
    assert "Conteo del clasificador" in shares.columns
    assert any("corrigiendo los errores del clasificador" in c.value and "tasas de error: model card" in c.value
               for c in app.caption)


def percent(share: float) -> str:
    return f"{share:.1%}".replace("%", " %")

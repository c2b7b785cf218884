"""The Explorar page: search, filters, sorting, paging, links from other pages and why a post was flagged."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.counter.library import load_library
from vigia.ingest.pipeline import Pipeline

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "explorar.py"


def hate(score: float, label: str = "hateful") -> list[dict]:
    return [{"task": "hate", "label": label, "score": score, "model": "m", "model_version": "1"}]


RECORDS = [
    incoming(native_id=str(i), text=text, country=country, created_at=f"2026-05-{day:02d}T12:00:00Z",
             platform=platform, url=None, engagement={"likes": likes}, labels=labels)
    for i, (text, country, day, platform, likes, labels) in enumerate([
        ("Los venezolanos en Lima trabajan duro", "PE", 1, "x", 5, hate(0.9, "not_hateful")),
        ("Fuera venecos, son una plaga", "PE", 2, "x", 40, hate(0.95)),
        ("Solidaridad con los haitianos en Santiago", "CL", 2, "telegram", 1, []),
        ("Los haitianos nos quitan el trabajo", "CL", 3, "reddit", 12, hate(0.7)),
        ("Migrantes venezolanos en Cúcuta", "CO", 4, "x", 0, []),
    ])
]
TEXTS = [r["text"] for r in RECORDS]


@pytest.fixture
def filled(settings, sqlite_store, enricher, monkeypatch):
    def fill(records: list[dict]):
        Pipeline(settings, sqlite_store, enricher, collector="test").process(
            [(f"r{i}", r) for i, r in enumerate(records)])
        monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
        return sqlite_store
    return fill


def page(query_params: dict | None = None, language: str = "es") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state["ui_language"] = language
    app.session_state["user"] = {"username": "vera", "role": "viewer"}
    app.query_params.update(query_params or {})
    return app.run()


def shown(app: AppTest) -> list[str]:
    return [t.value for t in app.text]


def captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def test_every_post_newest_first_with_count_and_page(filled):
    filled(RECORDS)
    app = page()
    assert not app.exception and app.title[0].value == "Explorar"
    assert shown(app) == TEXTS[::-1]
    assert "5 publicaciones encontradas · Página 1 de 1" in captions(app)


def test_search_narrows_the_results_and_marks_the_matches(filled):
    filled(RECORDS)
    app = page()
    app.text_input(key="query").input("venezolanos").run()
    assert shown(app) == [TEXTS[4], TEXTS[0]]
    assert "Migrantes **venezolanos** en Cúcuta" in captions(app)
    app.text_input(key="query").input('"nos quitan"').run()
    assert shown(app) == [TEXTS[3]]
    app.text_input(key="query").input("haiti*").run()
    assert shown(app) == [TEXTS[3], TEXTS[2]]
    assert "2 publicaciones encontradas" in captions(app)


def test_filters_change_the_results(filled):
    filled(RECORDS)
    app = page()
    app.multiselect(key="countries").select("PE").run()
    assert shown(app) == [TEXTS[1], TEXTS[0]]
    app.multiselect(key="countries").unselect("PE").run()
    app.multiselect(key="platforms").select("x").run()
    assert shown(app) == [TEXTS[4], TEXTS[1], TEXTS[0]]
    app.multiselect(key="platforms").unselect("x").run()

    assert app.selectbox(key="label_filter").options[1] == "discurso de odio: Odio"
    assert "encuadre: Amenaza colectiva" in app.selectbox(key="label_filter").options
    assert app.slider(key="min_score").disabled
    app.selectbox(key="label_filter").set_value("hate:hateful").run()
    assert shown(app) == [TEXTS[3], TEXTS[1]]
    app.slider(key="min_score").set_value(0.8).run()
    assert shown(app) == [TEXTS[1]]
    app.selectbox(key="label_filter").set_value("hate:not_hateful").run()
    assert shown(app) == [TEXTS[0]]

    app.date_input(key="period").set_value((date(2026, 5, 3), date(2026, 5, 4))).run()
    assert shown(app) == [] and app.info[0].value == "No hay publicaciones para estos filtros."


def test_sort_by_engagement_or_score_changes_the_order(filled):
    filled(RECORDS)
    app = page()
    app.selectbox(key="sort").set_value("engagement").run()
    assert shown(app) == [TEXTS[1], TEXTS[3], TEXTS[0], TEXTS[2], TEXTS[4]]
    app.selectbox(key="sort").set_value("score").run()
    assert shown(app)[:3] == [TEXTS[1], TEXTS[0], TEXTS[3]]  # highest hate-task score first


def test_paging_reaches_the_last_page_and_every_post(filled):
    many = [incoming(native_id=f"p{i}", text=f"publicación número {i}", url=None,
                     created_at=f"2026-04-{1 + i % 28:02d}T{i % 24:02d}:00:00Z") for i in range(45)]
    filled(many)
    app = page()
    assert "45 publicaciones encontradas · Página 1 de 3" in captions(app)
    seen = shown(app)
    for number in (2, 3):
        app.number_input(key="page").set_value(number).run()
        assert f"Página {number} de 3" in captions(app)
        seen += shown(app)
    assert len(shown(app)) == 5
    assert sorted(seen) == sorted(r["text"] for r in many)
    app.text_input(key="query").input("número").run()  # a new search starts again on page 1
    assert app.number_input(key="page").value == 1 and "Página 1 de 3" in captions(app)


def test_a_link_fills_in_the_search_and_filters(filled):
    filled(RECORDS)
    app = page({"q": "venezolanos", "country": "PE,CO", "since": "2026-05-01", "until": "2026-05-01"})
    assert app.text_input(key="query").value == "venezolanos"
    assert app.multiselect(key="countries").value == ["PE", "CO"]
    assert app.date_input(key="period").value == (date(2026, 5, 1), date(2026, 5, 1))
    assert shown(app) == [TEXTS[0]]
    app.multiselect(key="countries").unselect("PE").run()  # the user can change what the link set
    assert shown(app) == []

    bad = page({"q": "haitianos", "since": "ayer", "country": "ZZ"})
    assert shown(bad) == [TEXTS[3], TEXTS[2]]
    warnings = " ".join(w.value for w in bad.warning)
    assert "since=ayer" in warnings and "country=ZZ" in warnings


def test_details_show_why_the_post_was_flagged(filled):
    filled(RECORDS)
    app = page({"q": "venecos"})
    details = app.expander[0]
    assert details.label == "Ver detalle"
    rendered = " ".join(m.value for m in details.markdown)
    assert "**Por qué fue señalada**" in rendered
    assert "Insultos: «venecos» \\(venezolanos; mejor\\: venezolano\\)" in rendered
    assert "hate\\: hateful 0\\.95 \\(m 1\\)" in rendered
    assert "Id x\\:1" in " ".join(c.value for c in details.caption)
    assert not details.info  # the model runs only when asked
    details.button(key="explain-x:1").click().run()
    details = app.expander[0]
    assert details.info[0].value.startswith("No hay un modelo instalado")
    assert "encoder is not bootstrapped" in " ".join(c.value for c in details.caption)

    calm = page({"q": "Solidaridad"}).expander[0]
    assert "El léxico no encontró señales" not in " ".join(c.value for c in calm.caption)  # it names the group
    assert "Grupos mencionados: «haitianos»" in " ".join(m.value for m in calm.markdown)


def test_details_suggest_the_responses_to_the_posts_myths(filled):
    store = filled(RECORDS)
    post = next(p for p in store.iter_posts() if p.text.startswith("Los haitianos nos quitan"))
    assert post.myths == ["jobs_wages"]  # tagged by the pipeline from the taxonomy's cues
    app = page({"q": "quitan"})
    assert not app.expander[0].code  # computed only when asked
    app.expander[0].button(key=f"respond-{post.id}").click().run()
    details = app.expander[0]
    assert not app.exception and 1 <= len(details.code) <= 3
    library = load_library()
    ready = {r.text for r in library.responses("jobs_wages", "es")}
    assert {c.value for c in details.code} <= ready  # the library's own Spanish responses to that myth
    cited = " ".join(c.value for c in details.caption)
    assert "Los migrantes quitan empleos" in cited and "20" in cited  # the myth's name, then dated sources


def test_details_list_the_words_the_score_rests_on(filled, trained, models_dir, monkeypatch):  # noqa: F811
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("VIGIA_CLASSIFIER_DIR", str(trained))
    filled(RECORDS)
    app = page({"q": "venecos"})
    app.expander[0].button(key="explain-x:1").click().run()
    details = app.expander[0]
    assert not app.exception and not details.info
    lines = " ".join(c.value for c in details.caption)
    assert "sobre migración\\: Migración" in lines and "sin estas palabras el puntaje baja" in lines
    assert "Modelo\\: vigia\\-xeno\\-e5 v1" in lines
    assert any("**venecos** −" in m.value or "**Fuera** −" in m.value for m in details.markdown)
    app.text_input(key="query").input("venecos plaga").run()  # the explanation stays until the page is left
    assert "sin estas palabras el puntaje baja" in " ".join(c.value for c in app.expander[0].caption)


def test_post_text_with_markup_is_shown_literally(filled):
    hostile = incoming(native_id="666", url="https://evil.example/a)(javascript:alert(1)",
                       title="**Gritos** <script>alert(1)</script>",
                       text="# Título falso\n<img src=x onerror=alert(3)> [clic](javascript:alert(2))")
    filled([hostile])
    app = page({"q": "falso"})
    assert shown(app) == ["# Título falso\n<img src=x onerror=alert(3)> [clic](javascript:alert(2))"]
    rendered = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert not re.search(r"(?<!\\)[<>]", rendered) and "](javascript:" not in rendered  # every < and > escaped
    assert "\\# Título **falso** \\<img" in rendered


def test_the_page_speaks_english_and_needs_a_user(filled):
    filled(RECORDS)
    app = page(language="en")
    assert app.title[0].value == "Explore" and "5 posts found · Page 1 of 1" in captions(app)
    anonymous = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert anonymous.warning and not anonymous.text


def test_inside_the_console_a_link_applies_again_when_the_page_is_reopened(filled):
    filled(RECORDS)
    app = AppTest.from_file(str(PAGE.parent.parent / "app.py"), default_timeout=60)
    app.session_state["user"] = {"username": "vera", "role": "viewer"}
    app.run()
    app.switch_page("pages/explorar.py")
    app.query_params["q"] = "venezolanos"
    app.run()
    assert app.title[0].value == "Explorar" and shown(app) == [TEXTS[4], TEXTS[0]]
    app.text_input(key="query").input("").run()
    assert len(shown(app)) == 5
    app.switch_page("pages/panorama.py").run()
    app.switch_page("pages/explorar.py").run()
    assert not app.exception and shown(app) == [TEXTS[4], TEXTS[0]]

"""The Terminología page: a pasted article or its address checked against the glossary, and the counts per outlet
and month over the stored news."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from recorded import started
from test_terms_cli import ARTICLE, fill

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "terminologia.py"


@pytest.fixture
def web():
    yield from started("terms")


@pytest.fixture
def news_store(settings, sqlite_store, enricher, monkeypatch) -> None:
    fill(settings, sqlite_store, enricher)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")


def page(language: str = "es") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["ui_language"] = language
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    return app.run()


def drawn(app: AppTest) -> set[tuple[str, str, float]]:
    """(month, outlet, terms per 1,000 words) the page's bar chart draws."""
    import pyarrow

    element = app.get("vega_lite_chart")[0]
    frame = pyarrow.ipc.open_stream(element.proto.datasets[0].data.data).read_pandas()
    return {(month, outlet, value) for month, outlet, value in frame.itertuples(index=False)}


def words(table, row: int) -> int:
    return int(table["Palavras"][row])


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_a_pasted_article_shows_each_term_in_context_with_advice_and_score(isolated):
    app = page("es")
    assert not app.exception and app.title[0].value == "Terminología"
    assert "Pegue un texto" in app.info[0].value
    app.text_area(key="terms_text").input(ARTICLE).run()
    assert not app.exception
    assert metrics(app) == {"Términos por 1.000 palabras": f"{3 * 1000 / 27:.2f}", "Términos": "3",
                            "Palabras": "27"}
    assert [t.value for t in app.text] == ["…llegaron más familias. Un concejal habló de una «[oleada]» de ilegales, y "
                                           "la oposición pidió no hablar…",
                                           "…familias. Un concejal habló de una «oleada» de [ilegales], y la oposición "
                                           "pidió no hablar de invasión…",
                                           "…ilegales, y la oposición pidió no hablar de [invasión]. Las "
                                           "organizaciones piden regularizar…"]
    shown = "\n".join(m.value for m in app.markdown)
    assert "**oleada** · término estigmatizante · es · entre comillas" in shown
    assert "**migrantes en situación irregular**" in shown
    captions = "\n".join(c.value.replace("\\", "") for c in app.caption)  # as shown, without Markdown escapes
    assert "Por qué: Una persona no puede ser ilegal" in captions and "migrationdataportal.org" in captions
    assert "1 entre comillas" in app.info[0].value
    assert "Aún no hay noticias guardadas." in [i.value for i in app.info]


def test_an_address_is_fetched_and_read_for_its_article_in_english(web, isolated):
    app = page("en")
    app.text_input(key="terms_url").input(f"{web.base}/2026/05/frontera-norte").run()
    assert not app.exception
    assert app.subheader[0].value == "Más controles en la frontera norte"
    shown = "\n".join(m.value for m in app.markdown)
    assert "**falsos refugiados** · stigmatizing term · es" in shown
    assert metrics(app)["Terms"] == "3"
    app.text_input(key="terms_url").input(f"{web.base}/2026/05/privado").run()
    assert app.error[0].value.startswith("Cannot read the article: ") and "403" in app.error[0].value


def test_counts_per_outlet_and_month_with_a_chart(news_store):
    app = page("pt")
    assert not app.exception
    assert app.subheader[0].value == "Nas notícias coletadas"
    table = app.dataframe[0].value
    assert list(table["Veículo"]) == ["Diario Uno", "Diario Uno", "Jornal Dois"]
    assert list(table["Mês"]) == ["2026-03", "2026-04", "2026-03"]
    assert list(table["Termos"]) == [2, 2, 2] and list(table["Artigos"]) == [2, 1, 1]
    assert drawn(app) == {("2026-03", "Diario Uno", round(2000 / words(table, 0), 2)),
                          ("2026-04", "Diario Uno", round(2000 / words(table, 1), 2)),
                          ("2026-03", "Jornal Dois", round(2000 / words(table, 2), 2))}
    app.multiselect(key="terms_outlets").select("Jornal Dois").run()
    assert list(app.dataframe[0].value["Veículo"]) == ["Jornal Dois"]

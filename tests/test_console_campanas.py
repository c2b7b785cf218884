"""The Campañas page, driven through Streamlit's AppTest against the campaign tests' store (posts whose numbers we
know, loaded by the real pipeline): its figures are vigia.counter.campaigns' on the same store."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from conftest import REPO
from test_campaigns import COMPARED, TOML, loaded  # noqa: F401  (loaded: the store of the campaign tests)
from ui.safe import md_escape
from ui.state import myth_name
from vigia.counter.campaign_reading import days_cell, estimate_cell, reading, share_cell, volume_cell
from vigia.counter.campaigns import compare_campaign
from vigia.counter.library import load_taxonomy_ids
from vigia.i18n import text
from vigia.settings import CampaignConfig, load_settings

PAGE = REPO / "ui" / "pages" / "campanas.py"
QUIET = """
[[campaigns]]
name = "quiet"
start = 2025-01-10
end = 2025-01-19
countries = ["CO"]
"""


def page(language: str = "es") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["ui_language"] = language
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    return app.run()


def chart_rows(app: AppTest, index: int = 0) -> list[tuple[str, str, float, float, float]]:
    """(series, period, share, low, high) of the share chart, (myth, period, per day, low, high) of the myths' one,
    read back from the data the chart was given."""
    chart = app.get("vega_lite_chart")[index].proto
    table = pa.ipc.open_stream(io.BytesIO(chart.datasets[0].data.data)).read_all().to_pandas()
    return [tuple(row) for row in table.itertuples(index=False)]


def column(app: AppTest, index: int, period: str) -> list[str]:
    return list(app.dataframe[index].value[text(f"campanas.period.{period}", "es")])


def test_the_page_shows_the_campaigns_figures_and_its_comparisons(loaded, settings, tmp_path: Path):  # noqa: F811
    (tmp_path / "vigia.toml").write_text(TOML + 'comparison_countries = ["AR"]\ncomparison_start = 2026-03-20\n'
                                         + QUIET)
    myths = load_taxonomy_ids(settings.myth_taxonomy_path)
    report = compare_campaign(loaded, COMPARED, myths, classifier_dir=settings.classifier_dir)
    app = page()
    assert not app.exception
    assert app.title[0].value == "Campañas"
    assert app.selectbox(key="campaign").options == ["xc", "quiet"] and app.selectbox(key="campaign").value == "xc"

    for index, periods in enumerate([report.periods, *(c.periods for c in report.comparisons)]):
        for period in periods:
            cells = column(app, index, period.name)
            assert cells[:6] == [days_cell(period), f"{period.days:g}", str(period.posts),
                                 str(period.xenophobic.total), estimate_cell(period.estimated),
                                 share_cell(period.xenophobic)]
            assert cells[6:6 + len(myths)] == [volume_cell(period.myths[m]) for m in myths]
            assert cells[-1] == str(period.hashtags["#XenofobiaCero"])
    assert column(app, 0, "before")[5] == "40.0% [21.9%, 61.3%]"  # the figures test_campaigns checks by hand
    assert [s.value for s in app.subheader][-2:] == ["Región de comparación: AR (los mismos días)",
                                                     "Período de comparación: 2026-03-20 a 2026-03-29 (los países de "
                                                     "la campaña)"]

    said = [md_escape(sentence) for sentence in reading(report, "es")]  # the page shows them as written
    assert [m.value for m in app.markdown if m.value in said] == said
    assert said[0].startswith("La proporción xenófoba") and "AR" in said[3]
    assert report.period("before").estimated is not None  # the reading and the chart cite the estimate
    rows = chart_rows(app)
    expected = [(p.estimated.estimate, p.estimated.ci_low, p.estimated.ci_high)
                for periods in [report.periods, *(c.periods for c in report.comparisons)] for p in periods
                if p.estimated is not None]
    assert [tuple(row[2:]) for row in rows] == expected
    assert {row[0] for row in rows} == {"Países de la campaña: CO, PE", "Región de comparación: AR (los mismos días)",
                                        "Período de comparación: 2026-03-20 a 2026-03-29 (los países de la campaña)"}
    assert rows[0][1] == "Antes"
    myth_rows = chart_rows(app, 1)  # each myth's posts per day in the campaign's countries, with its interval
    assert myth_rows == [(myth_name(m, "es"), text(f"campanas.period.{p.name}", "es"), p.myths[m].per_day,
                          p.myths[m].per_day_low, p.myths[m].per_day_high)
                         for m in myths if any(p.myths[m].count for p in report.periods) for p in report.periods]
    assert {row[0] for row in myth_rows} == {myth_name(m, "es") for m in ("crime_insecurity", "jobs_wages")}


def test_without_a_classifier_the_page_cites_the_count_and_says_there_is_no_comparison(
        loaded, tmp_path: Path):  # noqa: F811
    (tmp_path / "vigia.toml").write_text(f'classifier_dir = "{tmp_path / "no-classifier"}"\n' + TOML)
    settings = load_settings()
    campaign = CampaignConfig(**{**COMPARED.model_dump(), "comparison_countries": [], "comparison_start": None})
    report = compare_campaign(loaded, campaign, load_taxonomy_ids(settings.myth_taxonomy_path),
                              classifier_dir=settings.classifier_dir)
    assert all(p.estimated is None and p.not_estimated for p in report.periods)
    app = page("en")
    assert not app.exception
    said = [m.value for m in app.markdown]
    assert said[:3] == [md_escape(sentence) for sentence in reading(report, "en")[:3]]
    assert said[0] == md_escape("The xenophobic share of posts about migration (the classifier's count) fell from "
                                "40.0% before the campaign (posts about migration: 20) to 20.0% during it (posts: 20).")
    assert any(s.startswith("Without a comparison region") for s in said)
    assert [tuple(row[2:]) for row in chart_rows(app)] == [(p.xenophobic.share, p.xenophobic.low, p.xenophobic.high)
                                                           for p in report.periods]
    assert len(app.dataframe) == 1 and app.title[0].value == "Campaigns"
    assert any(c.value.startswith(md_escape("Before: no estimate: ")) for c in app.caption)


def test_a_campaign_without_posts_says_so(loaded, settings, tmp_path: Path):  # noqa: F811
    (tmp_path / "vigia.toml").write_text(QUIET + TOML)
    app = page()
    assert not app.exception and app.selectbox(key="campaign").value == "quiet"
    assert app.info[0].value == ("El almacén no tiene publicaciones de CO entre el 2024-12-31 y el 2025-01-29: no hay "
                                 "nada que comparar para esta campaña.")
    assert not app.dataframe and not app.get("vega_lite_chart")


def test_without_campaigns_the_page_says_how_to_configure_one(loaded):  # noqa: F811
    app = page("pt")
    assert not app.exception
    assert "[[campaigns]]" in app.info[0].value and "vigia.toml" in app.info[0].value
    assert app.title[0].value == "Campanhas" and not app.dataframe

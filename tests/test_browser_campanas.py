"""The Campañas page in a real headless Chromium: `vigia serve` over the campaign tests' store, two campaigns
configured; log in, open the page, pick the campaign, see its chart and its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from browsing import browser, free_port, log_in, no_exception, stop, wait_for_console  # noqa: F401  (browser: a fixture)
from test_campaigns import COMPARED, TOML, loaded  # noqa: F401  (loaded: the store of the campaign tests)
from vigia.auth import hash_password
from vigia.counter.campaign_reading import reading
from vigia.counter.campaigns import compare_campaign
from vigia.counter.library import load_taxonomy_ids

pytestmark = pytest.mark.browser
PASSWORD = "una clave bastante larga"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUIET = """
[[campaigns]]
name = "quiet"
start = 2025-01-10
end = 2025-01-19
countries = ["CO"]
"""


@pytest.fixture
def console(loaded, tmp_path: Path):  # noqa: F811
    (tmp_path / "vigia.toml").write_text(QUIET + TOML + 'comparison_countries = ["AR"]\n')
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VIGIA_CONSOLE_PORT": str(port),
           "VIGIA_CONSOLE_USERS": json.dumps([{"username": "ana", "role": "viewer",
                                               "password_hash": hash_password(PASSWORD)}])}
    log_path = tmp_path / "console.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "vigia", "serve"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            wait_for_console(process, url, log_path, 120)
            yield url
        finally:
            stop(process)


def test_pick_a_campaign_and_see_its_chart_and_figures(console, browser, loaded, settings):  # noqa: F811
    compared = COMPARED.model_copy(update={"comparison_start": None})
    report = compare_campaign(loaded, compared, load_taxonomy_ids(settings.myth_taxonomy_path),
                              classifier_dir=settings.classifier_dir)
    said = reading(report, "es")
    assert said[0].startswith("La proporción xenófoba") and "(AR)" in said[3]

    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(console, wait_until="networkidle")
    log_in(page, "ana", PASSWORD)
    page.get_by_role("link", name="Campañas", exact=True).click()
    page.get_by_role("heading", name="Campañas").wait_for(timeout=120_000)
    page.get_by_text("El almacén no tiene publicaciones de CO entre el 2024-12-31 y el 2025-01-29").wait_for(
        timeout=60_000)  # the first campaign, chosen at first, has no posts

    page.locator('[data-testid="stSelectbox"]').filter(has_text="Campaña").click()
    page.get_by_role("option", name="xc").click()
    page.get_by_role("heading", name="Qué dicen las cifras").wait_for(timeout=120_000)
    for sentence in said:
        page.get_by_text(sentence, exact=True).wait_for(timeout=30_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the chart draw
    assert chart.bounding_box()["height"] > 200
    assert page.get_by_role("heading", name="Región de comparación: AR (los mismos días)").count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() == 2  # the campaign's table and the region's
    no_exception(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-campanas.png"), full_page=True)
    page.close()

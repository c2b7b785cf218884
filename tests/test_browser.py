"""`vigia demo` end to end in a real headless Chromium: load the demo, serve the console, look at it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from browsing import browser, free_port, log_in, no_exception, stop, wait_for_console  # noqa: F401  (browser: a fixture)
from vigia.settings import load_settings
from vigia.store import open_store

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path_factory.mktemp("browser-data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIA_")}
    env.update(VIGIA_DATA_DIR=str(data_dir), VIGIA_CONSOLE_PORT=str(port),
               VIGIA_MODELS_DIR=str(data_dir / "no-models"))  # lexicon-only: the console is what is tested here
    log = (data_dir / "console.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "vigia", "demo"], env=env, stdout=log, stderr=subprocess.STDOUT,
                               cwd=data_dir)
    url = f"http://127.0.0.1:{port}"
    wait_for_console(process, url, data_dir / "console.log", 180)
    line = next(l for l in (data_dir / "console.log").read_text().splitlines() if "one-time password" in l)
    yield url, data_dir, line.rsplit(" ", 1)[-1]
    stop(process)
    log.close()


def go_to(page, link: str, heading: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    page.get_by_role("heading", name=heading).wait_for(timeout=120_000)


def test_demo_console_end_to_end(console, browser):
    """Log in, read Panorama, search and open a post, label one with a keystroke, export every post, read the
    counter-messages."""
    from vigia.store import SearchQuery

    url, data_dir, password = console
    store_url = load_settings(data_dir=data_dir).resolved_store_url
    with open_store(store_url) as store:
        total = store.count()
        haitian_total = store.search(SearchQuery(text="haitianos")).total
    assert total > 1000 and haitian_total > 0

    page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page.goto(url, wait_until="networkidle")
    log_in(page, "admin", "not the password")
    page.get_by_text("Usuario o contraseña incorrectos").wait_for(timeout=30_000)
    log_in(page, "admin", password)

    page.get_by_role("heading", name="Panorama").wait_for(timeout=60_000)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the chart draw
    metric = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert metric.replace(",", "") == str(total)
    no_exception(page)
    ARTIFACTS.mkdir(exist_ok=True)
    overview = ARTIFACTS / "console-panorama.png"
    page.screenshot(path=str(overview))

    go_to(page, "Explorar", "Explorar")
    box = page.get_by_placeholder("Palabras", exact=False)
    box.fill("haitianos")
    box.press("Enter")
    page.get_by_text(f"{haitian_total:,} publicaciones encontradas", exact=False).wait_for(timeout=60_000)
    cards = page.locator('[data-testid="stMain"] [data-testid="stText"]')
    cards.first.wait_for(timeout=30_000)
    assert "haitian" in cards.first.inner_text().lower()
    page.get_by_text("Ver detalle").first.click()  # open the first post
    page.get_by_text("Por qué fue señalada").first.wait_for(timeout=30_000)
    no_exception(page)
    explore_shot = ARTIFACTS / "console-explorar.png"
    page.screenshot(path=str(explore_shot))

    go_to(page, "Revisión", "Revisión")
    queued = page.locator('[data-testid="stMain"] [data-testid="stText"]').first
    queued.wait_for(timeout=60_000)
    judged_text = queued.inner_text()
    page.get_by_role("heading", name="Revisión").click()  # focus off the navigation link
    page.keyboard.press("1")  # one keystroke: the first post of the queue is hateful
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open_store(store_url) as store:
            judged = list(store.human_labelled_posts())
        if judged:
            break
        page.wait_for_timeout(500)
    assert len(judged) == 1 and judged[0].text == judged_text
    assert [(lab.task, lab.label) for lab in judged[0].labels if lab.model == "human:admin"] == [("hate", "hateful")]
    no_exception(page)

    page.get_by_text("Validación: muestra aleatoria").click()  # the uniform sample that measures error rates
    page.get_by_text("juzgadas", exact=False).first.wait_for(timeout=120_000)
    page.get_by_text("Teclado, para la primera", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the run finish, so that the keys are bound to the sample's first post
    page.get_by_role("heading", name="Revisión").click()
    page.keyboard.press("2")  # one keystroke: the first post of the sample is not hateful
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open_store(store_url) as store:
            validated = [lab for post in store.human_labelled_posts() for lab in post.labels
                         if lab.model == "human:admin" and lab.sample == "validation"]
        if validated:
            break
        page.wait_for_timeout(500)
    assert [(lab.task, lab.label) for lab in validated] == [("hate", "not_hateful")]
    no_exception(page)

    go_to(page, "Exportar", "Exportar un conjunto etiquetado")
    page.get_by_role("button", name="Preparar exportación").click()
    page.get_by_text("publicaciones exportadas", exact=False).wait_for(timeout=180_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Descargar", exact=False).first.click()
    exported = ARTIFACTS / "console-export.csv"
    download.value.save_as(str(exported))
    with exported.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total  # every post, no row cap
    human = next(r for r in rows if r["id"] == judged[0].id)
    assert "human:admin" in human["labels"]
    no_exception(page)

    go_to(page, "Contramensajes", "Contramensajes")
    page.locator('[data-testid="stCode"]').first.wait_for(timeout=60_000)
    counter_shot = ARTIFACTS / "console-contramensajes.png"
    page.screenshot(path=str(counter_shot))
    no_exception(page)
    page.close()

    for shot in (overview, explore_shot, counter_shot):
        image = Image.open(shot).convert("RGB")
        assert image.size == (1400, 1100)
        colours = image.resize((350, 250)).getcolors(maxcolors=1_000_000)
        assert len(colours) > 100, f"{shot} looks blank"

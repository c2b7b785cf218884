"""`vigia demo` end to end in a real headless Chromium: load the demo, serve the console, look at it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from vigia.settings import load_settings
from vigia.store import open_store

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, (data_dir / "console.log").read_text()
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the console did not come up in 180 s:\n" + (data_dir / "console.log").read_text())
    line = next(l for l in (data_dir / "console.log").read_text().splitlines() if "one-time password" in l)
    yield url, data_dir, line.rsplit(" ", 1)[-1]
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's Chromium is needed: `make browser` (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_demo_console_shows_trends_and_search_results(console, browser):
    url, data_dir, password = console
    store_url = load_settings(data_dir=data_dir).resolved_store_url
    with open_store(store_url) as store:
        total = store.count()
        from vigia.store import SearchQuery
        haitian_total = store.search(SearchQuery(text="haitianos")).total
    assert total > 1000 and haitian_total > 0

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(url, wait_until="networkidle")
    page.get_by_label("Usuario").fill("admin")
    page.get_by_label("Contraseña").fill("not the password")
    page.get_by_role("button", name="Entrar").click()
    page.get_by_text("Usuario o contraseña incorrectos").wait_for(timeout=30_000)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Entrar").click()
    page.get_by_role("heading", name="Panorama").wait_for(timeout=60_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the chart draw
    metric = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert metric.replace(",", "") == str(total)
    ARTIFACTS.mkdir(exist_ok=True)
    overview = ARTIFACTS / "console-panorama.png"
    page.screenshot(path=str(overview), full_page=True)

    box = page.get_by_placeholder("Palabras", exact=False)
    box.fill("haitianos")
    box.press("Enter")
    page.get_by_text(f"{haitian_total:,} publicaciones encontradas", exact=False).wait_for(timeout=60_000)
    cards = page.locator('[data-testid="stText"]')
    cards.first.wait_for(timeout=30_000)
    assert "haitian" in cards.first.inner_text().lower()
    cards.first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    search_shot = ARTIFACTS / "console-search.png"
    page.screenshot(path=str(search_shot))
    page.get_by_role("link", name="Contramensajes").click()
    page.get_by_role("heading", name="Contramensajes").wait_for(timeout=120_000)
    page.locator('[data-testid="stCode"]').first.wait_for(timeout=60_000)
    counter_shot = ARTIFACTS / "console-contramensajes.png"
    page.screenshot(path=str(counter_shot))
    assert not page.locator('[data-testid="stException"]').count()
    page.close()

    for shot in (overview, search_shot, counter_shot):
        image = Image.open(shot).convert("RGB")
        assert image.size == (1400, 1100)
        colours = image.resize((350, 250)).getcolors(maxcolors=1_000_000)
        assert len(colours) > 100, f"{shot} looks blank"

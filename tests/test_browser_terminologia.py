"""The Terminología page in a real headless Chromium: log in, paste an article, read each term in context with the
advice, and see the counts per outlet and month drawn over the stored news."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from browsing import browser, free_port, log_in, no_exception, stop, wait_for_console  # noqa: F401  (browser: a fixture)
from conftest import incoming
from test_browser import ARTIFACTS, go_to
from test_terms_cli import ARTICLE, NEWS
from vigia.auth import hash_password

pytestmark = pytest.mark.browser
PASSWORD = "una clave bastante larga"


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("terms-data")
    records = data_dir / "news.jsonl"
    records.write_text("".join(
        json.dumps(incoming(platform="news", native_id=None, source=outlet, title=title, text=text, author_handle=None,
                            url=f"https://news.example/{i}", created_at=f"{day}T12:00:00Z")) + "\n"
        for i, (outlet, day, title, text) in enumerate(NEWS)), encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIA_")}
    env.update(VIGIA_DATA_DIR=str(data_dir), VIGIA_CONSOLE_PORT=str(port), VIGIA_MODELS_DIR=str(data_dir / "none"),
               VIGIA_CONSOLE_USERS=json.dumps([{"username": "ana", "role": "viewer",
                                                "password_hash": hash_password(PASSWORD)}]))
    subprocess.run([sys.executable, "-m", "vigia", "import", str(records)], env=env, cwd=data_dir, check=True,
                   capture_output=True)
    log_path = data_dir / "console.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "vigia", "serve"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=data_dir)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_console(process, url, log_path, 120)
            yield url
        finally:
            stop(process)


def test_a_journalist_pastes_an_article_and_reads_the_advice(console, browser):
    page = browser.new_page(viewport={"width": 1300, "height": 1400})
    page.goto(console, wait_until="networkidle")
    log_in(page, "ana", PASSWORD)
    page.get_by_role("heading", name="Panorama").wait_for(timeout=60_000)

    go_to(page, "Terminología", "Terminología")
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=60_000)  # the news per outlet and month
    assert page.get_by_text("Jornal Dois").count()
    box = page.get_by_label("O pegue el texto")
    box.fill(ARTICLE)
    box.press("Control+Enter")
    page.get_by_text("Términos por 1.000 palabras").wait_for(timeout=60_000)
    page.get_by_text("[ilegales]", exact=False).wait_for(timeout=30_000)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:3] == [f"{3 * 1000 / 27:.2f}", "3", "27"]
    assert page.get_by_text("migrantes en situación irregular", exact=False).count()
    assert page.get_by_text("entre comillas", exact=False).count()
    no_exception(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-terminologia.png"), full_page=True)
    page.close()

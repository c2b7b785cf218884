"""The console as a shared tool, in a real headless Chromium: a deep link opened before logging in opens its page
and filters after the log-in; the log-in survives a reload and a new tab (a signed cookie) until logging out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from browsing import browser, free_port, log_in, stop, wait_for_console  # noqa: F401  (browser: Chromium's fixture)
from conftest import incoming
from vigia.auth import hash_password

pytestmark = pytest.mark.browser
PASSWORD = "una clave bastante larga"


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("session-data")
    records = data_dir / "posts.jsonl"
    records.write_text("".join(json.dumps(incoming(native_id=str(i), url=None, country=country, text=text,
                                                   created_at=f"2026-05-0{i + 1}T12:00:00Z")) + "\n"
                               for i, (country, text) in enumerate([("PE", "Cierre de la frontera en Tumbes"),
                                                                    ("CL", "Feria del libro en Santiago"),
                                                                    ("PE", "Más controles en la frontera")])))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIA_")}
    env.update(VIGIA_DATA_DIR=str(data_dir), VIGIA_CONSOLE_PORT=str(port), VIGIA_MODELS_DIR=str(data_dir / "none"),
               VIGIA_CONSOLE_USERS=json.dumps([{"username": "ana", "role": "viewer",
                                                "password_hash": hash_password(PASSWORD)}]))
    subprocess.run([sys.executable, "-m", "vigia", "import", str(records)], env=env, cwd=data_dir, check=True,
                   capture_output=True)
    log = (data_dir / "console.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "vigia", "serve"], env=env, stdout=log,
                               stderr=subprocess.STDOUT, cwd=data_dir)
    url = f"http://127.0.0.1:{port}"
    wait_for_console(process, url, data_dir / "console.log", 120)
    yield url
    stop(process)
    log.close()


def results(page, count: int) -> None:
    page.get_by_text(f"{count} publicaciones encontradas", exact=False).wait_for(timeout=60_000)


def test_a_deep_link_survives_the_log_in_and_the_session_a_reload(console, browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.goto(f"{console}/explorar?q=frontera&country=PE", wait_until="networkidle")
    page.get_by_label("Usuario").wait_for(timeout=60_000)
    assert not page.get_by_text("Page not found").count()
    log_in(page, "ana", PASSWORD)
    page.get_by_role("heading", name="Explorar").wait_for(timeout=60_000)
    results(page, 2)  # the link's search and country, applied
    assert page.get_by_placeholder("Palabras", exact=False).input_value() == "frontera"
    assert "/explorar" in page.url

    page.wait_for_function("document.cookie.includes('vigia_session=')", timeout=30_000)  # set by the page's script
    cookie = next(c for c in context.cookies() if c["name"] == "vigia_session")
    assert cookie["expires"] > time.time() + 3600 and cookie["value"].count(".") == 3

    page.reload(wait_until="networkidle")  # no log-in again
    page.get_by_role("heading", name="Explorar").wait_for(timeout=60_000)
    assert not page.get_by_label("Contraseña").count()
    tab = context.new_page()
    tab.goto(f"{console}/explorar?q=feria", wait_until="networkidle")
    tab.get_by_role("heading", name="Explorar").wait_for(timeout=60_000)
    results(tab, 1)

    tab.get_by_role("button", name="Salir").click()
    tab.get_by_label("Usuario").wait_for(timeout=30_000)
    tab.wait_for_timeout(1000)
    assert not [c for c in context.cookies() if c["name"] == "vigia_session" and c["value"]]

    stolen = browser.new_context()  # the logged-out cookie, copied, opens nothing
    stolen.add_cookies([cookie])
    other = stolen.new_page()
    other.goto(f"{console}/explorar", wait_until="networkidle")
    other.get_by_label("Usuario").wait_for(timeout=60_000)
    stolen.close()
    context.close()

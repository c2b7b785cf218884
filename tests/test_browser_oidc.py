"""OIDC log-in end to end: `vigia serve` behind a real local OpenID provider (oidc-provider-mock), in Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import browser, free_port, no_exception, stop, wait_for_console  # noqa: F401  (browser: a fixture)
from conftest import incoming
from vigia.ingest.pipeline import Pipeline

pytestmark = pytest.mark.browser

CLIENT_SECRET = "client-secret-e2e-5b1d"
COOKIE_SECRET = "cookie-secret-e2e-0c7a4f9e2d"


@pytest.fixture
def provider() -> Iterator[str]:
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def console(provider: str, settings, sqlite_store, enricher, isolated: Path) -> Iterator[tuple[str, Path]]:
    records = [(f"r{i}", incoming(native_id=str(i), text=text)) for i, text in enumerate(
        ["Los venezolanos en Lima trabajan duro", "Solidaridad con los haitianos en Santiago"])]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    port = free_port()
    url = f"http://localhost:{port}"
    env = {**os.environ, "VIGIA_STORE_URL": f"sqlite://{sqlite_store.path}", "VIGIA_CONSOLE_PORT": str(port),
           "VIGIA_CONSOLE_OIDC": json.dumps({
               "provider": "Acme ID", "client_id": "vigia-console", "client_secret": CLIENT_SECRET,
               "cookie_secret": COOKIE_SECRET, "redirect_uri": f"{url}/oauth2callback",
               "server_metadata_url": f"{provider}/.well-known/openid-configuration"}),
           "VIGIA_CONSOLE_OIDC_ROLES": json.dumps({"*@org.example": "annotator"})}
    log_path = isolated.parent / "console.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "vigia", "serve"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            wait_for_console(process, url, log_path, 120)
            yield url, log_path
        finally:
            stop(process)


def log_in_at_the_provider(page, console_url: str, email: str) -> None:
    page.goto(console_url, wait_until="networkidle")
    assert not page.get_by_label("Contraseña").count()  # no password form next to the provider
    page.get_by_role("button", name="Entrar con Acme ID").click()
    page.get_by_placeholder("sub").fill(email)  # the provider's own authorization form
    page.get_by_role("button", name="Authorize").click()


def test_log_in_through_the_provider_lands_on_panorama_with_the_mapped_role(console, browser):
    url, log_path = console
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in_at_the_provider(page, url, "ana@org.example")
    page.get_by_role("heading", name="Panorama").wait_for(timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("ana@org.example (annotator)").wait_for(timeout=30_000)
    assert page.get_by_role("link", name="Revisión", exact=True).count()  # an annotator's page
    assert not page.get_by_role("link", name="Fuentes", exact=True).count()  # an admin's page
    no_exception(page)

    sidebar.get_by_role("button", name="Salir").click()
    page.get_by_role("button", name="End session").click()  # the provider's logout, back to the console
    page.get_by_role("button", name="Entrar con Acme ID").wait_for(timeout=60_000)
    page.goto(url, wait_until="networkidle")  # the identity cookie is gone: still logged out
    page.get_by_role("button", name="Entrar con Acme ID").wait_for(timeout=60_000)
    assert not page.get_by_role("heading", name="Panorama").count()

    stranger = browser.new_page()
    log_in_at_the_provider(stranger, url, "eve@elsewhere.example")
    stranger.get_by_text("La cuenta eve@elsewhere.example no tiene acceso a esta consola").wait_for(timeout=60_000)
    assert not stranger.get_by_role("heading", name="Panorama").count()

    printed = log_path.read_text()
    assert "OpenID Connect" in printed and "one-time password" not in printed
    assert CLIENT_SECRET not in printed and COOKIE_SECRET not in printed

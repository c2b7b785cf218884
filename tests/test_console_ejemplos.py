"""The Ejemplos para formación page: a curated, redacted gallery with counter-messages, and its downloads."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from PIL import Image
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from test_training_examples import CRIME, fill, leaked
from vigia.counter.library import load_library
from vigia.counter.packs import load_packs
from vigia.settings import load_settings

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "ejemplos.py"


class KeptMediaFiles(MediaFileManager):
    """AppTest's in-memory media files, kept after the run so a test can read what a download button serves."""

    last: MediaFileManager | None = None

    def __init__(self, storage) -> None:
        super().__init__(storage)
        KeptMediaFiles.last = self


@pytest.fixture
def store_url(isolated, sqlite_store, enricher, monkeypatch) -> str:
    monkeypatch.setenv("VIGIA_KEEP_RAW_AUTHORS", "true")
    fill(load_settings(), sqlite_store, enricher)
    url = f"sqlite://{sqlite_store.path}"
    monkeypatch.setenv("VIGIA_STORE_URL", url)
    monkeypatch.setattr(app_test_module, "MediaFileManager", KeptMediaFiles)
    return url


def page(language: str = "es", role: str | None = "viewer") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["ui_language"] = language
    if role:
        app.session_state["user"] = {"username": "ana", "role": role}
    return app.run()


def served(app: AppTest, index: int) -> bytes:
    """What the page's index-th download button serves when clicked (0: the PDF, 1: the slides)."""
    button = app.get("download_button")[index]
    url = KeptMediaFiles.last.execute_deferred(button.proto.deferred_file_id)
    return KeptMediaFiles.last.read_file(url.rsplit("/", 1)[-1]).content


def shown(app: AppTest) -> str:
    parts = [e.value for kind in ("text", "caption", "code", "markdown") for e in getattr(app, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["es", "pt", "en"])
def test_the_gallery_is_redacted_and_answered_in_each_language(store_url: str, language: str):
    app = page(language)
    assert not app.exception
    assert app.title[0].value == {"es": "Ejemplos para formación", "pt": "Exemplos para formação",
                                  "en": "Training examples"}[language]
    assert app.selectbox(key="examples_myth").value == CRIME  # the myth the store holds most
    texts = [t.value for t in app.text]
    assert texts[0].startswith("Desde que llegaron los venezolanos hay más robos en Cúcuta. [USER]")
    assert len([t for t in texts if "Cúcuta" in t]) == 1  # the shared copy is not shown twice
    assert leaked(shown(app)) == []
    codes = [c.value for c in app.code]
    assert len(codes) == 3 * 3  # three examples, the chooser's three replies each
    # each post is answered in its own language and for its country: the Colombian post from Colombia's pack
    colombia = next(n for n in load_packs(load_library())["colombia"].narratives if n.id == "crime-venezuelans")
    assert codes[0] == colombia.replies["es"][0].text
    chosen_for = {"es": "elegida para: Colombia · es · venezolanos",
                  "pt": "escolhida para: Colômbia · es · venezuelanos",
                  "en": "chosen for: Colombia · es · Venezuelans"}[language]
    assert chosen_for in shown(app).replace("\\", "")
    assert "Migration Policy Institute" in shown(app)  # the sources are cited
    assert [c.value for c in app.checkbox] == [True, True, True]


def test_downloads_serve_a_pdf_and_full_hd_slides_of_the_chosen_examples(store_url: str, isolated: Path):
    app = page("es")
    assert not (isolated / "audit.jsonl").exists()  # nothing is written or audited before a click
    app.checkbox(key="pick-telegram:bv-1").uncheck().run()
    assert not app.exception
    assert "2 ejemplos elegidos" in shown(app)
    pdf = served(app, 0)
    assert pdf.startswith(b"%PDF")
    handout = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Boa Vista" not in handout and "Cúcuta" in handout and leaked(handout) == []
    archive = zipfile.ZipFile(io.BytesIO(served(app, 1)))
    assert len(archive.namelist()) == 2
    assert all(Image.open(io.BytesIO(archive.read(n))).size == (1920, 1080) for n in archive.namelist())

    audit = [json.loads(line) for line in (isolated / "audit.jsonl").read_text().splitlines()]
    assert [(a["action"], a["actor"], a["format"], a["posts"]) for a in audit] == [
        ("training_examples", "ana", "pdf", 2), ("training_examples", "ana", "zip", 2)]
    chosen = audit[0]["selection"]["posts"]
    assert chosen[0] == "x:cuc-1" and chosen[1].startswith("news:") and len(chosen) == 2


def test_a_target_without_a_myth_shows_xenophobic_posts_and_says_when_none_answer(store_url: str):
    app = page("pt")
    app.selectbox(key="examples_myth").set_value("").run()
    assert "Escolha um mito ou um grupo visado." in [i.value for i in app.info]
    app.selectbox(key="examples_target").set_value("venezuelans").run()
    assert not app.exception
    texts = [t.value for t in app.text]
    assert texts[0] == "Fuera los venezolanos de mi barrio, escríbanme a [EMAIL]"
    assert "Sem mito da biblioteca: não há contramensagens prontas." in shown(app)
    assert not any("Solidaridad" in t for t in texts)
    assert leaked(shown(app)) == []


def test_empty_store_and_missing_login_say_what_to_do(isolated, sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page("en")
    assert not app.exception and "vigia demo" in app.info[0].value
    app = page("en", role=None)
    assert not app.exception and app.warning[0].value == "Log in to see this page."

"""The Contramensajes page reads the counter-messaging library and answers a pasted post."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import streamlit.testing.v1.app_test as app_test_module
from PIL import Image
from streamlit.testing.v1 import AppTest

from test_console_ejemplos import KeptMediaFiles
from vigia.counter.library import load_library
from vigia.counter.packs import load_packs

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "contramensajes.py"


def page(language: str = "es") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["ui_language"] = language
    app.session_state["user"] = {"username": "ana", "role": "viewer"}
    return app.run()


def test_a_myth_shows_its_sourced_facts_and_responses_in_the_console_language(isolated):
    library = load_library()
    app = page("pt")
    assert not app.exception
    myth = app.selectbox(key="counter_myth").value
    block = library.block(myth, "pt")
    codes = [c.value for c in app.code]
    assert codes == [r.text for r in block.responses]
    assert block.facts[0].text in [t.value for t in app.text]
    assert any("not yet verified" in c.value for c in app.caption)
    app.selectbox(key="counter_myth").set_value("disease").run()
    assert [c.value for c in app.code] == [r.text for r in library.block("disease", "pt").responses]


def test_a_pasted_post_gets_ranked_responses(isolated):
    app = page("es")
    app.text_area(key="counter_post").input(
        "Los venezolanos vienen a robar, desde que llegaron hay más delincuencia en Lima").run()
    assert not app.exception
    library = load_library()
    packs = [n for pack in load_packs(library).values() for n in pack.narratives]
    known = {r.text for m in library.myths for r in library.block(m, "es").responses}
    known |= {r.text for n in packs for r in n.replies.get("es", [])}  # the country packs' Spanish replies
    suggested = [c.value for c in app.code][len(library.block(app.selectbox(key="counter_myth").value, "es").responses):]
    assert suggested and set(suggested) <= known
    # about Venezuelans: the packs' Spanish replies on Venezuelans and crime come first (vigia.counter.choice)
    crime = {r.text for n in packs if n.myth == "crime_insecurity" and n.target == "venezuelans"
             for r in n.replies.get("es", [])}
    assert suggested[0] in crime


def test_the_page_offers_the_myths_campaign_pack_in_the_console_language(isolated, monkeypatch):
    monkeypatch.setattr(app_test_module, "MediaFileManager", KeptMediaFiles)
    app = page("en")
    app.selectbox(key="counter_myth").set_value("remittances_drain").run()
    assert not app.exception
    button = app.get("download_button")[0]
    assert button.proto.label == "Download the campaign material (.zip)"
    url = KeptMediaFiles.last.execute_deferred(button.proto.deferred_file_id)  # what a click serves
    served = KeptMediaFiles.last.read_file(url.rsplit("/", 1)[-1])
    assert (served.filename, served.mimetype) == ("remittances_drain-en.zip", "application/zip")
    archive = zipfile.ZipFile(io.BytesIO(served.content))
    socials = [r for r in load_library().block("remittances_drain", "en").responses if r.register_ == "social"]
    assert {f"remittances_drain-en/cards/{r.id}.png" for r in socials} < set(archive.namelist())
    card = Image.open(io.BytesIO(archive.read(f"remittances_drain-en/cards/{socials[0].id}.png")))
    assert card.size == (1080, 1080)
    assert "# Sources" in archive.read("remittances_drain-en/SOURCES.md").decode()

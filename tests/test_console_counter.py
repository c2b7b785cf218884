"""The Contramensajes page reads the counter-messaging library and answers a pasted post."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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

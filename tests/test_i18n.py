"""One catalogue per language (vigia/locales/): complete in es, pt and en, every key used, every page in each."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import incoming
from ui.navigation import PAGES, pages
from vigia.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES, catalogue, text, translations
from vigia.ingest.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
# Who reads each section of the catalogue; a page's section is read by the page and, for its title, the navigation.
READERS = {"console": sorted(UI.rglob("*.py")), "auth": [UI / "auth.py"],
           "training_examples": [ROOT / "vigia" / "counter" / "training_examples.py"],
           "cards": [ROOT / "vigia" / "counter" / "cards.py", ROOT / "vigia" / "counter" / "campaign_pack.py"],
           "campaign_reading": [ROOT / "vigia" / "counter" / "campaign_reading.py"],
           "counter_choice": [ROOT / "vigia" / "counter" / "choice.py"],
           "alerts": sorted((ROOT / "vigia" / "alerting").glob("*.py")),
           "report": sorted((ROOT / "vigia" / "report").glob("*.py")),
           **{path.stem: [path] for path in PAGES.glob("*.py")}}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def literals(path: Path) -> tuple[set[str], set[str]]:
    """The string constants of a module, and the constant starts of its f-strings (`f"split.{s}"` -> `split.`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sections = {id(arg) for node in ast.walk(tree)  # `words("panorama")` names a section, not a key
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "words" for arg in node.args}
    constants, prefixes = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in sections:
            constants.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            prefixes.add(node.values[0].value)
    return constants, prefixes


def test_every_key_is_in_every_language_with_the_same_placeholders():
    assert sorted(path.stem for path in LOCALES.glob("*.yaml")) == sorted(LANGUAGES)
    spanish = catalogue(DEFAULT_LANGUAGE)
    assert set(spanish) == set(READERS)
    for language in LANGUAGES:
        words = catalogue(language)
        assert {section: set(words[section]) for section in words} == {s: set(spanish[s]) for s in spanish}, language
        for section, entries in words.items():
            for name, value in entries.items():
                assert isinstance(value, str) and value.strip(), f"{language}: {section}.{name}"
                assert fields(value) == fields(spanish[section][name]), f"{language}: {section}.{name}"


def test_every_key_is_used_by_the_code_that_reads_its_section():
    unused = []
    for section, readers in READERS.items():
        constants, prefixes = set(), set()
        for path in readers:
            found = literals(path)
            constants |= found[0]
            prefixes |= found[1]
        for name in catalogue(DEFAULT_LANGUAGE)[section]:
            page_title = name == "title" and section in {p.stem for p in PAGES.glob("*.py")}
            if not (page_title or name in constants or any(p and name.startswith(p) for p in prefixes)):
                unused.append(f"{section}.{name}")
    assert not unused


def test_a_missing_language_falls_back_to_spanish_and_values_are_filled_in():
    assert text("console.results", "pt", total=3) == "3 publicações encontradas"
    assert text("console.results", "fr", total=3) == "3 publicaciones encontradas"
    assert text("console.logged_in_as", "en") == "{user} ({role})"  # no values: the text as it is
    assert text("revision.validation_progress", "en", language="pt", judged=1, needed=2, sampled=3,
                double=0) == "pt: 1 of 2 judged (3 in the sample), 0 by two people"  # a value may be named language
    assert translations("panorama.title") == {"es": "Panorama", "pt": "Panorama", "en": "Overview"}
    with pytest.raises(KeyError):
        text("console.no_such_key", "es")


@pytest.fixture
def filled_store(settings, sqlite_store, enricher, monkeypatch) -> None:
    records = [incoming(native_id=str(i), text=body, url=None, created_at=f"2026-05-0{i + 1}T12:00:00Z")
               for i, body in enumerate(["Los venezolanos nos quitan el trabajo y bajan los sueldos",
                                         "Solidaridad con los haitianos en Santiago",
                                         "Os venezuelanos em Boa Vista procuram trabalho"])]
    Pipeline(settings, sqlite_store, enricher, collector="test").process([(f"r{i}", r) for i, r in enumerate(records)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_opens_in_each_language(filled_store, language: str):
    heading = {"exportar": "exportar.export_title", "fuentes": "fuentes.sources_title"}
    for spec in pages():
        app = AppTest.from_file(str(spec.path), default_timeout=60)
        app.session_state["ui_language"] = language
        app.session_state["user"] = {"username": "ana", "role": "admin"}
        app.run()
        assert not app.exception, spec.url_path
        expected = text(heading.get(spec.url_path, f"{spec.url_path}.title"), language)
        assert app.title[0].value == expected, spec.url_path

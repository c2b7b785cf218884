"""The terminology checker's matcher on synthetic texts written for these tests: inflections, accents and case,
word boundaries, multiword terms, French and Haitian Creole, quotation marks, context and score; and the glossary
stays consistent with the lexicon it explains."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nlp.language import LanguageId
from vigia.counter.library import CounterError, TermEntry, load_library
from vigia.counter.terminology import PER_WORDS, WORD, TermChecker, fold_with_offsets

REPO = Path(__file__).resolve().parent.parent
LEXICON = REPO / "data" / "lexicons" / "targets.yaml"
LIBRARY = load_library()
CHECKER = TermChecker(LIBRARY, LEXICON, LanguageId(("es", "pt", "en", "fr", "ht")))


def found(text: str, language: str | None = None) -> list[tuple[str, str]]:
    return [(hit.found, hit.entry) for hit in CHECKER.check(text, language).hits]


def test_inflections_case_and_accents_are_matched_as_the_glossary_lists_them():
    text = "ILEGALES en la frontera; una ilegal más. Inmigracion ilegal, dijo. Los invasores y las clandestinas."
    assert found(text, "es") == [("ILEGALES", "illegal"), ("ilegal", "illegal"),
                                 ("Inmigracion ilegal", "illegal-immigration"), ("invasores", "invasion"),
                                 ("clandestinas", "clandestine")]
    # forms the glossary adds beside the lexicon's (pt invasores, en invaders)
    assert found("Os invasores chegaram", "pt") == [("invasores", "invasion")]
    assert found("They called them invaders.", "en") == [("invaders", "invasion")]


def test_word_boundaries_keep_longer_words_and_other_words_out():
    text = ("La ilegalidad del contrato. En Nicaragua, nicas y nicaragüenses. Bolitas de papel. "
            "Los mojadores de la fábrica. Minería ilegalmente explotada.")
    assert found(text, "es") == [("nicas", "nica"), ("Bolitas", "bolita")]
    assert found("Illegal mining and an illegal strike.", "en") == []  # only "illegals" and the migrant phrases
    assert found("The illegals, said the post.", "en") == [("illegals", "illegal")]


def test_multiword_terms_span_line_breaks_and_the_longest_term_wins():
    text = "Lo llamó espaldas\n  mojadas. Habló de la invasión haitiana y de una invasión pacífica; otra invasión."
    assert found(text, "es") == [("espaldas\n  mojadas", "mojado"), ("invasión haitiana", "haitian-invasion"),
                                 ("invasión pacífica", "haitian-invasion"), ("invasión", "invasion")]
    assert found("los falsos refugiados y las falsas refugiadas", "es") == [
        ("falsos refugiados", "false-refugee"), ("falsas refugiadas", "false-refugee")]
    assert found("bogus asylum-seekers, bogus asylum seekers", "en") == [  # a hyphen joins words like a space
        ("bogus asylum-seekers", "false-refugee"), ("bogus asylum seekers", "false-refugee")]


def test_french_elision_accents_and_hyphens():
    text = ("L'invasion, disent-ils, et les faux refugies. Des clandestins, des sans-papiers. "
            "Une « submersion migratoire ». Un nègre, des négresses.")
    assert found(text, "fr") == [("invasion", "invasion"), ("faux refugies", "false-refugee"),
                                 ("clandestins", "clandestine"), ("submersion migratoire", "disaster-metaphors"),
                                 ("nègre", "negre"), ("négresses", "negre")]


def test_haitian_creole_terms_and_the_neutral_neg_is_not_a_slur():
    report = CHECKER.check("Nèg la di: moun ilegal yo pa la. Se pa yon envazyon, se moun k ap travay.")
    assert report.language == "ht" and report.language_source == "identified"
    assert [(h.found, h.entry, h.advice_language) for h in report.hits] == [
        ("moun ilegal", "illegal", "ht"), ("envazyon", "invasion", "ht")]
    assert "moun ki san papye" in report.hits[0].alternatives


def test_slurs_are_found_whatever_the_language_and_advice_follows_the_text():
    report = CHECKER.check("Em Boa Vista chamam os venezuelanos de venecos, e isso é xenofobia.", "pt")
    hit = report.hits[0]
    assert (hit.found, hit.language, hit.advice_language) == ("venecos", "es", "pt")
    assert hit.alternatives == LIBRARY.terminology[[e.id for e in LIBRARY.terminology].index("veneco")].languages[
        "pt"].alternatives
    assert found("Ilegales", "pt") == []  # a Spanish stigmatizing form is read in Spanish texts only


def test_quoted_terms_are_flagged_and_marked_not_skipped():
    report = CHECKER.check('El diputado habló de «avalancha» y dijo “ilegales”. Hubo una oleada de críticas.', "es")
    assert [(h.found, h.quoted) for h in report.hits] == [("avalancha", True), ("ilegales", True),
                                                          ("oleada", False)]
    assert report.quoted == 2 and report.to_dict()["quoted"] == 2


def test_context_window_and_offsets_point_at_the_term_in_the_original_text():
    text = "Uno dos tres cuatro   Ilegales cinco seis siete ocho."
    report = CHECKER.check(text, "es", context_words=2)
    hit = report.hits[0]
    assert text[hit.start:hit.end] == "Ilegales"
    assert hit.before == "tres cuatro " and hit.after == " cinco seis"
    assert hit.context == "tres cuatro [Ilegales] cinco seis"
    decomposed = "inmigracio\u0301n ilegal"  # an accent written as a combining mark
    folded, origin = fold_with_offsets(decomposed)
    assert folded == "inmigracion ilegal" and len(origin) == len(folded)
    assert found(decomposed, "es") == [(decomposed, "illegal-immigration")]


def test_the_score_is_terms_per_thousand_words():
    text = "Hablan de ilegales y de una avalancha. " + "palabra " * 36
    report = CHECKER.check(text, "es")
    words = len(WORD.findall(text))
    assert words == 43 and report.score == round(2 * PER_WORDS / words, 2)
    assert CHECKER.check("   ", "es").score == 0.0


def test_each_hit_carries_the_glossary_advice_and_its_source():
    hit = CHECKER.check("Ningún ser humano es ilegal.", "es").hits[0]
    assert hit.alternatives[0] == "migrantes en situación irregular" and "delito" in hit.reason
    assert {s["id"] for s in hit.sources} == {"fb-099", "modii-guia"}
    assert all(s["citation"] and s["url"].startswith("https://") for s in hit.sources)
    nosource = CHECKER.check("le dijeron perucho", "es").hits[0]
    assert nosource.sources == [] and "no source" in nosource.note.lower()


# --- the glossary and the lexicon stay consistent ------------------------------------------------------------


def test_every_lexicon_form_is_found_by_the_checker_under_its_glossary_entry():
    lexicon = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    entries = {(ref.term, ref.lang): entry.id for entry in LIBRARY.terminology for ref in entry.lexicon}
    for kind in ("slurs", "stigmatizing_terms"):
        for item in lexicon[kind]:
            for form in item["forms"]:
                hits = CHECKER.check(form, item["lang"]).hits
                assert [h.found for h in hits] == [form], (item["term"], form)
                assert hits[0].entry == entries[item["term"], item["lang"]] or hits[0].form != form, form


def test_every_glossary_form_is_found_and_every_lexicon_language_has_advice():
    for entry in LIBRARY.terminology:
        assert {ref.lang for ref in entry.lexicon} <= set(entry.languages), entry.id
        for lang, block in entry.languages.items():
            for form in block.forms:
                assert [(h.found, h.entry) for h in CHECKER.check(form, lang).hits] == [(form, entry.id)]


def test_the_glossary_grew_french_creole_and_the_terms_the_issue_names():
    languages = {lang for entry in LIBRARY.terminology for lang in entry.languages}
    assert {"fr", "ht"} <= languages
    ids = {entry.id for entry in LIBRARY.terminology}
    assert {"false-refugee", "haitian-invasion", "negre"} <= ids
    spanish = [a for entry in LIBRARY.terminology for a in entry.languages["es"].alternatives]
    assert "movilidad humana" in spanish
    for entry in LIBRARY.terminology:  # a source, or a note saying there is none
        assert entry.sources or "no source" in (entry.note or "").lower(), entry.id


def test_an_entry_without_source_or_note_and_a_form_in_two_entries_are_errors():
    data = next(e for e in LIBRARY.terminology if e.id == "invasion").model_dump()
    with pytest.raises(ValueError, match="sources"):
        TermEntry.model_validate({**data, "note": None, "sources": []})
    library = load_library()
    dehumanizing = next(e for e in library.terminology if e.id == "dehumanizing")
    dehumanizing.languages["pt"].forms.append("invasão")
    with pytest.raises(CounterError, match=r"dehumanizing.languages.pt.forms': 'invasão' is also a form of 'invasion'"):
        TermChecker(library, LEXICON)

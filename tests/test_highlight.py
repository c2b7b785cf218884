"""Highlighting folds case and diacritics and honours phrases and prefixes, like the stores' search."""

from vigia.highlight import matches, snippet

TEXT = "La MIGRACIÓN venezolana en Cúcuta: migrantes y más migración."


def test_words_match_whatever_their_accents_and_case():
    assert [TEXT[s:e] for s, e in matches(TEXT, "migracion cucuta")] == ["MIGRACIÓN", "Cúcuta", "migración"]


def test_phrases_and_prefixes():
    assert [TEXT[s:e] for s, e in matches(TEXT, '"migración venezolana"')] == ["MIGRACIÓN venezolana"]
    assert [TEXT[s:e] for s, e in matches(TEXT, "migra*")] == ["MIGRACIÓN", "migrantes", "migración"]
    assert matches(TEXT, '"venezolana migración"') == []


def test_snippet_marks_matches_and_windows_long_text():
    long = "relleno " * 50 + TEXT + " fin" * 50
    out = snippet(long, "cucuta", width=80, mark=("**", "**"))
    assert "**Cúcuta**" in out and out.startswith("…") and out.endswith("…") and len(out) <= 90
    assert snippet("sin nada", None) == "sin nada"

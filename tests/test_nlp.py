"""Language identification and gazetteer matching on realistic text in each language."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.targets import fold, load_gazetteer

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "targets.yaml"


@pytest.mark.parametrize("text,language", [
    ("Los migrantes venezolanos que cruzan por Cúcuta piden trabajo y respeto.", "es"),
    ("Os venezuelanos que chegam a Pacaraima recebem abrigo da Operação Acolhida.", "pt"),
    ("Thousands of migrants crossed the Darién jungle this month, officials said.", "en"),
    ("Les migrants haïtiens attendent à la frontière depuis des semaines.", "fr"),
    ("Ayisyen yo ap sibi diskriminasyon nan fwontyè a chak jou.", "ht"),
    ("Die Migranten warten seit Wochen an der Grenze auf eine Antwort.", "other"),
    ("移民在边境等待了几个星期", "other"),
    ("🔥🔥🔥 !!!", "other"),
])
def test_language_is_one_of_ours_or_other(enricher, text: str, language: str):
    annotation = enricher.annotate([text])[0]
    assert annotation.language == language
    assert 0.0 <= annotation.language_score <= 1.0


def test_mentions_urls_and_hashtags_do_not_decide_the_language(enricher):
    text = "@someuser https://example.com/english/page #Venezuela los migrantes merecen respeto"
    assert enricher.annotate([text])[0].language == "es"


@pytest.mark.parametrize("text,groups", [
    ("Los venezolanos y los HAITIANOS llegan a Chile.", {"venezuelans", "haitians"}),
    ("Mais de 400 mil venezuelanos vivem no Brasil.", {"venezuelans"}),
    ("Nicaraguans in Costa Rica face discrimination.", {"nicaraguans"}),
    ("Les Haïtiens et les Vénézuéliens sont nombreux.", {"haitians", "venezuelans"}),
    ("El partido ganó ayer por dos goles.", set()),
])
def test_target_groups_are_found_in_every_language(enricher, text: str, groups: set[str]):
    assert set(enricher.annotate([text])[0].targets) == groups


def test_slurs_map_to_their_group_and_neutral_form(enricher):
    text = "Fuera los venecos de Lima"
    annotation = enricher.annotate([text])[0]
    slur = next(c for c in annotation.cues if c.kind == "slur")
    assert (slur.text, slur.group, text[slur.start:slur.end]) == ("venecos", "venezuelans", "venecos")
    assert slur.neutral and fold(slur.neutral).startswith("venezolan")
    assert "venezuelans" in annotation.targets


def test_migration_and_stigmatizing_terms_are_cues(enricher):
    annotation = enricher.annotate(["Otra oleada de ilegales cruzó la frontera"])[0]
    kinds = {c.kind for c in annotation.cues}
    assert {"migration_term", "stigmatizing_term"} <= kinds
    stigma = next(c for c in annotation.cues if c.kind == "stigmatizing_term")
    assert stigma.neutral  # the recommended alternative


def test_one_bad_text_gets_an_empty_annotation_not_a_failed_batch(enricher):
    good, bad = enricher.annotate(["Los haitianos en Dajabón", None])  # type: ignore[list-item]
    assert good.targets == ["haitians"] and good.warning is None
    assert bad.targets == [] and bad.warning and "enrichment failed" in bad.warning


def test_gazetteer_covers_every_group_in_the_three_main_languages():
    import yaml

    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    for group, spec in data["groups"].items():
        assert {"es", "pt", "en"} <= set(spec["terms"]), group
    groups = set(data["groups"])
    assert all(s["group"] in groups for s in data["slurs"] if s.get("group"))
    assert {"es", "pt", "en", "fr", "ht"} <= set(load_gazetteer(LEXICON))


def test_fold_removes_case_and_diacritics():
    assert fold("Haïtiens MIGRACIÓN Darién") == "haitiens migracion darien"

"""Claims, not digits: every figure a counter-message states is a claim (data/counter/claims.yaml) taken from a span
of a cited quote, with its place, its year and, for a share, the population share it must be read against; numbers
are read and written the way each language writes them (Babel)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from vigia.counter.claims import (
    check_caveats,
    check_claim_in_quote,
    check_comparators,
    check_library,
    check_message,
    figures_in,
    written_in,
)
from vigia.counter.library import (
    COUNTER_DIR,
    Claim,
    CounterError,
    Response,
    load_library,
)
from vigia.counter.packs import check_pack, load_pack, load_packs

REPO = Path(__file__).resolve().parent.parent
TAXONOMY = REPO / "data" / "myths" / "taxonomy.yaml"
LIBRARY = load_library()
REGISTER_LABELS = ("Punto para formación", "Ponto para formação", "Talking point", "Punto para formadores")


def responses():
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            for response in block.responses:
                yield pytest.param(myth, lang, response, id=f"{myth}-{response.id}")


def test_the_library_has_claims_and_the_whole_library_passes_every_claim_check():
    assert len(LIBRARY.claims) >= 70
    assert check_library(LIBRARY) == []  # responses and facts alike


@pytest.mark.parametrize("myth", list(LIBRARY.myths))
def test_every_fact_states_its_figures_as_claims_with_their_year(myth):
    for lang, block in LIBRARY.myths[myth].languages.items():
        for index, fact in enumerate(block.facts):
            assert check_message(fact, lang, LIBRARY, myth, f"{lang}-fact{index}") == []


@pytest.mark.parametrize("claim", list(LIBRARY.claims.values()), ids=list(LIBRARY.claims))
def test_every_claim_is_in_its_quote_with_its_place_and_period(claim: Claim):
    source = LIBRARY.sources[claim.source]
    assert claim.span in source.quote
    assert check_claim_in_quote(claim, LIBRARY) == []


@pytest.mark.parametrize("myth,lang,response", list(responses()))
def test_every_figure_of_a_message_is_a_claim_with_its_year_place_and_comparator(myth, lang, response):
    assert check_message(response, lang, LIBRARY, myth) == []


def test_a_share_is_read_against_the_population_share_where_the_source_gives_one():
    assert check_comparators(LIBRARY) == []
    assert LIBRARY.claims["fb-028.4_9"].comparator == "fb-028.4_5"  # Argentina: 4.9 % of spending, 4.5 % of people
    assert LIBRARY.claims["fb-011.11_3"].comparator == "fb-011.7_5"  # Chile 2022: 11.3 % of prisoners, 7.5 % of people
    assert LIBRARY.claims["fb-086.11_9"].comparator == "fb-086.9_1"
    shares = [c for c in LIBRARY.claims.values() if c.kind == "share"]
    assert shares and all(c.comparator or c.no_comparator for c in shares)


def test_no_reply_contradicts_a_caveat_and_each_language_has_a_social_reply_stating_one():
    assert check_caveats(LIBRARY) == []
    for myth in ("jobs_wages", "crime_insecurity", "welfare_burden"):
        assert LIBRARY.myths[myth].caveat_claims, myth
    crime = {c.claim for c in LIBRARY.myths["crime_insecurity"].caveat_claims}
    for lang in ("es", "pt", "en"):  # Chile's 2022 prison figures reach the short replies, not only the long ones
        social = [r for r in LIBRARY.responses("crime_insecurity", lang) if r.register_ == "social"]
        assert any("fb-011.11_3" in r.claims and "fb-011.7_5" in r.claims for r in social), lang
    assert "fb-011.11_3" in crime


def test_numbers_are_read_per_language_after_normalisation():
    assert [v for _, v in figures_in("US$ 1,8 bilhão", "pt")] == [Decimal("1800000000.0")]
    assert [v for _, v in figures_in("1.800 millones de dólares", "es")] == [Decimal(1800000000)]
    assert [v for _, v in figures_in("US$1,800 million", "en")] == [Decimal(1800000000)]
    assert [v for _, v in figures_in("US$1.800 million", "en")] == [Decimal("1800000.000")]  # a copied format misreads
    assert [v for _, v in figures_in("40 mil empregos em 2024", "pt")] == [Decimal(40000)]
    assert figures_in("Decreto 216 del 31 de enero de 2021; COVID-19", "es") == []
    assert written_in("0,7", "es") and written_in("1.553.465", "pt") and written_in("155,000", "en")
    assert not written_in("0.7", "es") and not written_in("1800", "pt") and not written_in("0,7", "en")


def _response(text: str, claims: list[str], sources: list[str]) -> Response:
    return Response.model_validate({"id": "x-social", "register": "social", "text": text, "claims": claims,
                                    "sources": sources})


def test_the_message_check_catches_a_missing_year_place_comparator_or_format():
    good = _response("En Chile, en 2019, solo el 0,7 % de los imputados eran venezolanos, siendo el 2,4 % de la "
                     "población.", ["fb-002.0_7", "fb-002.2_4"], ["fb-002"])
    assert check_message(good, "es", LIBRARY) == []
    no_year = _response("En Chile, solo el 0,7 % de los imputados eran venezolanos, siendo el 2,4 % de la población.",
                        ["fb-002.0_7", "fb-002.2_4"], ["fb-002"])
    assert any("without its year" in p for p in check_message(no_year, "es", LIBRARY))
    no_place = _response("En 2019, solo el 0,7 % de los imputados eran venezolanos, siendo el 2,4 % de la población.",
                         ["fb-002.0_7", "fb-002.2_4"], ["fb-002"])
    assert any("without its place" in p for p in check_message(no_place, "es", LIBRARY))
    alone = _response("En Chile, en 2019, solo el 0,7 % de los imputados eran venezolanos.", ["fb-002.0_7"],
                      ["fb-002"])
    assert any("without its comparator fb-002.2_4" in p for p in check_message(alone, "es", LIBRARY))
    english_digits = _response("En Chile, en 2019, solo el 0.7 % de los imputados eran venezolanos, siendo el 2.4 % "
                               "de la población.", ["fb-002.0_7", "fb-002.2_4"], ["fb-002"])
    problems = check_message(english_digits, "es", LIBRARY)
    assert any("'0.7' is not written the es way" in p for p in problems)
    unclaimed = _response("En Chile, en 2019, el 0,7 % y el 2,4 %; en 2021, el 3,1 %.", ["fb-002.0_7", "fb-002.2_4"],
                          ["fb-002"])
    assert any("figure '3,1'" in p for p in check_message(unclaimed, "es", LIBRARY))


def test_a_claim_whose_span_or_value_or_place_drifts_from_the_quote_is_caught():
    claim = LIBRARY.claims["fb-002.0_7"]
    assert check_claim_in_quote(claim.model_copy(update={"value": 0.8}), LIBRARY)
    assert check_claim_in_quote(claim.model_copy(update={"span": "only 0.8 percent of people"}), LIBRARY)
    elsewhere = claim.model_copy(update={"place": "Argentina"})  # neither quote, title nor scope name it
    assert any("does not speak of Argentina" in p for p in check_claim_in_quote(elsewhere, LIBRARY))
    assert any("period 2021" in p for p in check_claim_in_quote(claim.model_copy(update={"period": "2021"}), LIBRARY))


def test_a_share_without_comparator_or_reason_is_refused():
    data = LIBRARY.claims["fb-002.0_7"].model_dump()
    with pytest.raises(ValueError, match="comparator"):
        Claim.model_validate({**data, "comparator": None})
    with pytest.raises(ValueError, match="period"):
        Claim.model_validate({**data, "period": "recent"})


def test_a_reply_that_contradicts_a_caveat_is_caught(tmp_path: Path):
    root = tmp_path / "counter"
    shutil.copytree(COUNTER_DIR, root)
    path = root / "myths" / "jobs_wages.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reply = next(r for r in data["languages"]["en"]["responses"] if r["id"] == "en-social-2")
    reply["text"] = "In Colombia, migration had no effect on wages."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = check_caveats(load_library(root, TAXONOMY))
    assert problems == [f"jobs_wages/en-social-2: 'no effect on wages' contradicts caveat {claim}"
                        for claim in ("fb-014.1_05", "fb-016.0_4")]


def test_an_unknown_claim_is_one_error_naming_file_and_field(tmp_path: Path):
    root = tmp_path / "counter"
    shutil.copytree(COUNTER_DIR, root)
    path = root / "myths" / "crime_insecurity.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["languages"]["es"]["responses"][0]["claims"] = ["fb-002.9_9"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CounterError) as info:
        load_library(root, TAXONOMY)
    assert str(path) in str(info.value) and "languages.es.responses.es-social-1.claims" in str(info.value)


def test_sources_link_the_canonical_url_and_flag_machine_translations():
    translated = [s for s in LIBRARY.sources.values() if s.machine_translated]
    assert sorted(s.id for s in translated) == ["fb-021", "fb-045", "fb-052"]
    assert all("machine-translated" in s.citation() for s in translated)
    mirrored = LIBRARY.sources["fb-004"]  # read on a copy; the publisher's address is what a reader gets
    assert mirrored.canonical_url and mirrored.canonical_url != mirrored.url
    assert mirrored.canonical_url in mirrored.citation() and mirrored.url not in mirrored.citation()
    unfound = LIBRARY.sources["fb-002"]  # no publisher's address found: the copy is shown, and said to be one
    assert unfound.canonical_url is None and "publisher's address was not found]" in unfound.citation()


def test_translated_quotes_are_never_presented_as_verbatim():
    quoted = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
    for myth, entry in LIBRARY.myths.items():
        for block in entry.languages.values():
            for response in block.responses:
                if any(LIBRARY.sources[s].machine_translated for s in response.sources):
                    for passage in quoted.findall(response.text):
                        assert not any(passage.strip("«»\"“”") in LIBRARY.sources[s].quote
                                       for s in response.sources), (myth, response.id, passage)


def test_replies_read_naturally_in_their_language():
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            for response in block.responses:
                assert not response.text.startswith(REGISTER_LABELS), (myth, response.id)  # the console labels them
                if lang == "pt":
                    assert not re.search(r"venezolan|ción\b|ciones\b", response.text), (myth, response.id)
    spanish = " ".join(r.text for e in LIBRARY.myths.values() for r in e.languages["es"].responses)
    portuguese = " ".join(r.text for e in LIBRARY.myths.values() for r in e.languages["pt"].responses)
    assert spanish.count("personas migrantes") > len(re.findall(r"\blos migrantes\b", spanish))
    assert "pessoas migrantes" in portuguese


def test_several_social_replies_per_myth_in_every_language():
    for myth in LIBRARY.myths:
        for lang in ("pt", "en"):
            social = [r for r in LIBRARY.responses(myth, lang) if r.register_ == "social"]
            assert len(social) >= 2, (myth, lang)


# --- narrative packs: replies in the languages of the people a narrative targets ----------------------------

PACKS = load_packs(LIBRARY)


def test_the_haitian_pack_answers_in_spanish_french_and_creole_and_marks_its_gaps():
    pack = PACKS["haitian"]
    assert pack.languages == ["es", "fr", "ht"]
    assert check_pack(pack, LIBRARY) == []
    answered = [n for n in pack.narratives if any(n.replies.values())]
    assert {n.country for n in answered} == {"Dominican Republic", "Chile"}
    for narrative in answered:
        assert set(narrative.replies) == {"es", "fr", "ht"}
        assert all(reply.claims for replies in narrative.replies.values() for reply in replies)
    brazil = next(n for n in pack.narratives if n.country == "Brazil")
    assert not any(brazil.replies.values()) and "no fact" in brazil.gaps


def test_french_and_creole_figures_are_grouped_their_own_way():
    replies = {lang: next(r for r in PACKS["haitian"].narratives[0].replies[lang]) for lang in ("es", "fr", "ht")}
    assert "497.825" in replies["es"].text
    assert "497\u202f825" in replies["fr"].text and "497\u00a0825" in replies["ht"].text
    copied = replies["fr"].model_copy(update={"text": replies["fr"].text.replace("497\u202f825", "497.825")})
    assert any("'497.825' is not written the fr way" in p for p in check_message(copied, "fr", LIBRARY))


def test_a_pack_narrative_without_replies_or_gaps_is_refused(tmp_path: Path):
    data = yaml.safe_load((COUNTER_DIR / "packs" / "haitian.yaml").read_text(encoding="utf-8"))
    data["narratives"][3].pop("gaps")
    path = tmp_path / "haitian.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CounterError, match=r"haitian.yaml: field 'narratives.3.gaps'"):
        load_pack(path, LIBRARY)


def test_main_replies_have_french_and_creole_versions_that_pass_the_claim_checks():
    pack = PACKS["main_fr_ht"]
    assert pack.languages == ["fr", "ht"] and check_pack(pack, LIBRARY) == []
    assert {n.myth for n in pack.narratives} >= {"crime_insecurity", "jobs_wages", "invasion_numbers"}
    crime = next(n for n in pack.narratives if n.myth == "crime_insecurity")
    for replies in crime.replies.values():  # Chile 2022 comes with its comparator in these languages too
        assert all({"fb-011.11_3", "fb-011.7_5"} <= set(r.claims) for r in replies)

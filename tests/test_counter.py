"""The counter-messaging library (data/counter/): it loads, covers every myth in every language, cites what exists,
states only figures its sources state, and speaks the way the glossary asks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from nlp.targets import fold, load_gazetteer
from vigia.counter.library import (
    COUNTER_DIR,
    FACT_BASE,
    LIBRARY_LANGUAGES,
    REGISTERS,
    CounterError,
    Source,
    check_figures,
    load_library,
    load_taxonomy_ids,
    numbers_in,
)

REPO = Path(__file__).resolve().parent.parent
TAXONOMY = REPO / "data" / "myths" / "taxonomy.yaml"
LEXICON = REPO / "data" / "lexicons" / "targets.yaml"
SHARED_FACT_BASE = REPO.parent / "shared" / "facts" / "facts.jsonl"  # beside the repository for developers and CI
LIBRARY = load_library()  # checked against FACT_BASE, the project's fact base in data/facts/
MYTHS = load_taxonomy_ids(TAXONOMY)
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
# Cue phrases that name a topic rather than the claim; a response may open with the topic.
TOPIC_CUES = {"covid", "sarampión", "sarampo", "measles", "tuberculosis", "remesas", "remessas", "remittances"}


def items():
    """Every fact and response of the library, with where it is."""
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            for i, fact in enumerate(block.facts):
                yield pytest.param(myth, lang, fact, id=f"{myth}-{lang}-fact{i}")
            for response in block.responses:
                yield pytest.param(myth, lang, response, id=f"{myth}-{response.id}")


def contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", fold(text)) is not None


def test_the_whole_library_loads_with_every_myth_in_every_language():
    assert list(LIBRARY.myths) == MYTHS and len(MYTHS) == 10
    for myth in MYTHS:
        entry = LIBRARY.myths[myth]
        assert set(entry.languages) == set(LIBRARY_LANGUAGES), myth
        for lang, block in entry.languages.items():
            assert 3 <= len(block.responses) <= 5, (myth, lang)
            assert {r.register_ for r in block.responses} == set(REGISTERS), (myth, lang)
            assert block.summary and block.facts
    assert LIBRARY.stats["responses"] >= 90


def test_every_response_and_fact_cites_sources_that_exist():
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            for item in (*block.facts, *block.responses):
                assert item.sources, (myth, lang, item.text[:40])
                assert all(s in LIBRARY.sources for s in item.sources), (myth, lang, item.sources)


def test_the_fact_base_in_data_is_well_formed_and_the_same_as_the_shared_one():
    facts = [json.loads(line) for line in FACT_BASE.read_text(encoding="utf-8").splitlines()]
    for number, fact in enumerate(facts, 1):
        assert fact["myth_ids"] and set(fact["myth_ids"]) <= set(MYTHS), number
        for field in ("quote", "url", "source_title", "publisher", "published"):
            assert isinstance(fact[field], str) and fact[field].strip(), (number, field)
    if SHARED_FACT_BASE.is_file():  # where ../shared is beside the repository, data/ keeps the same base
        assert FACT_BASE.read_bytes() == SHARED_FACT_BASE.read_bytes()


def test_every_fact_base_source_is_word_for_word_in_the_fact_base():
    facts = [json.loads(line) for line in FACT_BASE.read_text(encoding="utf-8").splitlines()]
    by_key = {(f["url"], f["quote"]): f for f in facts}
    from_fact_base = [s for s in LIBRARY.sources.values() if s.origin == "fact_base"]
    for source in from_fact_base:
        fact = by_key[(source.url, source.quote)]
        assert (source.title, source.publisher, source.published) == (
            fact["source_title"], fact["publisher"], fact["published"])
        assert source.verified is False  # nothing has been checked at the original publisher yet
    assert len(from_fact_base) == len(facts)  # every fact of the base is citable


@pytest.mark.parametrize("myth,lang,item", list(items()))
def test_every_figure_is_in_the_quote_of_a_cited_source(myth, lang, item):
    assert check_figures(item.text, LIBRARY.cited(item.sources)) == []


def test_figure_check_catches_a_wrong_or_reformatted_number():
    source = LIBRARY.sources["fb-002"]  # "only 0.7 percent of people indicted ... 2.4 percent"
    assert check_figures("En Chile, el 0,7 % de los imputados y el 2,4 % de la población.", [source]) == []
    assert check_figures("In Chile, 0.7% of those indicted were Venezuelan.", [source]) == []
    assert check_figures("En Chile, el 0,8 % de los imputados.", [source]) == ["0,8"]
    assert check_figures("In 2021, 0.7% of them.", [source]) == ["2021"]
    big = LIBRARY.sources["fb-025"]  # "1.553.465 ... 923.649"
    assert check_figures("1,553,465 beneficiaries; 923,649 workers", [big]) == []
    assert check_figures("1.553.466 beneficiarios", [big]) == ["1.553.466"]
    assert numbers_in("US$529,1 millones, 0,23% y 2.474.599.") == ["529,1", "0,23", "2.474.599"]


def test_social_replies_fit_a_post():
    for entry in LIBRARY.myths.values():
        for block in entry.languages.values():
            assert all(len(r.text) <= 280 for r in block.responses if r.register_ == "social")


def test_responses_lead_with_the_fact_not_the_myth():
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["myths"]
    offenders = []
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            cues = [c for c in taxonomy[myth]["cues"].get(lang, []) if c not in TOPIC_CUES]
            for response in block.responses:
                first = re.split(r"(?<=[.!?])\s", response.text)[0]
                offenders += [(response.id, cue) for cue in cues if contains(first, cue)]
    assert offenders == []


def test_responses_use_no_slur_or_stigmatizing_term_outside_quotation_marks():
    gazetteer = load_gazetteer(LEXICON)
    offenders = []
    for myth, entry in LIBRARY.myths.items():
        for lang, block in entry.languages.items():
            forms = [form for form, info in gazetteer.get(lang, []) if info.kind in ("slur", "stigmatizing_term")]
            for item in (*block.facts, *block.responses):
                unquoted = QUOTED.sub(" ", item.text)
                offenders += [(myth, lang, form) for form in forms if contains(unquoted, form)]
    assert offenders == []


def test_where_evidence_cuts_against_a_message_each_language_cites_it():
    for myth, entry in LIBRARY.myths.items():
        if not entry.caveats:
            continue
        for lang, block in entry.languages.items():
            cited = {s for r in block.responses for s in r.sources}
            assert cited & set(entry.caveats), f"{myth}/{lang} never cites its caveats {entry.caveats}"


def test_myths_with_partial_evidence_say_what_is_missing():
    partial = {m for m, e in LIBRARY.myths.items() if e.evidence != "good"}
    assert {"regularization_pull", "culture_integration", "disease"} <= partial
    assert all(LIBRARY.myths[m].gaps for m in partial)


def test_the_glossary_covers_every_lexicon_term_with_its_alternative():
    lexicon = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    covered = {(ref.term, ref.lang): entry for entry in LIBRARY.terminology for ref in entry.lexicon}
    for kind, key in (("stigmatizing_terms", "alternative"), ("slurs", "neutral")):
        for item in lexicon[kind]:
            entry = covered.get((item["term"], item["lang"]))
            assert entry is not None, f"terminology.yaml has no entry for {item['term']} ({item['lang']})"
            expected = item[key][item["lang"]]
            assert expected in entry.languages[item["lang"]].alternatives, (item["term"], expected)
            assert entry.kind == kind.rstrip("s")
    for entry in LIBRARY.terminology:
        assert set(LIBRARY_LANGUAGES) <= set(entry.languages)


# --- errors name the file and the field -------------------------------------------------------------------


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    root = tmp_path / "counter"
    shutil.copytree(COUNTER_DIR, root)
    return root


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("change,field", [
    (lambda d: d["languages"]["es"]["responses"][0].update(sources=[]), "languages.es.responses.0.sources"),
    (lambda d: d["languages"]["pt"]["responses"][0].update(sources=["fb-999"]), "languages.pt.responses.pt-social-1"),
    (lambda d: d["languages"]["en"]["responses"][0].update(text="Only 0.9% of people indicted were Venezuelan."),
     "languages.en.responses.en-social-1.text"),
    (lambda d: d["languages"].pop("pt"), "languages"),
    (lambda d: d["languages"]["es"].update(responses=d["languages"]["es"]["responses"][:2]), "responses"),
    (lambda d: d["languages"]["es"]["responses"][0].update(text="x" * 300 + " una réplica demasiado larga"),
     "text"),
])
def test_a_broken_myth_file_is_one_error_naming_file_and_field(library_copy: Path, change, field: str):
    path = library_copy / "myths" / "crime_insecurity.yaml"
    edit(path, change)
    with pytest.raises(CounterError) as info:
        load_library(library_copy, TAXONOMY)
    assert str(path) in str(info.value) and field in str(info.value)


def test_a_changed_quote_no_longer_matches_the_fact_base(library_copy: Path):
    path = library_copy / "sources.yaml"
    edit(path, lambda d: d["sources"][1].update(quote=d["sources"][1]["quote"].replace("0.7", "0.5")))
    with pytest.raises(CounterError, match=r"sources.yaml: field 'fb-002.quote'"):
        load_library(library_copy, TAXONOMY)  # checked against data/facts/facts.jsonl by default


def test_a_missing_myth_file_is_named(library_copy: Path):
    (library_copy / "myths" / "disease.yaml").unlink()
    with pytest.raises(CounterError, match=r"no file for taxonomy myths \['disease'\]"):
        load_library(library_copy, TAXONOMY)


def test_a_verified_source_needs_the_date_it_was_checked():
    data = LIBRARY.sources["fb-002"].model_dump()
    with pytest.raises(ValueError, match="verified_on"):
        Source.model_validate({**data, "verified": True})
    checked = Source.model_validate({**data, "verified": True, "verified_on": "2026-11-20"})
    assert "(verified)" in checked.citation()
    assert "not yet verified" in LIBRARY.sources["fb-002"].citation()

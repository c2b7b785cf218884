"""Country packs and the one chooser: which replies a post gets for its country, language and target groups, the
same from `vigia respond`, Explorar and the trainers' handout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.cli.main import cli
from vigia.counter.choice import Audience, candidates, group_names, order, reason
from vigia.counter.claims import check_message
from vigia.counter.library import COUNTER_DIR, CounterError, load_library
from vigia.counter.packs import Pack, check_pack, load_pack, load_packs
from vigia.counter.training_examples import Gallery
from vigia.ingest.pipeline import Pipeline
from vigia.settings import REPO_DATA, load_settings

LIBRARY = load_library()
PACKS = load_packs(LIBRARY)
COUNTRY_PACKS = {"chile": ("Chile", "es"), "colombia": ("Colombia", "es"), "peru": ("Peru", "es"),
                 "ecuador": ("Ecuador", "es"), "brazil": ("Brazil", "pt"),
                 "dominican_republic": ("Dominican Republic", "es"), "costa_rica": ("Costa Rica", "es"),
                 "panama": ("Panama", "es")}
LEXICON = REPO_DATA / "lexicons" / "targets.yaml"
EXPLORAR = Path(__file__).resolve().parent.parent / "ui" / "pages" / "explorar.py"
# Synthetic, written for this test: a Portuguese post from Brazil against Bolivian people in São Paulo.
BOLIVIANS_PT = ("Os bolivianos das oficinas de costura em São Paulo lotam os postos do SUS e vivem de auxílio "
                "com os nossos impostos.")


# --- the packs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COUNTRY_PACKS))
def test_every_country_pack_passes_the_claim_checks_in_its_languages(name: str):
    country, language = COUNTRY_PACKS[name]
    pack = PACKS[name]
    assert pack.languages == [language, "en"]
    assert check_pack(pack, LIBRARY) == []
    assert {n.country for n in pack.narratives} == {country}
    answered = [n for n in pack.narratives if any(n.replies.values())]
    assert answered and any(not n.replies for n in pack.narratives)  # replies, and the gaps said
    for narrative in pack.narratives:
        assert narrative.target in group_names(LEXICON), narrative.id
        for replies in narrative.replies.values():
            for reply in replies:  # every source and claim resolves (load_pack checks it; here, beyond doubt)
                assert set(reply.sources) <= set(LIBRARY.sources)
                assert {LIBRARY.claims[c].source for c in reply.claims} <= set(reply.sources)


def test_a_broken_figure_or_a_missing_year_fails_the_checks():
    reply = PACKS["peru"].narratives[0].replies["es"][0]
    assert check_message(reply, "es", LIBRARY) == []
    assert any("not written the es way" in p for p in
               check_message(reply.model_copy(update={"text": reply.text.replace("1,3", "1.3")}), "es", LIBRARY))
    assert any("without its year" in p for p in
               check_message(reply.model_copy(update={"text": reply.text.replace("2019", "ese año")}), "es",
                             LIBRARY))


def test_the_gaps_are_said_where_the_fact_base_has_nothing():
    brazil = {n.id: n for n in PACKS["brazil"].narratives}
    assert brazil["bolivians-sao-paulo"].replies == {} and "Bolivian" in brazil["bolivians-sao-paulo"].gaps
    assert all(not n.replies for n in brazil.values() if n.target == "bolivians")


def test_a_narrative_names_a_known_country_and_gets_its_iso_code(tmp_path: Path):
    assert {n.country_code for p in PACKS.values() for n in p.narratives} >= {
        "CL", "CO", "PE", "EC", "BR", "DO", "CR", "PA"}
    data = yaml.safe_load((COUNTER_DIR / "packs" / "panama.yaml").read_text(encoding="utf-8"))
    data["narratives"][0]["country"] = "Panamá"
    path = tmp_path / "panama.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CounterError, match=r"panama.yaml: field 'narratives.0.country'.*not a country"):
        load_pack(path, LIBRARY)


# --- the chooser's order ------------------------------------------------------------------------------------


def narrative(id: str, country: str, target: str, language: str, myth: str = "welfare_burden") -> dict:
    reply = LIBRARY.responses("welfare_burden", "pt")[0]
    return {"id": id, "country": country, "myth": myth, "target": target, "narrative": "A narrative for the test.",
            "replies": {language: [reply.model_dump(by_alias=True) | {"id": f"{language}-{id}"}]}}


def test_the_chooser_orders_country_language_target_then_country_then_target_then_library():
    test_pack = Pack.model_validate({"pack": "test", "languages": ["pt"], "review": "Only for this test.",
                                     "narratives": [
        narrative("br-bolivians", "Brazil", "bolivians", "pt"),
        narrative("br-venezuelans", "Brazil", "venezuelans", "pt"),
        narrative("br-migrants", "Brazil", "migrants", "pt"),
        narrative("ar-bolivians", "Argentina", "bolivians", "pt"),
        narrative("cl-venezuelans", "Chile", "venezuelans", "pt"),  # another country, another group: left out
        narrative("br-crime", "Brazil", "bolivians", "pt", myth="crime_insecurity"),  # a myth the post lacks
    ]})
    spanish = Pack.model_validate({"pack": "test-es", "languages": ["es"], "review": "Only for this test.",
                                   "narratives": [narrative("br-es", "Brazil", "bolivians", "es")]})
    audience = Audience("pt", "BR", ("bolivians",))
    found = candidates(LIBRARY, {"test": test_pack, "test-es": spanish}, ["welfare_burden"], audience)
    library = LIBRARY.responses("welfare_burden", "pt")
    assert len(found) == 4 + len(library)
    # the library is the most similar to the post, and still comes last
    ranked = [c for c, _ in order(found, [0.1, 0.2, 0.3, 0.4] + [0.9] * len(library))]
    assert [c.origin for c in ranked[:4]] == ["pack:test/br-bolivians", "pack:test/br-migrants",
                                              "pack:test/br-venezuelans", "pack:test/ar-bolivians"]
    assert [c.tier_name for c in ranked[:4]] == ["country_language_target", "country_language", "country_language",
                                                "target_language"]
    assert {c.origin for c in ranked[4:]} == {"library"} and all(c.language == "pt" for c in ranked)
    similar = order(found[4:], [0.1 * i for i in range(len(library))])  # within a tier: the most similar first
    assert [s for _, s in similar] == sorted((s for _, s in similar), reverse=True)


def test_a_language_the_library_lacks_is_answered_from_the_packs_or_falls_back():
    french = candidates(LIBRARY, PACKS, ["crime_insecurity"], Audience("fr", "CL", ()))
    assert french and {c.language for c in french} == {"fr"}
    assert french[0].origin == "pack:main_fr_ht/crime-chile" and french[0].tier_name == "country_language"
    fallback = candidates(LIBRARY, PACKS, ["disease"], Audience("fr", None, ()))
    assert fallback and {(c.language, c.tier_name) for c in fallback} == {("es", "fallback")}


def test_why_a_reply_was_chosen_is_said_in_the_readers_language():
    assert reason("BR", "pt", "bolivians", "pt", LEXICON) == "Brasil · pt · bolivianos"
    assert reason("DO", "es", "haitians", "en", LEXICON) == "Dominican Republic · es · Haitians"
    assert reason(None, "pt", None, "es", LEXICON) == "biblioteca general · pt"


# --- the same choice everywhere ----------------------------------------------------------------------------


@pytest.fixture
def bolivian_post(settings, sqlite_store, enricher, models_dir: Path, monkeypatch, isolated: Path):
    record = incoming(native_id="bo-1", platform="x", url="https://x.com/exemplo/status/1", country="BR",
                      language="pt", myths=["welfare_burden"], targets=["bolivians"], synthetic=True,
                      created_at="2026-05-03T09:30:00-03:00", text=BOLIVIANS_PT)
    Pipeline(settings, sqlite_store, enricher, collector="test").process([("r0", record)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    post = next(sqlite_store.iter_posts())
    assert (post.language, post.country, post.targets, post.myths) == ("pt", "BR", ["bolivians"], ["welfare_burden"])
    return sqlite_store, post


def test_respond_explorar_and_the_handout_give_the_same_first_reply(bolivian_post):
    store, post = bolivian_post
    roraima = next(n for n in PACKS["brazil"].narratives if n.id == "roraima-health").replies["pt"][0]

    result = CliRunner().invoke(cli, ["respond", "--post", post.id, "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output)["responses"][0]
    # no Brazilian reply about Bolivian people (a gap): Brazil in Portuguese first, never Spanish about Chile
    assert first["text"] == roraima.text and first["origin"] == "pack:brazil/roraima-health"
    assert first["why"] == "Brasil · pt · venezuelanos" and first["choice"] == "country_language"
    plain = CliRunner().invoke(cli, ["respond", "--post", post.id, "--limit", "3"])
    assert "brazil/roraima-health/pt-social-1  (chosen for: Brasil · pt · venezuelanos" in plain.output
    assert "country: BR; target groups: bolivians" in plain.output

    app = AppTest.from_file(str(EXPLORAR), default_timeout=60)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": "vera", "role": "viewer"}
    app.query_params.update({"q": "costura"})
    app.run()
    app.expander[0].button(key=f"respond-{post.id}").click().run()
    assert not app.exception
    details = app.expander[0]
    assert details.code[0].value == roraima.text
    shown = [c.value.replace("\\", "") for c in details.caption]  # captions are markdown-escaped
    assert any(c.startswith("Elegida para: Brasil · pt · venezolanos · ") for c in shown), shown

    examples = Gallery(load_settings()).examples(store, myth="welfare_burden", language="es", limit=1)
    assert [e.id for e in examples] == [post.id]
    assert examples[0].responses[0].text == roraima.text  # the handout in Spanish, the reply in the post's language
    assert examples[0].responses[0].why == "Brasil · pt · venezolanos"


def test_a_spanish_post_from_chile_about_haitians_gets_the_haitian_packs_chile_reply(settings, models_dir: Path,
                                                                                      tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(f'models_dir = "{models_dir}"\n')
    chile = next(n for n in PACKS["haitian"].narratives if n.id == "chile-numbers").replies["es"][0]
    text = "Cada semana llegan más haitianos a Chile, esto ya es una invasión."  # synthetic
    result = CliRunner().invoke(cli, ["respond", text, "--country", "cl", "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["country"] == "CL" and data["targets"] == ["haitians"]
    assert data["responses"][0]["text"] == chile.text and data["responses"][0]["why"] == "Chile · es · haitianos"
    elsewhere = json.loads(CliRunner().invoke(cli, ["respond", text, "--country", "DO", "--json"]).output)
    assert elsewhere["responses"][0]["origin"].startswith("pack:haitian/dr-")  # the Dominican one there
    bad = CliRunner().invoke(cli, ["respond", text, "--country", "Chile"])
    assert bad.exit_code == 2 and "two-letter country code" in bad.output and "Traceback" not in bad.output
    unknown = CliRunner().invoke(cli, ["respond", text, "--target", "martians"])
    assert unknown.exit_code == 2 and "unknown group 'martians'" in unknown.output


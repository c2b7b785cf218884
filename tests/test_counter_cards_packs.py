"""Cards and campaign packs of the packs' narratives (data/counter/packs/): every social reply of every pack, in every
language of its pack (French and Haitian Creole too), fits its card with its figure written the language's way; the
zip of a pack or narrative holds the cards, alt texts, messages, hashtags of its countries, canonical sources and
what the fact base cannot answer; the CLI's errors are one line."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from babel import Locale
from click.testing import CliRunner
from PIL import Image

from vigia.cli.main import cli
from vigia.counter import cards
from vigia.counter.claims import LOCALES, written_in
from vigia.counter.hashtags import load_hashtags
from vigia.counter.library import CounterError, load_library
from vigia.counter.narrative_pack import build_narrative_pack, folder, pack_cards
from vigia.counter.packs import load_packs
from vigia.i18n import PARTIAL_LANGUAGES, text

NUMBER = re.compile(r"\d{1,3}(?:[\u202f\u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*")  # fr/ht group with spaces


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def packs(library):
    return load_packs(library)


@pytest.fixture(scope="module")
def fonts():
    return cards.fonts()


def every_card(library, packs):
    """(pack, language, narrative, reply, card) for every social reply of every pack in every pack language."""
    return [(pack, language, narrative, reply, card) for pack in packs.values() for language in pack.languages
            for narrative, reply, card in pack_cards(library, pack, list(pack.narratives), language)]


def test_every_social_reply_of_every_pack_fits_its_card_in_every_pack_language(library, packs, fonts):
    found = every_card(library, packs)
    socials = sum(1 for pack in packs.values() for n in pack.narratives for replies in n.replies.values()
                  for r in replies if r.register_ == "social")
    assert len(found) == socials and {language for _, language, *_ in found} >= {"es", "pt", "en", "fr", "ht"}
    regular, bold = fonts
    for _, _, _, reply, card in found:
        placed = cards.layout(card, regular, bold)
        for line in placed.lines:
            font = cards._font(bold if line.bold else regular, line.size)
            assert line.x >= cards.MARGIN and line.y >= cards.MARGIN, card.reply
            assert line.x + font.getlength(line.text) <= 1080 - cards.MARGIN, (card.reply, line.text)
            assert line.y + sum(font.getmetrics()) <= 1080 - cards.MARGIN, (card.reply, line.text)
        message = [line.text for line in placed.lines if line.colour == "message"]
        assert " ".join(message).replace("\u00a0", " ").split() == reply.text.split(), card.reply  # nothing cut
        assert not any(line.startswith((":", ";", "?", "!")) for line in message), card.reply  # French spacing


def test_french_and_creole_figures_and_places_are_written_the_languages_way(library, packs):
    people = library.claims["fb-081.497825"]
    assert [cards.figure(people, lang) for lang in ("es", "en", "fr", "ht")] == [
        "497.825 personas", "497,825 people", "497\u202f825 personnes", "497\u00a0825 moun"]
    billion = library.claims["fb-020.1_8bn"]  # US$ 1.8 billion
    assert [cards.figure(billion, lang) for lang in PARTIAL_LANGUAGES] == [
        "1,8 milliard\u00a0$\u00a0US", "1,8 milya dola ameriken"]
    assert cards.figure(library.claims["fb-002.0_7"], "fr") == "0,7\u202f%"
    assert cards.number(1553465.5, "ht") == "1\u00a0553\u00a0465,5"
    assert cards.place("Dominican Republic", "fr") == "République dominicaine"
    assert cards.place("Dominican Republic; Haiti", "ht") == "Repiblik Dominikèn, Ayiti"
    for language in ("es", "pt", "en", "fr"):  # the catalogue names countries as CLDR does where CLDR has the language
        names = Locale.parse(LOCALES[language]).territories
        assert all(cards.place(name, language) == names[code] for name, code in cards.TERRITORIES.items()), language
    checked = 0
    for _, language, _, reply, card in every_card(library, packs):
        if language not in PARTIAL_LANGUAGES:
            continue
        tokens = NUMBER.findall(card.figure)
        assert tokens and all(written_in(token, language) for token in tokens), (card.reply, card.figure)
        claim = cards.key_claim(reply, library)
        assert claim.years[0] in card.context and cards.place(claim.place, language) in card.context, card.reply
        if claim.comparator:
            assert cards.figure(library.claims[claim.comparator], language) in card.context, card.reply
        if claim.value >= 1000:
            assert ("\u202f" if language == "fr" else "\u00a0") in card.figure, card.reply
        checked += 1
    assert checked >= 10


def test_the_alt_texts_of_pack_cards_say_what_the_card_says_and_that_fr_and_ht_await_review(library, packs):
    for _, language, _, reply, card in every_card(library, packs):
        assert reply.text in card.alt and card.alt.startswith(text("cards.alt_card", language)), card.reply
        if card.figure:
            assert card.figure in card.alt and card.context in card.alt, card.reply
        for source in library.cited(reply.sources):
            assert source.publisher in card.alt and source.link in card.alt, card.reply
        review = text("cards.note_native_review", language)
        assert (review in card.notes and review in card.alt) == (language in PARTIAL_LANGUAGES), card.reply


def zip_text(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(name).decode("utf-8")


def test_a_narratives_pack_holds_its_cards_messages_country_hashtags_sources_and_gaps(library, packs):
    content, summary = build_narrative_pack(library, packs, "haitian", "fr", load_hashtags(library), "dr-invasion")
    archive = zipfile.ZipFile(io.BytesIO(content))
    top = folder("haitian", "dr-invasion", "fr")
    narrative = next(n for n in packs["haitian"].narratives if n.id == "dr-invasion")
    replies = narrative.replies["fr"]
    stems = [f"{top}/cards/dr-invasion-{r.id}" for r in replies if r.register_ == "social"]
    assert sorted(archive.namelist()) == sorted(
        [f"{s}.png" for s in stems] + [f"{s}.txt" for s in stems]
        + [f"{top}/{name}" for name in ("README.md", "messages.md", "hashtags.md", "SOURCES.md")])
    for stem in stems:
        assert Image.open(io.BytesIO(archive.read(f"{stem}.png"))).size == (1080, 1080)
        assert "Texte en attente de relecture" in zip_text(archive, f"{stem}.txt")
    assert (summary.cards, summary.messages, summary.narratives, summary.gaps) == (len(stems), len(replies), 1, 1)
    readme = zip_text(archive, f"{top}/README.md")
    assert narrative.gaps in readme and packs["haitian"].review in readme and "République dominicaine" in readme
    assert all(r.text in zip_text(archive, f"{top}/messages.md") for r in replies)
    sources = zip_text(archive, f"{top}/SOURCES.md")
    assert narrative.gaps in sources and "Ce que la base de faits ne permet pas de répondre" in sources
    cited = {s for r in replies for s in r.sources}
    assert summary.sources == len(cited)
    assert all(f"<{library.sources[s].link}>" in sources and f"({s})" in sources for s in cited)
    tags = [line.split(":")[0][2:] for line in zip_text(archive, f"{top}/hashtags.md").splitlines()
            if line.startswith("- #")]
    assert tags[0] == "#RDSinXenofobia" and "#ZéroXénophobie" in tags  # the country's first, then the region's
    assert "#ChileSinXenofobia" not in tags and "#DonePaMit" not in tags


def test_a_whole_pack_lists_narratives_the_fact_base_cannot_answer_without_cards(library, packs):
    content, summary = build_narrative_pack(library, packs, "haitian", "ht", load_hashtags(library))
    archive = zipfile.ZipFile(io.BytesIO(content))
    top = folder("haitian", None, "ht")
    unanswered = [n for n in packs["haitian"].narratives if not n.replies.get("ht")]
    assert unanswered and summary.narratives == len(packs["haitian"].narratives)
    assert not any(f"/cards/{n.id}-" in name for n in unanswered for name in archive.namelist())
    readme, sources = zip_text(archive, f"{top}/README.md"), zip_text(archive, f"{top}/SOURCES.md")
    assert readme.count(text("cards.narrative_no_replies", "ht")) == len(unanswered)
    assert all(n.gaps in readme and n.gaps in sources for n in packs["haitian"].narratives if n.gaps)
    assert summary.gaps == sum(1 for n in packs["haitian"].narratives if n.gaps)
    tags = zip_text(archive, f"{top}/hashtags.md")
    assert "#RDSinXenofobia" in tags and "#BrasilSemXenofobia" in tags and "#ZewoZenofobi" in tags


def test_unknown_packs_narratives_and_languages_are_errors_naming_them(library, packs):
    hashtags = load_hashtags(library)
    for args, error in ((("atlantis", "es"), "unknown pack 'atlantis'; choose one of brazil"),
                        (("haitian", "pt"), "pack 'haitian' has no replies in 'pt'; choose one of es, fr, ht"),
                        (("chile", "fr"), "pack 'chile' has no replies in 'fr'")):
        with pytest.raises(CounterError, match=re.escape(error)):
            build_narrative_pack(library, packs, *args, hashtags)
    with pytest.raises(CounterError, match="pack 'haitian' has no narrative 'mars'; choose one of dr-invasion"):
        build_narrative_pack(library, packs, "haitian", "es", hashtags, "mars")


def test_the_cli_writes_a_narratives_pack_and_says_each_mistake_in_one_line(isolated: Path):
    runner = CliRunner()
    result = runner.invoke(cli, ["campaign-pack", "--pack", "haitian", "--narrative", "dr-invasion", "--language",
                                 "ht", "-o", "rd/kat.zip"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"1 cards, 1 messages, \d+ hashtags and 2 sources of haitian/dr-invasion \(ht\) written to "
                        r"rd/kat.zip; what the fact base cannot answer \(1 of 1 narratives\) in README.md and "
                        r"SOURCES.md\n", result.output)
    names = zipfile.ZipFile(isolated.parent / "rd" / "kat.zip").namelist()
    assert "haitian-dr-invasion-ht/cards/dr-invasion-ht-social-1.png" in names
    mistakes = {
        ("--pack", "atlantis"): "Error: unknown pack 'atlantis'; choose one of ",
        ("--pack", "haitian", "--narrative", "mars"): "Error: pack 'haitian' has no narrative 'mars'",
        ("--pack", "haitian", "--language", "pt"): "Error: pack 'haitian' has no replies in 'pt'",
        ("--pack", "haitian", "--language", "de"): "Error: no cards in 'de'; choose one of es, pt, en, fr, ht",
        ("crime_insecurity", "--language", "ht"): "Error: the library's replies to crime_insecurity are in es, pt, "
                                                  "en; replies in 'ht' are in the packs: --pack haitian or main_fr_ht",
        ("crime_insecurity", "--pack", "haitian"): "Error: give a MYTH (e.g. crime_insecurity) or --pack PACK",
        (): "Error: give a MYTH (e.g. crime_insecurity) or --pack PACK",
        ("disease", "--narrative", "dr-invasion"): "Error: --narrative chooses a narrative of a pack",
    }
    for args, error in mistakes.items():
        wrong = runner.invoke(cli, ["campaign-pack", *args])
        assert wrong.exit_code == 1 and wrong.output.count("\n") == 1, (args, wrong.output)
        assert wrong.output.startswith(error), (args, wrong.output)


def test_the_french_and_creole_example_cards_are_the_packs_current_ones(library, packs):
    examples = Path(__file__).resolve().parent.parent / "data" / "counter" / "cards"
    narrative = next(n for n in packs["haitian"].narratives if n.id == "dr-invasion")
    for language in PARTIAL_LANGUAGES:
        _, reply, card = pack_cards(library, packs["haitian"], [narrative], language)[0]
        stem = examples / f"haitian-dr-invasion-{reply.id}"
        assert stem.with_suffix(".txt").read_text(encoding="utf-8") == card.alt + "\n"  # regenerate: cards/README.md
        assert Image.open(stem.with_suffix(".png")).size == (1080, 1080)
    assert "GENERATED" in (examples / "README.md").read_text(encoding="utf-8")

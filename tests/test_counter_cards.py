"""Social cards and a myth's campaign pack: every social reply of the library fits its 1080×1080 card, the key
figure is written the reply's way, the alt text says what the card says, and the zip holds what a campaign needs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from vigia.cli.main import cli
from vigia.counter import cards
from vigia.counter.campaign_pack import build_pack, countries, folder
from vigia.counter.claims import written_in
from vigia.counter.hashtags import hashtags_for, load_hashtags
from vigia.counter.library import CounterError, load_library

LANGUAGES = ("es", "pt", "en")


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def fonts():
    return cards.fonts()


def social(library, language):
    return [(myth, response, card) for myth in library.myths
            for response, card in cards.social_cards(library, myth, language)]


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {colour for _, colour in image.getcolors(maxcolors=1 << 20)}


def png(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG"
    return image.convert("RGB")


def test_a_card_is_a_1080_square_png_drawn_inside_the_safe_margins(library, fonts):
    _, card = cards.social_cards(library, "crime_insecurity", "es")[0]
    image = png(cards.render(card, fonts))
    assert image.size == (1080, 1080)
    white = cards.COLOURS["background"]
    edge = cards.MARGIN - 20  # the figure's panel may reach 20 px into the margin; text never does
    body = image.crop((0, cards.BAND + 1, 1080, 1080))
    for box in ((0, 0, edge, body.height), (1080 - edge, 0, 1080, body.height),
                (0, body.height - cards.MARGIN, 1080, body.height)):
        assert colours(body.crop(box)) == {white}, box
    assert colours(image.crop((edge, cards.BAND + 40, 1080 - edge, 1080 - cards.MARGIN))) - {white}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_social_reply_of_every_myth_fits_its_card_whole(library, fonts, language):
    replies = social(library, language)
    assert len({myth for myth, _, _ in replies}) == len(library.myths)
    regular, bold = fonts
    for myth, response, card in replies:
        placed = cards.layout(card, regular, bold)
        for line in placed.lines:
            font = cards._font(bold if line.bold else regular, line.size)
            assert line.x >= cards.MARGIN and line.y >= cards.MARGIN, card.reply
            assert line.x + font.getlength(line.text) <= 1080 - cards.MARGIN, (card.reply, line.text)
            assert line.y + sum(font.getmetrics()) <= 1080 - cards.MARGIN, (card.reply, line.text)
        message = " ".join(line.text for line in placed.lines if line.colour == "message")
        assert message.replace("\u00a0", " ").split() == response.text.split(), card.reply  # nothing cut


def test_a_message_too_long_for_the_card_is_an_error_naming_the_reply(library, fonts):
    _, card = cards.social_cards(library, "disease", "en")[0]
    too_long = cards.CardText(**{**card.__dict__, "message": "Migrants pay taxes. " * 120})
    with pytest.raises(cards.CardError, match=r"disease/en/en-social-1: the message does not fit"):
        cards.render(too_long, fonts)
    unbreakable = cards.CardText(**{**card.__dict__, "figure": "9" * 60})
    with pytest.raises(cards.CardError, match=r"disease/en/en-social-1: the figure does not fit"):
        cards.layout(unbreakable, *fonts)


def test_the_key_figure_is_written_the_way_its_language_writes_numbers(library):
    claim = library.claims["fb-020.1_8bn"]  # US$ 1.8 billion
    assert [cards.figure(claim, lang) for lang in LANGUAGES] == [
        "US$ 1,8 mil millones", "US$ 1,8 bilhão", "US$1.8 billion"]
    people = library.claims["fb-025.1553465"]
    assert [cards.figure(people, lang) for lang in LANGUAGES] == [
        "1.553.465 personas", "1.553.465 pessoas", "1,553,465 people"]
    assert cards.place("Dominican Republic", "es") == "República Dominicana"
    assert cards.place("Peru; Colombia; Ecuador; Chile", "pt") == "Peru, Colômbia, Equador, Chile"
    for language in LANGUAGES:
        for _, response, card in social(library, language):
            if card.figure is None:
                assert not response.claims
                continue
            tokens = re.findall(r"\d+(?:[.,]\d+)*", card.figure)
            assert tokens and all(written_in(token, language) for token in tokens), (card.reply, card.figure)
            claim = cards.key_claim(response, library)
            assert claim.id in response.claims and claim.years[0] in card.context, card.reply
            if claim.comparator:  # a share is never shown without the population share it is read against
                assert cards.figure(library.claims[claim.comparator], language) in card.context, card.reply


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alt_text_holds_the_message_the_figure_and_the_sources(library, language):
    for _, response, card in social(library, language):
        assert response.text in card.alt
        if card.figure:
            assert card.figure in card.alt and card.context in card.alt
        for source in library.cited(response.sources):
            assert source.publisher in card.alt and source.link in card.alt, card.reply


def test_machine_translated_quotes_and_texts_awaiting_review_are_noted_on_the_card(library, fonts):
    response = next(r for r in library.responses("invasion_numbers", "pt")
                    if any(library.sources[s].machine_translated for s in r.sources))
    card = cards.card_text(library, "invasion_numbers", response, "pt", needs_review=True)
    translated = [library.sources[s] for s in response.sources if library.sources[s].machine_translated]
    assert card.notes == [f"A citação de {s.publisher} é uma tradução automática, não as suas palavras textuais."
                          for s in translated] + ["Texto à espera de revisão por falantes nativos antes de publicar."]
    assert all(note in card.alt for note in card.notes)
    short = cards.CardText(**{**card.__dict__, "message": response.text[:240]})  # a trainer text is long
    placed = cards.layout(short, *fonts)
    assert sum(1 for line in placed.lines if line.colour == "note") >= len(card.notes)
    plain = cards.card_text(library, "invasion_numbers", response, "pt")
    assert plain.notes == card.notes[:-1]


def test_the_pack_holds_cards_alt_texts_messages_hashtags_and_the_canonical_sources(library):
    hashtags = load_hashtags(library)
    content, summary = build_pack(library, "crime_insecurity", "es", "Delincuencia", hashtags)
    archive = zipfile.ZipFile(io.BytesIO(content))
    top = folder("crime_insecurity", "es")
    responses = library.responses("crime_insecurity", "es")
    socials = [r.id for r in responses if r.register_ == "social"]
    assert sorted(archive.namelist()) == sorted(
        [f"{top}/cards/{i}.png" for i in socials] + [f"{top}/cards/{i}.txt" for i in socials]
        + [f"{top}/messages.md", f"{top}/hashtags.md", f"{top}/SOURCES.md"])
    assert (summary.cards, summary.messages) == (len(socials), len(responses))
    for reply in socials:
        assert png(archive.read(f"{top}/cards/{reply}.png")).size == (1080, 1080)
        alt = archive.read(f"{top}/cards/{reply}.txt").decode()
        assert next(r for r in responses if r.id == reply).text in alt
    messages = archive.read(f"{top}/messages.md").decode()
    assert all(r.text in messages for r in responses)
    sources_md = archive.read(f"{top}/SOURCES.md").decode()
    cited = {s for r in responses for s in r.sources}
    assert summary.sources == len(cited)
    for sid in cited:
        source = library.sources[sid]
        assert f"<{source.link}>" in sources_md and f"({sid})" in sources_md
        if source.canonical_url and source.url != source.canonical_url:
            assert f"<{source.url}>" in sources_md  # where the quote was read, beside the canonical link
    assert "sin verificar en la página del editor" in sources_md
    tags = archive.read(f"{top}/hashtags.md").decode()
    expected = hashtags_for(hashtags, "es", countries(library, responses))
    assert [line.split(":")[0] for line in tags.splitlines() if line.startswith("- #")] == [
        f"- {h.tag}" for h in expected]
    assert "#ChileSinXenofobia" in tags and "#BrasilSemXenofobia" not in tags  # the replies speak of Chile


def test_hashtags_name_who_uses_them_only_with_a_source(library, tmp_path: Path):
    shipped = load_hashtags(library)
    assert shipped and all(h.status == "suggested" and h.used_by is None for h in shipped)
    assert {lang for h in shipped for lang in h.languages} >= set(LANGUAGES)
    cases = {
        "tag: '#Uno'\n  languages: [es]\n  status: attributed\n  used_by: Una campaña": "field 'hashtags.0.source'",
        "tag: '#Dos'\n  languages: [es]\n  status: suggested\n  used_by: Una campaña": "field 'hashtags.0.used_by'",
        "tag: '#Tres'\n  languages: [es]\n  status: attributed\n  used_by: X\n  source: fb-999": "unknown source 'fb-999'",
        "tag: '#Cuatro'\n  languages: [es]\n  countries: [Atlantis]\n  status: suggested": "Atlantis",
    }
    for entry, error in cases.items():
        path = tmp_path / "hashtags.yaml"
        path.write_text(f"hashtags:\n- {entry}\n", encoding="utf-8")
        with pytest.raises(CounterError, match=re.escape(error)):
            load_hashtags(library, path)


def test_the_cli_writes_the_pack_and_names_an_unknown_myth_in_one_line(isolated: Path):
    runner = CliRunner()
    unknown = runner.invoke(cli, ["campaign-pack", "aliens"])
    assert unknown.exit_code == 1 and unknown.output.count("\n") == 1
    assert unknown.output.startswith("Error: unknown myth 'aliens'; choose one of crime_insecurity")
    result = runner.invoke(cli, ["campaign-pack", "remittances_drain", "--language", "pt", "-o", "kit/remessas.zip"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ cards, \d+ messages, \d+ hashtags and \d+ sources of remittances_drain \(pt\) "
                        r"written to kit/remessas.zip\n", result.output)
    names = zipfile.ZipFile(isolated.parent / "kit" / "remessas.zip").namelist()
    assert "remittances_drain-pt/SOURCES.md" in names and any(n.endswith(".png") for n in names)
    wrong = runner.invoke(cli, ["campaign-pack", "disease", "-o", "kit.pdf"])
    assert wrong.exit_code == 1 and "the campaign pack is a zip" in wrong.output


def test_the_example_cards_kept_for_the_readme_are_the_librarys_current_ones(library):
    folder_ = Path(__file__).resolve().parent.parent / "data" / "counter" / "cards"
    for language in LANGUAGES:
        response, card = cards.social_cards(library, "crime_insecurity", language)[0]
        stem = folder_ / f"crime_insecurity-{response.id}"
        assert stem.with_suffix(".txt").read_text(encoding="utf-8") == card.alt + "\n"  # regenerate: cards/README.md
        assert png(stem.with_suffix(".png").read_bytes()).size == (1080, 1080)

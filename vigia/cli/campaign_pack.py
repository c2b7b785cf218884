"""`vigia campaign-pack`: a myth's, or a pack's, campaign material (social cards, alt texts, messages, hashtags,
sources; for a pack, what the fact base cannot answer) as a zip."""

from __future__ import annotations

from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.counter.campaign_pack import build_pack, folder
from vigia.counter.hashtags import load_hashtags
from vigia.counter.library import LIBRARY_LANGUAGES, Library, load_library
from vigia.counter.narrative_pack import build_narrative_pack
from vigia.counter.narrative_pack import folder as pack_folder
from vigia.counter.packs import load_packs
from vigia.counter.training_examples import write_file
from vigia.errors import InputError
from vigia.progress import track
from vigia.settings import Settings

PACK_LANGUAGES = ("es", "pt", "en", "fr", "ht")


@click.command("campaign-pack")
@click.argument("myth", required=False)
@click.option("--pack", "pack_id", metavar="PACK",
              help="A pack of data/counter/packs/ (e.g. haitian) instead of a myth: the replies to its narratives.")
@click.option("--narrative", metavar="NARRATIVE", help="With --pack: only this narrative (e.g. dr-invasion).")
@click.option("--language", default="es", show_default=True, metavar="|".join(PACK_LANGUAGES),
              help="Language of the cards, messages and hashtags (fr and ht: the packs that have them).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The zip to write (default: MYTH-LANGUAGE.zip or PACK[-NARRATIVE]-LANGUAGE.zip here).")
@with_settings
def campaign_pack(settings: Settings, myth: str | None, pack_id: str | None, narrative: str | None, language: str,
                  output: Path | None) -> None:
    """Write a myth's campaign pack: a 1080×1080 card per social reply with its alt text, the messages, suggested
    hashtags and SOURCES.md with the canonical links. With --pack, the same for the replies to a pack's narratives
    (or one of them), with what the fact base cannot answer in README.md and SOURCES.md.

    MYTH is a myth id of data/myths/taxonomy.yaml (e.g. crime_insecurity).
    """
    if (myth is None) == (pack_id is None):
        raise InputError("give a MYTH (e.g. crime_insecurity) or --pack PACK (e.g. haitian), one of the two")
    if narrative and not pack_id:
        raise InputError("--narrative chooses a narrative of a pack; give --pack PACK with it")
    if language not in PACK_LANGUAGES:
        raise InputError(f"no cards in '{language}'; choose one of {', '.join(PACK_LANGUAGES)}")
    default = folder(myth, language) if myth else pack_folder(pack_id, narrative, language)
    output = output or Path(f"{default}.zip")
    if output.suffix.lower() != ".zip":
        raise InputError(f"{output}: the campaign pack is a zip; give a name ending in .zip")
    library = load_library(taxonomy_path=settings.myth_taxonomy_path)
    if myth is not None and language not in LIBRARY_LANGUAGES:
        having = [p.pack for p in load_packs(library).values() if language in p.languages]
        raise InputError(f"the library's replies to {myth} are in {', '.join(LIBRARY_LANGUAGES)}; replies in "
                         f"'{language}' are in the packs: --pack {' or '.join(having)}")
    if pack_id is not None:
        _write_narrative_pack(library, pack_id, narrative, language, output)
        return
    from nlp.taxonomy import myth_names

    name = myth_names(settings.myth_taxonomy_path).get(myth, {}).get(language) or myth
    content, summary = build_pack(library, myth, language, name, load_hashtags(library),
                                  progress=lambda cards: track(cards, f"drawing {myth} cards", total=len(cards),
                                                               unit="cards"))
    write_file(content, output)
    click.echo(f"{summary.cards} cards, {summary.messages} messages, {summary.hashtags} hashtags and "
               f"{summary.sources} sources of {myth} ({language}) written to {output}")


def _write_narrative_pack(library: Library, pack: str, narrative: str | None, language: str, output: Path) -> None:
    content, summary = build_narrative_pack(
        library, load_packs(library), pack, language, load_hashtags(library), narrative,
        progress=lambda cards: track(cards, f"drawing {pack} cards", total=len(cards), unit="cards"))
    write_file(content, output)
    click.echo(f"{summary.cards} cards, {summary.messages} messages, {summary.hashtags} hashtags and "
               f"{summary.sources} sources of {summary.name} ({language}) written to {output}; what the fact base "
               f"cannot answer ({summary.gaps} of {summary.narratives} narratives) in README.md and SOURCES.md")

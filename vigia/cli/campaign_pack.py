"""`vigia campaign-pack`: a myth's campaign material (social cards, alt texts, messages, hashtags, sources) as a zip."""

from __future__ import annotations

from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.counter.campaign_pack import build_pack, folder
from vigia.counter.hashtags import load_hashtags
from vigia.counter.library import LIBRARY_LANGUAGES, load_library
from vigia.counter.training_examples import write_file
from vigia.errors import InputError
from vigia.progress import track
from vigia.settings import Settings


@click.command("campaign-pack")
@click.argument("myth")
@click.option("--language", type=click.Choice(LIBRARY_LANGUAGES), default="es", show_default=True,
              help="Language of the cards, messages and hashtags.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The zip to write (default: MYTH-LANGUAGE.zip in the current folder).")
@with_settings
def campaign_pack(settings: Settings, myth: str, language: str, output: Path | None) -> None:
    """Write a myth's campaign pack: a 1080×1080 card per social reply with its alt text, the messages, suggested
    hashtags and SOURCES.md with the canonical links.

    MYTH is a myth id of data/myths/taxonomy.yaml (e.g. crime_insecurity).
    """
    from nlp.taxonomy import myth_names

    output = output or Path(f"{folder(myth, language)}.zip")
    if output.suffix.lower() != ".zip":
        raise InputError(f"{output}: the campaign pack is a zip; give a name ending in .zip")
    library = load_library(taxonomy_path=settings.myth_taxonomy_path)
    name = myth_names(settings.myth_taxonomy_path).get(myth, {}).get(language) or myth
    content, summary = build_pack(library, myth, language, name, load_hashtags(library),
                                  progress=lambda cards: track(cards, f"drawing {myth} cards", total=len(cards),
                                                               unit="cards"))
    write_file(content, output)
    click.echo(f"{summary.cards} cards, {summary.messages} messages, {summary.hashtags} hashtags and "
               f"{summary.sources} sources of {myth} ({language}) written to {output}")

"""Vigía's words in Spanish (the default), Portuguese and English: one catalogue per language, vigia/locales/*.yaml,
read by the console and by the documents Vigía writes (the training-examples handout). French and Haitian Creole
have partial catalogues holding only the sections of the social cards (`PARTIAL_LANGUAGES`).

A key is `section.name`: the section is a console page's file name, `console` for words all pages share, `auth` for
the log-in, `training_examples` for the handout; the name may itself hold dots (`split.platform`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LANGUAGES = ("es", "pt", "en")  # the console's, each with a complete catalogue
# Partial catalogues: only the document sections that speak to the packs' French and Haitian Creole readers (the
# social cards, `cards`), each section with every key of the complete ones; awaiting review by native speakers.
PARTIAL_LANGUAGES = ("fr", "ht")
DEFAULT_LANGUAGE = "es"
LOCALES = Path(__file__).resolve().parent / "locales"

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def catalogue(language: str) -> dict[str, dict[str, str]]:
    """A language's texts, section by section (read once per process)."""
    path = LOCALES / f"{language}.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) if path.is_file() else {}


def lookup(key: str, language: str) -> str | None:
    """The text of `key` in `language`, or None where that catalogue lacks it."""
    section, _, name = key.partition(".")
    return catalogue(language).get(section, {}).get(name)


def has(key: str) -> bool:
    """Whether the catalogue knows `key` (every key is in the default language)."""
    return lookup(key, DEFAULT_LANGUAGE) is not None


def text(key: str, language: str, /, **values: object) -> str:
    """The text of `key` in `language` (in Spanish where that language lacks it), `values` filled in."""
    found = lookup(key, language) or lookup(key, DEFAULT_LANGUAGE)
    if found is None:
        raise KeyError(key)
    return found.format(**values) if values else found


def translations(key: str) -> dict[str, str]:
    """`key` in every language that has it: {"es": ..., "pt": ..., "en": ...}."""
    return {language: found for language in LANGUAGES if (found := lookup(key, language)) is not None}

"""Suggested hashtags for a campaign's cards (data/counter/hashtags.yaml), per language and country.

A hashtag is attributed to whoever uses it only with a source of the library (a fact of the fact base) that shows
it; every other one is marked as suggested by Vigía and names nobody.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from vigia.counter.claims import PLACES
from vigia.counter.library import COUNTER_DIR, CounterError, Library, _read_list, _Strict

HASHTAGS_FILE = COUNTER_DIR / "hashtags.yaml"


class Hashtag(_Strict):
    """One hashtag, the languages and countries it fits, and who uses it (only where a source shows it)."""

    tag: str = Field(pattern=r"^#[^\s#]{2,}$")
    languages: list[Literal["es", "pt", "en", "fr", "ht"]] = Field(min_length=1)
    countries: list[str] = Field(default_factory=list, description="As claims.PLACES names them; [] = the region.")
    status: Literal["attributed", "suggested"]
    used_by: str | None = Field(default=None, description="Who uses it; only with a `source` that shows it.")
    source: str | None = Field(default=None, description="Id of the source of sources.yaml that shows the use.")
    note: str | None = None

    @model_validator(mode="after")
    def _attribution_has_a_source(self) -> Hashtag:
        if self.status == "attributed" and not (self.used_by and self.source):
            raise ValueError("source: an attributed hashtag names who uses it (used_by) and the source that shows it")
        if self.status == "suggested" and (self.used_by or self.source):
            raise ValueError("used_by: a hashtag suggested by Vigía names nobody; make it 'attributed' with a source")
        unknown = [c for c in self.countries if c not in PLACES]
        if unknown:
            raise ValueError(f"countries: {unknown} are not places of vigia.counter.claims.PLACES")
        return self

    def fits(self, language: str, countries: set[str]) -> bool:
        """Whether the hashtag suits a text in `language` about `countries` (a regional one suits every text)."""
        return language in self.languages and (not self.countries or bool(countries & set(self.countries)))


def load_hashtags(library: Library, path: Path | None = None) -> list[Hashtag]:
    """The hashtags of the file, each attribution's source checked against the library."""
    path = Path(path or HASHTAGS_FILE)
    hashtags = _read_list(path, "hashtags", Hashtag)
    seen: set[str] = set()
    for index, hashtag in enumerate(hashtags):
        if hashtag.tag.lower() in seen:
            raise CounterError(f"{path}: field 'hashtags.{index}.tag': '{hashtag.tag}' is listed twice")
        seen.add(hashtag.tag.lower())
        if hashtag.source is not None and hashtag.source not in library.sources:
            raise CounterError(f"{path}: field 'hashtags.{index}.source': unknown source '{hashtag.source}'")
    return hashtags


def hashtags_for(hashtags: list[Hashtag], language: str, countries: set[str]) -> list[Hashtag]:
    """The hashtags for a text in `language` about `countries`: the countries' own first, then the regional ones."""
    fitting = [h for h in hashtags if h.fits(language, countries)]
    return sorted(fitting, key=lambda h: not h.countries)

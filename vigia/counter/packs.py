"""Narrative packs (data/counter/packs/*.yaml): replies to one group of narratives in the languages of the people
they target, beyond the library's es/pt/en (the first: narratives against Haitian people, in es, fr and ht).

A pack cites the library's sources and claims; where the fact base has no facts for a narrative, the narrative
says so in `gaps` and has no replies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from vigia.counter.claims import check_message
from vigia.counter.library import (
    COUNTER_DIR,
    CounterError,
    Library,
    Response,
    _read_yaml,
    _Strict,
    _validate,
)

PACKS_DIR = COUNTER_DIR / "packs"
PackLanguage = Literal["es", "fr", "ht", "pt", "en"]
# A narrative's country, as packs name it, and its ISO 3166 code (as Post.country holds it).
COUNTRY_CODES = {"Argentina": "AR", "Brazil": "BR", "Chile": "CL", "Colombia": "CO", "Costa Rica": "CR",
                 "Dominican Republic": "DO", "Ecuador": "EC", "Haiti": "HT", "Mexico": "MX", "Panama": "PA",
                 "Peru": "PE", "Venezuela": "VE"}


class Narrative(_Strict):
    """One narrative as it circulates in one country, and the replies to it per language."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    country: str
    myth: str = Field(description="The taxonomy myth the narrative is a form of.")
    target: str = Field(description="The group it targets, as data/lexicons/targets.yaml names it.")
    narrative: str = Field(min_length=10, description="What the narrative claims, in English, for the team.")
    gaps: str | None = Field(default=None, description="What the fact base cannot answer, in English.")
    replies: dict[PackLanguage, list[Response]] = Field(default_factory=dict)

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        if value not in COUNTRY_CODES:
            raise ValueError(f"'{value}' is not a country packs know; use one of {', '.join(COUNTRY_CODES)}")
        return value

    @property
    def country_code(self) -> str:
        """The ISO 3166 code of the narrative's country (what Post.country holds)."""
        return COUNTRY_CODES[self.country]

    @model_validator(mode="after")
    def _replies_or_gaps(self) -> Narrative:
        if not any(self.replies.values()) and not self.gaps:
            raise ValueError("gaps: a narrative without replies must say what the fact base lacks")
        return self


class Pack(_Strict):
    """A group of narratives, answered in `languages`."""

    pack: str
    languages: list[PackLanguage] = Field(min_length=1)
    review: str = Field(min_length=10, description="Who must review the texts before they are published.")
    narratives: list[Narrative] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_answered_narrative_in_every_language(self) -> Pack:
        for narrative in self.narratives:
            answered = [lang for lang, replies in narrative.replies.items() if replies]
            if answered and set(answered) != set(self.languages):
                raise ValueError(f"narratives: '{narrative.id}' has replies in {sorted(answered)}, "
                                 f"not in every language of the pack {self.languages}")
        return self


def load_pack(path: Path, library: Library) -> Pack:
    """Read one pack and check that what it cites is in the library."""
    pack = _validate(Pack, _read_yaml(path), path)
    for narrative in pack.narratives:
        if narrative.myth not in library.myths:
            raise CounterError(f"{path}: field '{narrative.id}.myth': '{narrative.myth}' is not in the taxonomy")
        for lang, replies in narrative.replies.items():
            for reply in replies:
                where = f"{narrative.id}.replies.{lang}.{reply.id}"
                for sid in reply.sources:
                    if sid not in library.sources:
                        raise CounterError(f"{path}: field '{where}.sources': unknown source '{sid}'")
                for cid in reply.claims:
                    if cid not in library.claims:
                        raise CounterError(f"{path}: field '{where}.claims': unknown claim '{cid}'")
                    if library.claims[cid].source not in reply.sources:
                        raise CounterError(f"{path}: field '{where}.sources': cite {library.claims[cid].source}, "
                                           f"the source of claim '{cid}'")
    return pack


def load_packs(library: Library, root: Path | None = None) -> dict[str, Pack]:
    return {path.stem: load_pack(path, library) for path in sorted(Path(root or PACKS_DIR).glob("*.yaml"))}


def check_pack(pack: Pack, library: Library) -> list[str]:
    """The claim checks of the library, on every reply of the pack, in its language."""
    return [problem for narrative in pack.narratives for lang, replies in narrative.replies.items()
            for reply in replies for problem in check_message(reply, lang, library, f"{pack.pack}/{narrative.id}")]

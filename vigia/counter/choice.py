"""Which replies a post gets, and why: the one place that orders the library's and the packs' replies for a post's
country, language and target groups. `vigia respond`, Explorar and the trainers' handout all choose here (through
`matching.Responder`).

Replies to the post's myths come in tiers, best first:
  0. a pack narrative of the post's country, in its language, about one of its target groups;
  1. a pack narrative of the post's country in its language (general narratives before other groups');
  2. a pack narrative about one of its target groups in its language, from another country;
  3. the general library in its language (where the library has no such language, the packs' replies in it).
Within a tier, the caller orders by similarity to the post. Where nothing is in the post's language, the library's
fallback language answers (tier 4) and the caller says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from vigia.counter.library import LIBRARY_LANGUAGES, Library, Response
from vigia.counter.packs import COUNTRY_CODES, Pack
from vigia.i18n import text as catalogue_text

TIERS = ("country_language_target", "country_language", "target_language", "library", "fallback")
GENERAL_LIBRARY = "general_library"  # the catalogue's key (section counter_choice) for the library's own replies
GENERAL_TARGET = "migrants"  # a narrative about migrants in general, not one group
FALLBACK_LANGUAGE = "es"


@dataclass(frozen=True)
class Audience:
    """Who a reply is for: the post's language, its country (ISO code) and target groups, when known."""

    language: str
    country: str | None = None
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A reply that may answer the post, with what it was chosen for."""

    myth: str
    response: Response
    language: str
    tier: int
    country: str | None  # ISO code of the pack narrative's country; None for the general library
    target: str | None  # the narrative's target group; None for the general library
    origin: str  # "library" or "pack:<pack>/<narrative>"
    rank_in_tier: int = 0  # 1 for a narrative about another group than the post's, in tier 1

    @property
    def tier_name(self) -> str:
        return TIERS[self.tier]


def candidates(library: Library, packs: dict[str, Pack], myths: list[str], audience: Audience) -> list[Candidate]:
    """Every reply to `myths` the audience may get, each once, at its best tier (not yet ordered)."""
    wanted = set(myths)
    language = audience.language
    found: list[Candidate] = []
    for pack in packs.values():
        for narrative in pack.narratives:
            replies = narrative.replies.get(language) or []
            if narrative.myth not in wanted or not replies:
                continue
            same_country = audience.country is not None and narrative.country_code == audience.country
            same_target = narrative.target in audience.targets
            if same_country and same_target:
                tier, rank = 0, 0
            elif same_country:
                tier, rank = 1, 0 if narrative.target == GENERAL_TARGET or not audience.targets else 1
            elif same_target:
                tier, rank = 2, 0
            elif language not in LIBRARY_LANGUAGES:
                tier, rank = 3, 0  # the packs are the general library of a language the library lacks
            else:
                continue
            found += [Candidate(narrative.myth, reply, language, tier, narrative.country_code, narrative.target,
                                f"pack:{pack.pack}/{narrative.id}", rank) for reply in replies]
    if language in LIBRARY_LANGUAGES:
        found += [Candidate(myth, reply, language, 3, None, None, "library")
                  for myth in myths if myth in library.myths for reply in library.responses(myth, language)]
    if not found:
        found += [Candidate(myth, reply, FALLBACK_LANGUAGE, 4, None, None, "library")
                  for myth in myths if myth in library.myths for reply in library.responses(myth, FALLBACK_LANGUAGE)]
    return found


def order(found: list[Candidate], similarities: list[float]) -> list[tuple[Candidate, float]]:
    """Best first: by tier, then (in tier 1) the post's own or general narratives, then similarity to the post."""
    return sorted(zip(found, similarities), key=lambda pair: (pair[0].tier, pair[0].rank_in_tier, -float(pair[1])))


def country_name(code: str, language: str) -> str:
    """A country's name in `language` ("BR" in pt is "Brasil"); the code where the locale has none."""
    try:
        return Locale.parse(language).territories.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code


@cache
def group_names(lexicon_path: Path) -> dict[str, dict[str, str]]:
    """The target groups' names per language, as data/lexicons/targets.yaml gives them."""
    try:
        data = yaml.safe_load(Path(lexicon_path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return {group: (spec or {}).get("name") or {} for group, spec in (data.get("groups") or {}).items()}


def reason(country: str | None, reply_language: str, target: str | None, shown_in: str,
           lexicon_path: Path) -> str:
    """Why a reply was chosen, in the language `shown_in`: "Brasil · pt · bolivianos" (country, the reply's
    language, the narrative's target group), or "biblioteca general · pt"."""
    if country is None:
        return f"{catalogue_text(f'counter_choice.{GENERAL_LIBRARY}', shown_in)} · {reply_language}"
    parts = [country_name(country, shown_in), reply_language]
    if target:
        names = group_names(Path(lexicon_path)).get(target, {})
        parts.append(names.get(shown_in) or names.get("en") or target)
    return " · ".join(parts)


def known_country(code: str) -> str:
    """An ISO country code, upper-cased; ValueError when it is not two letters."""
    code = code.strip().upper()
    if len(code) != 2 or not code.isalpha():
        examples = ", ".join(sorted(COUNTRY_CODES.values()))
        raise ValueError(f"'{code}' is not a two-letter country code (e.g. {examples})")
    return code

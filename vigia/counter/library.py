"""The counter-messaging library: sourced facts and ready responses to each migration myth (data/counter/).

`load_library()` reads and validates the whole library; any problem is a CounterError naming the file and the
field. `check_figures()` is the mechanical check that every number a message states is in the quote of a
source it cites.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from nlp.taxonomy import TaxonomyError, myth_ids
from vigia.errors import VigiaError
from vigia.settings import REPO_DATA

COUNTER_DIR = REPO_DATA / "counter"
FACT_BASE = REPO_DATA / "facts" / "facts.jsonl"  # the project's fact base, which the library quotes
LIBRARY_LANGUAGES = ("es", "pt", "en")
REGISTERS = ("social", "press", "trainer")
SOCIAL_MAX_CHARS = 280
Language = Literal["es", "pt", "en"]
Register = Literal["social", "press", "trainer"]
SourceId = str


class CounterError(VigiaError):
    """The counter-messaging library is missing, malformed or cites what it should not."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(_Strict):
    """Where a fact comes from. `verified` is true only once the quote was checked at the original publisher."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    origin: Literal["fact_base", "library"]
    myths: list[str] = Field(default_factory=list)
    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    published: str = Field(min_length=2, description="Date as the source gives it (may be 'n.d.' or a range).")
    url: str = Field(pattern=r"^https?://\S+$", description="Where the quote was read (may be a mirror).")
    canonical_url: str | None = Field(default=None, pattern=r"^https?://\S+$",
                                      description="The publisher's address or DOI: the one to show and link.")
    canonical_note: str | None = None
    language: str
    quote: str = Field(min_length=10, description="Verbatim passage that supports what the library says.")
    caveat: bool = Field(default=False, description="Evidence that cuts against a message; never contradict it.")
    verified: bool = False
    verified_on: date | None = None

    @model_validator(mode="after")
    def _verified_has_a_date(self) -> Source:
        if self.verified and self.verified_on is None:
            raise ValueError("verified_on: give the date the quote was checked at the original publisher")
        return self

    @property
    def machine_translated(self) -> bool:
        """The quote is a machine translation of the source, not its own words: never present it as verbatim."""
        return "machine translation" in (self.canonical_note or "") or "machine-translat" in (self.canonical_note or "")

    @property
    def link(self) -> str:
        return self.canonical_url or self.url

    def citation(self) -> str:
        flag = "verified" if self.verified else "not yet verified at the original publisher"
        if self.machine_translated:
            flag += "; quote machine-translated, not the source's wording"
        copy = " [a copy: the publisher's address was not found]" if (
            self.canonical_url is None and self.origin == "fact_base") else ""
        return f"{self.title}. {self.publisher}, {self.published}. {self.link}{copy} ({flag})"


class Fact(_Strict):
    """One factual sentence in the library's language, with the sources that state it."""

    text: str = Field(min_length=10)
    sources: list[SourceId] = Field(min_length=1)
    claims: list[str] = Field(default_factory=list, description="Ids (claims.yaml) of every figure the text states.")


class Response(_Strict):
    """A ready-to-use message. Every factual sentence in it is backed by one of `sources`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    register_: Register = Field(alias="register", description="social, press or trainer.")
    text: str = Field(min_length=20)
    sources: list[SourceId] = Field(min_length=1)
    claims: list[str] = Field(default_factory=list, description="Ids (claims.yaml) of every figure the text states.")

    @model_validator(mode="after")
    def _social_is_short(self) -> Response:
        if self.register_ == "social" and len(self.text) > SOCIAL_MAX_CHARS:
            raise ValueError(f"text: a social reply has at most {SOCIAL_MAX_CHARS} characters "
                             f"(this one has {len(self.text)})")
        return self


class LanguageBlock(_Strict):
    summary: str = Field(min_length=10, description="One line naming the myth (for the team, not for publishing).")
    facts: list[Fact] = Field(min_length=1)
    responses: list[Response] = Field(min_length=3, max_length=5)

    @model_validator(mode="after")
    def _registers_and_ids(self) -> LanguageBlock:
        missing = [r for r in REGISTERS if r not in {resp.register_ for resp in self.responses}]
        if missing:
            raise ValueError(f"responses: add a response in each register; missing {missing}")
        ids = [r.id for r in self.responses]
        if len(ids) != len(set(ids)):
            raise ValueError("responses: response ids repeat")
        return self


class Claim(_Strict):
    """One figure as its source states it: value, unit, place and period, and the quote span it comes from."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    source: SourceId
    span: str = Field(min_length=2, description="Verbatim passage of the source's quote that states the figure.")
    value: float = Field(description="The figure in plain units: 1.8 billion dollars is 1800000000.")
    unit: Literal["percent", "percentage_points", "people", "usd", "cop", "count", "times", "years"]
    kind: Literal["count", "amount", "share", "change", "rate"]
    place: str = Field(min_length=2, description="As the source names it, in English (see claims.PLACES).")
    period: str = Field(pattern=r"^\d{4}(-\d{4})?$", description="The year (or years) the figure is about.")
    comparator: str | None = Field(default=None, description="For a share: the claim it must be read against "
                                                              "(the population share), where the source gives one.")
    no_comparator: str | None = Field(default=None, description="For a share: why no comparator is given.")

    @model_validator(mode="after")
    def _shares_say_their_comparator(self) -> Claim:
        if self.kind == "share" and not (self.comparator or self.no_comparator):
            raise ValueError("comparator: a share needs the claim it is read against, or no_comparator saying why")
        return self

    @property
    def years(self) -> list[str]:
        return self.period.split("-")


class CaveatClaim(_Strict):
    """A claim that cuts against a simple answer, and phrases (per language) that would contradict it."""

    claim: str
    contradicted_by: dict[Language, list[str]] = Field(default_factory=dict)


class MythEntry(_Strict):
    """Everything the library says about one myth of the taxonomy."""

    myth: str
    evidence: Literal["good", "partial", "none"] = Field(
        description="good: facts answer the myth; partial: they answer part of it (see gaps); none: no good facts.")
    gaps: str | None = Field(default=None, description="What the fact base could not source, in English.")
    caveats: list[SourceId] = Field(default_factory=list,
                                    description="Sources whose evidence cuts against a simple answer.")
    caveat_claims: list[CaveatClaim] = Field(default_factory=list)
    languages: dict[Language, LanguageBlock]

    @model_validator(mode="after")
    def _all_languages_and_gaps(self) -> MythEntry:
        missing = [lang for lang in LIBRARY_LANGUAGES if lang not in self.languages]
        if missing:
            raise ValueError(f"languages: missing {missing}")
        if self.evidence != "good" and not self.gaps:
            raise ValueError("gaps: say what is missing when evidence is not 'good'")
        return self


class TermAlternative(_Strict):
    term: str
    alternatives: list[str] = Field(min_length=1)
    reason: str = Field(min_length=10)
    forms: list[str] = Field(default_factory=list, description="Surface forms (inflections) the terminology "
                                                               "checker matches in this language, besides the "
                                                               "lexicon's.")


class LexiconRef(_Strict):
    term: str
    lang: str


class TermEntry(_Strict):
    """A stigmatizing term or slur (as data/lexicons/targets.yaml lists it) and what to say instead, per language."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: Literal["stigmatizing_term", "slur"]
    lexicon: list[LexiconRef] = Field(min_length=1, description="The lexicon entries this glossary entry explains.")
    languages: dict[Literal["es", "pt", "en", "fr", "ht"], TermAlternative]
    sources: list[SourceId] = Field(default_factory=list)
    note: str | None = Field(default=None, description="What a reader should know: ambiguity, and where no "
                                                       "source backs the entry yet, that it has none.")

    @model_validator(mode="after")
    def _library_languages(self) -> TermEntry:
        missing = [lang for lang in LIBRARY_LANGUAGES if lang not in self.languages]
        if missing:
            raise ValueError(f"languages: missing {missing}")
        if not self.sources and not (self.note and "no source" in self.note.lower()):
            raise ValueError("sources: cite a source, or say in 'note' that there is no source yet")
        return self


class Library:
    """The validated library: sources by id, entries by myth, the glossary."""

    def __init__(self, sources: dict[str, Source], myths: dict[str, MythEntry], terminology: list[TermEntry],
                 root: Path, claims: dict[str, Claim] | None = None):
        self.sources, self.myths, self.terminology, self.root = sources, myths, terminology, root
        self.claims: dict[str, Claim] = claims or {}

    def block(self, myth: str, language: str) -> LanguageBlock:
        return self.myths[myth].languages[language]  # type: ignore[index]

    def responses(self, myth: str, language: str) -> list[Response]:
        return self.block(myth, language).responses

    def cited(self, ids: list[str]) -> list[Source]:
        return [self.sources[i] for i in ids]

    @cached_property
    def stats(self) -> dict[str, int]:
        responses = sum(len(b.responses) for e in self.myths.values() for b in e.languages.values())
        cited = {s for e in self.myths.values() for b in e.languages.values()
                 for item in (*b.facts, *b.responses) for s in item.sources}
        return {"myths": len(self.myths), "languages": len(LIBRARY_LANGUAGES), "responses": responses,
                "sources_cited": len(cited), "sources_verified": sum(self.sources[s].verified for s in cited)}


# ----------------------------------------------------------------------------------------------------------
# Loading


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CounterError(f"{path}: file not found") from None
    except (OSError, yaml.YAMLError) as exc:
        raise CounterError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None


def _validate(model: type[BaseModel], data, path: Path, where: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        msg = first["msg"].removeprefix("Value error, ")
        if ":" in msg and not loc.endswith(msg.split(":", 1)[0]) and re.match(r"^[a-z_]+:", msg):
            field, msg = (part.strip() for part in msg.split(":", 1))
            loc = f"{loc}.{field}" if loc else field
        field = ".".join(p for p in (where, loc) if p)
        raise CounterError(f"{path}: field '{field or 'file'}': {msg}") from None


def load_taxonomy_ids(path: Path) -> list[str]:
    try:
        return myth_ids(path)
    except TaxonomyError as exc:
        raise CounterError(str(exc)) from None


def load_library(root: Path | None = None, taxonomy_path: Path | None = None,
                 fact_base: Path | None = FACT_BASE) -> Library:
    """Read data/counter/ and check it against the taxonomy and itself, and against the fact base it quotes
    (data/facts/facts.jsonl unless another is given; None skips that check)."""
    root = Path(root or COUNTER_DIR)
    taxonomy = load_taxonomy_ids(Path(taxonomy_path or REPO_DATA / "myths" / "taxonomy.yaml"))

    sources_path = root / "sources.yaml"
    sources: dict[str, Source] = {}
    for index, source in enumerate(_read_list(sources_path, "sources", Source)):
        if source.id in sources:
            raise CounterError(f"{sources_path}: field 'sources.{index}.id': '{source.id}' is listed twice")
        sources[source.id] = source
    if fact_base is not None:
        check_against_fact_base(sources, fact_base, sources_path)

    claims = _load_claims(root / "claims.yaml", sources)

    myths: dict[str, MythEntry] = {}
    for path in sorted((root / "myths").glob("*.yaml")):
        entry = _validate(MythEntry, _read_yaml(path), path)
        if entry.myth != path.stem:
            raise CounterError(f"{path}: field 'myth': '{entry.myth}' must match the file name")
        if entry.myth not in taxonomy:
            raise CounterError(f"{path}: field 'myth': '{entry.myth}' is not in the taxonomy")
        _check_citations(entry, sources, path)
        _check_claim_ids(entry, claims, path)
        myths[entry.myth] = entry
    missing = [m for m in taxonomy if m not in myths]
    if missing:
        raise CounterError(f"{root / 'myths'}: no file for taxonomy myths {missing}")

    terms_path = root / "terminology.yaml"
    terminology = _read_list(terms_path, "terms", TermEntry)
    for i, term in enumerate(terminology):
        for sid in term.sources:
            if sid not in sources:
                raise CounterError(f"{terms_path}: field 'terms.{i}.sources': unknown source '{sid}'")
    return Library(sources, {m: myths[m] for m in taxonomy}, terminology, root, claims)


def _read_list(path: Path, key: str, model):
    """The records of the list `key` of a YAML file, each validated as `model`."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise CounterError(f"{path}: field '{key}': expected a list")
    return [_validate(model, item, path, f"{key}.{index}") for index, item in enumerate(raw[key])]


def _load_claims(path: Path, sources: dict[str, Source]) -> dict[str, Claim]:
    if not path.is_file():
        return {}
    claims: dict[str, Claim] = {}
    for index, claim in enumerate(_read_list(path, "claims", Claim)):
        if claim.id in claims:
            raise CounterError(f"{path}: field 'claims.{index}.id': '{claim.id}' is listed twice")
        if claim.source not in sources:
            raise CounterError(f"{path}: field '{claim.id}.source': unknown source '{claim.source}'")
        claims[claim.id] = claim
    for claim in claims.values():
        if claim.comparator and claim.comparator not in claims:
            raise CounterError(f"{path}: field '{claim.id}.comparator': unknown claim '{claim.comparator}'")
    return claims


def _check_claim_ids(entry: MythEntry, claims: dict[str, Claim], path: Path) -> None:
    for index, caveat in enumerate(entry.caveat_claims):
        if caveat.claim not in claims:
            raise CounterError(f"{path}: field 'caveat_claims.{index}.claim': unknown claim '{caveat.claim}'")
    for lang, block in entry.languages.items():
        items = [(f"languages.{lang}.facts.{i}", f) for i, f in enumerate(block.facts)]
        items += [(f"languages.{lang}.responses.{r.id}", r) for r in block.responses]
        for where, item in items:
            for cid in item.claims:
                if cid not in claims:
                    raise CounterError(f"{path}: field '{where}.claims': unknown claim '{cid}'")
                if claims[cid].source not in item.sources:
                    raise CounterError(f"{path}: field '{where}.sources': cite {claims[cid].source}, "
                                       f"the source of claim '{cid}'")


def check_against_fact_base(sources: dict[str, Source], fact_base: Path, sources_path: Path) -> None:
    """Each fact_base source must be, word for word, a fact of the cited fact base."""
    try:
        facts = [json.loads(line) for line in fact_base.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise CounterError(f"{fact_base}: cannot read the fact base: {exc}") from None
    known = {(f["url"], f["quote"]): f for f in facts}
    for sid, source in sources.items():
        if source.origin != "fact_base":
            continue
        fact = known.get((source.url, source.quote))
        if fact is None:
            raise CounterError(f"{sources_path}: field '{sid}.quote': no fact with this url and quote in {fact_base.name}")
        for ours, theirs in (("title", "source_title"), ("publisher", "publisher"), ("published", "published"),
                             ("canonical_url", "canonical_url"), ("canonical_note", "canonical_note")):
            if getattr(source, ours) != fact.get(theirs):
                raise CounterError(f"{sources_path}: field '{sid}.{ours}': differs from the fact base")


def _check_citations(entry: MythEntry, sources: dict[str, Source], path: Path) -> None:
    for sid in entry.caveats:
        if sid not in sources:
            raise CounterError(f"{path}: field 'caveats': unknown source '{sid}'")
    for lang, block in entry.languages.items():
        items = [(f"languages.{lang}.facts.{i}", f) for i, f in enumerate(block.facts)]
        items += [(f"languages.{lang}.responses.{r.id}", r) for r in block.responses]
        for where, item in items:
            for sid in item.sources:
                if sid not in sources:
                    raise CounterError(f"{path}: field '{where}.sources': unknown source '{sid}'")
            wrong = check_figures(item.text, [sources[s] for s in item.sources])
            if wrong:
                raise CounterError(f"{path}: field '{where}.text': figure(s) {wrong} not found in the quote of "
                                   f"any cited source ({', '.join(item.sources)})")


# ----------------------------------------------------------------------------------------------------------
# Figures

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def _values(token: str) -> set[float]:
    """Every value a number token can mean in es/pt/en writing: '1.325' is 1325 or 1.325."""
    values: set[float] = set()
    for thousands, decimal in ((",", "."), (".", ",")):
        parts = token.split(decimal)
        if len(parts) > 2:
            continue
        whole = parts[0].split(thousands)
        if len(whole) > 1 and not all(len(g) == 3 for g in whole[1:]):
            continue
        number = "".join(whole) + ("." + parts[1] if len(parts) == 2 else "")
        try:
            values.add(round(float(number), 6))
        except ValueError:
            pass
    return values


def numbers_in(text: str) -> list[str]:
    """Digit-written numbers of a text (years, percentages, amounts); spelled-out numbers are not read."""
    cleaned = unicodedata.normalize("NFKC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return [m.group(0).rstrip(".,") for m in _NUMBER.finditer(cleaned)]


def check_figures(text: str, cited: list[Source]) -> list[str]:
    """Numbers in `text` that no cited source states (in its quote, title or date)."""
    available: set[float] = set()
    for source in cited:
        for token in numbers_in(f"{source.quote} {source.title} {source.published}"):
            available |= _values(token)
    return [token for token in numbers_in(text) if not (_values(token) & available)]

"""Checks on the library's claims (data/counter/claims.yaml): each figure a message states is a claim with value,
unit, place and period, taken from a span of a cited quote; numbers are read and written per locale with Babel.

Every check returns a list of problems (empty when the library passes), each naming the claim or the message.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from vigia.counter.library import FACT_BASE, Claim, Fact, Library, Response
from vigia.text import fold

# The number conventions of the library's languages: es and pt write 1.800,5, en writes 1,800.5.
LOCALES = {"es": "es_CO", "pt": "pt_BR", "en": "en_US", "fr": "fr_FR", "ht": "ht_HT"}
_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTHS = ("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|"
           "fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|january|february|march|april|"
           "june|july|august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
           "septembre|octobre|novembre|decembre|janvye|fevriye|mas|jiye|septanm|oktob|novanm|desanm")
_DATE = re.compile(rf"\s+(de\s+)?({_MONTHS})\b")  # "31 de enero", "31 January": a day, not a figure
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
# "Decreto 216", "resolución 3448" and "COVID-19" name a text or a disease: the number is not a figure.
_NAMED = re.compile(r"((decreto|decree|ley|lei|law|resolucion|resolucao|resolution|n\.?o)\s*|covid-)$")
# Scale words after a number ("1,8 bilhão", "1.800 millones", "40 mil"), folded; longest first.
_SCALES = [("mil millones", 10**9), ("bilhoes", 10**9), ("bilhao", 10**9), ("billion", 10**9),
           ("milliards", 10**9), ("milliard", 10**9),
           ("millones", 10**6), ("millon", 10**6), ("milhoes", 10**6), ("milhao", 10**6), ("millions", 10**6),
           ("million", 10**6), ("thousand", 10**3), ("mil", 10**3)]
POPULATION_SHARE = "it is the population share"  # the no_comparator of a claim that is itself the comparator
# How each place of a claim may be named in a message (folded stems; adjectives count: "colombianos").
PLACES = {
    "Colombia": ["colombi", "kolonbi"], "Chile": ["chile", "chili"], "Peru": ["peru"], "Ecuador": ["ecuador", "equador"],
    "Argentina": ["argentin", "buenos aires"], "Brazil": ["brasil", "brazil"], "Panama": ["panam"],
    "Costa Rica": ["costa ric"],
    "Dominican Republic": ["republica dominicana", "dominican republic", "republique dominicaine",
                           "dominiken", "dominicano"],
    "Darien": ["darien"], "Roraima": ["roraima"], "Venezuela": ["venezuel"], "Haiti": ["haiti", "ayiti"],
    "Latin America and the Caribbean": ["america latina", "latin america", "amerique latine", "regio",
                                        "amerika latin"],
    "Global": ["mundo", "world", "global", "monde", "planet"],
}


def read_number(token: str, language: str) -> Decimal | None:
    """The value of a number as a reader of `language` reads it, or None when it is not written that way."""
    locale = LOCALES[language]
    try:
        value = parse_decimal(token, locale=locale, strict=True)
    except NumberFormatError:
        return None
    return value


def written_in(token: str, language: str) -> bool:
    """Whether `token` is written the way `language` writes numbers (a year stands alone: 2019)."""
    if _YEAR.match(token):
        return True
    value = read_number(token, language)
    if value is None:
        return False
    decimals = max(0, -value.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language]) == token


_SPACED = re.compile(r"(?<![\w.,])\d{1,3}(?:[\u202f\u00a0]\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:[.,]\d+)*")
_PLAIN = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def _matches(text: str, language: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of every number as written: French and Haitian Creole group digits with a (narrow)
    no-break space."""
    pattern = _SPACED if language in ("fr", "ht") else _PLAIN
    found = []
    for match in pattern.finditer(text):
        token = match.group(0).rstrip(".,")
        found.append((token, match.start(), match.start() + len(token)))
    return found


def _is_name_or_day(text: str, start: int, end: int) -> bool:
    """'Decreto 216', 'COVID-19' and '31 de enero' hold numbers that are not figures."""
    return bool(_NAMED.search(fold(text[:start])) or _DATE.match(fold(text[end:])))


def figures_in(text: str, language: str) -> list[tuple[str, Decimal | None]]:
    """(token, value) of every number of `text` but years and the numbers of laws and decrees, scaled by the
    word after it ("1,8 bilhão")."""
    found = []
    for token, start, end in _matches(text, language):
        if _YEAR.match(token) or _is_name_or_day(text, start, end):
            continue
        value = read_number(token, language)
        after = fold(text[end:end + 16]).lstrip(" \u00a0\u202f")
        if value is not None:
            for word, scale in _SCALES:
                if after.startswith(word):
                    value *= scale
                    break
        found.append((token, value))
    return found


def _same(a: Decimal | float, b: Decimal | float) -> bool:
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def _mentions_place(text: str, place: str) -> bool:
    """Whether `text` names `place` (each of "Peru; Colombia" when a claim covers several)."""
    folded = fold(text)
    return all(any(stem in folded for stem in PLACES.get(p, [fold(p)])) for p in place.split("; "))


# ----------------------------------------------------------------------------------------------------------
# Claims against their sources


def check_claim_in_quote(claim: Claim, library: Library) -> list[str]:
    """The claim's span is in its source's quote, states its value, and the source speaks of its place and period."""
    source = library.sources[claim.source]
    problems = []
    if claim.span not in source.quote:
        problems.append(f"{claim.id}: span is not in the quote of {claim.source}")
    # Sources do not always follow their locale ("458,233" in a Spanish survey): read the span both ways.
    values = [v for language in ("en", "es") for _, v in figures_in(claim.span, language) if v is not None]
    if not any(_same(v, claim.value) for v in values):
        problems.append(f"{claim.id}: value {claim.value:g} is not what the span states ({values})")
    if any(p not in PLACES for p in claim.place.split("; ")):
        problems.append(f"{claim.id}: place '{claim.place}' is not one of claims.PLACES")
    elif not (_mentions_place(source.quote, claim.place) or _mentions_place(source.title, claim.place)
              or _mentions_place(library_scope(library, claim.source), claim.place)):
        problems.append(f"{claim.id}: {claim.source} does not speak of {claim.place}")
    context = f"{source.quote} {source.title} {source.published}"
    if not any(year in context for year in claim.years):
        problems.append(f"{claim.id}: period {claim.period} is not in the quote, title or date of {claim.source}")
    if claim.comparator and library.claims[claim.comparator].source != claim.source:
        problems.append(f"{claim.id}: comparator {claim.comparator} comes from another source")
    return problems


def library_scope(library: Library, source_id: str) -> str:
    """The country scope the fact base gives a source ('' for the library's own sources)."""
    return _scopes().get((library.sources[source_id].url, library.sources[source_id].quote), "")


@cache
def _scopes() -> dict[tuple[str, str], str]:
    facts = [json.loads(line) for line in FACT_BASE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(f["url"], f["quote"]): f.get("country_scope") or "" for f in facts}


# ----------------------------------------------------------------------------------------------------------
# Messages against their claims


def check_message(response: Response | Fact, language: str, library: Library, myth: str = "",
                  where: str = "") -> list[str]:
    """Each figure of the message (or fact) is a listed claim, in the message's number format, with its place and
    year; a share comes with its comparator."""
    where = where or getattr(response, "id", "fact")
    where = f"{myth}/{where}" if myth else where
    claims = [library.claims[c] for c in response.claims]
    problems = []
    for token, start, end in _matches(response.text, language):
        if not _is_name_or_day(response.text, start, end) and not written_in(token, language):
            problems.append(f"{where}: '{token}' is not written the {language} way")
    stated = figures_in(response.text, language)
    for token, value in stated:
        if value is None or not any(_same(value, c.value) for c in claims):
            problems.append(f"{where}: figure '{token}' is not a value of its claims {response.claims}")
    for claim in claims:
        if not any(v is not None and _same(v, claim.value) for _, v in stated):
            problems.append(f"{where}: lists claim {claim.id} but does not state {claim.value:g}")
        if not any(year in response.text for year in claim.years):
            problems.append(f"{where}: states {claim.id} without its year ({claim.period})")
        if not _mentions_place(response.text, claim.place):
            problems.append(f"{where}: states {claim.id} without its place ({claim.place})")
        if claim.comparator and claim.comparator not in response.claims:
            problems.append(f"{where}: states the share {claim.id} without its comparator {claim.comparator}")
    return problems


def check_caveats(library: Library) -> list[str]:
    """No message says what a caveat claim of its myth contradicts, and each language has a social reply
    that states a caveat claim."""
    problems = []
    for myth, entry in library.myths.items():
        caveat_ids = {c.claim for c in entry.caveat_claims}
        for lang, block in entry.languages.items():
            for response in block.responses:
                unquoted = fold(_QUOTED.sub(" ", response.text))  # a trainer may quote what not to say
                for caveat in entry.caveat_claims:
                    for phrase in caveat.contradicted_by.get(lang, []):
                        if fold(phrase) in unquoted:
                            problems.append(f"{myth}/{response.id}: '{phrase}' contradicts caveat {caveat.claim}")
            social = [r for r in block.responses if r.register_ == "social"]
            if caveat_ids and not any(caveat_ids & set(r.claims) for r in social):
                problems.append(f"{myth}/{lang}: no social reply states a caveat claim {sorted(caveat_ids)}")
    return problems


def check_comparators(library: Library) -> list[str]:
    """Where a source gives the population share, every other share from that source is read against it."""
    population = {c.source: c.id for c in library.claims.values()
                  if c.kind == "share" and c.no_comparator == POPULATION_SHARE}
    return [f"{c.id}: a share from {c.source}, which gives the population share {population[c.source]}, "
            f"must name it as comparator" for c in library.claims.values()
            if c.kind == "share" and c.source in population and c.id != population[c.source]
            and c.comparator != population[c.source]]


def check_library(library: Library) -> list[str]:
    """Every problem of every claim and every message of the library."""
    problems = [p for claim in library.claims.values() for p in check_claim_in_quote(claim, library)]
    problems += check_comparators(library)
    for myth, entry in library.myths.items():
        for lang, block in entry.languages.items():
            for index, fact in enumerate(block.facts):
                problems += check_message(fact, lang, library, myth, f"{lang}-fact{index}")
            for response in block.responses:
                problems += check_message(response, lang, library, myth)
    return problems + check_caveats(library)

"""The terminology checker: every stigmatizing term and slur of the glossary (data/counter/terminology.yaml) found
in a text, in context, with what to say instead, why, and the glossary entry's sources; and a score per text.

What is matched, per glossary entry and language: the surface forms the lexicon (data/lexicons/targets.yaml) lists
for the entry's `lexicon` references in that language, plus the entry's own `forms` (inflections) in that language.
Matching ignores case and accents ("ILEGALES", "inmigracion ilegal"), respects word boundaries ("ilegalidad" is not
"ilegal"), lets a multiword form span any whitespace or hyphen and any apostrophe, and takes the longest form at a
place ("inmigración ilegal", not "ilegal" inside it). A text is read in its language (given, or identified); slurs are
matched whatever the text's language, as a slur quoted in another language is still the slur.

Reported speech: a term between quotation marks (« », “ ”, „ “, " ") is flagged like any other and marked
`quoted`; whether the quote reports someone else's words cannot be told reliably from punctuation alone, so quoted
terms are counted in the score too, and the output says how many were quoted.

Score: glossary terms found per 1,000 words of the checked text (words: runs of letters or digits, with inner
apostrophes or hyphens).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from vigia.counter.library import CounterError, Library, TermEntry
from vigia.text import fold

CONTEXT_WORDS = 8  # words shown on each side of a term
PER_WORDS = 1000  # the score's unit: terms per this many words
ADVICE_FALLBACK = ("es", "en")  # an entry's advice when it has none in the text's language
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
QUOTED = re.compile(r"«[^»\n]{1,600}»|“[^”\n]{1,600}”|„[^“”\n]{1,600}[“”]|\"[^\"\n]{1,600}\"")
APOSTROPHES = "'’ʼ`´"
HYPHENS = "‐‑–-"  # the ASCII hyphen last: literal in a character class


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index of the character of `text` it comes from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", char.casefold())
        for out in decomposed:
            if not unicodedata.combining(out):
                folded.append(out)
                origin.append(index)
    return "".join(folded), origin


def _pattern(key: str) -> str:
    """A form's key (`_key`) as a regex: words joined by any run of whitespace or hyphens, any apostrophe."""
    parts = []
    for char in key:
        if char == " ":
            parts.append(rf"[\s{HYPHENS}]+")
        elif char == "'":
            parts.append(f"[{APOSTROPHES}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _key(form: str) -> str:
    """A form's identity: folded, with apostrophes, hyphens and spaces made alike."""
    folded = fold(form)
    for char in APOSTROPHES:
        folded = folded.replace(char, "'")
    for char in HYPHENS:
        folded = folded.replace(char, " ")
    return " ".join(folded.split())


@dataclass(frozen=True)
class Form:
    text: str
    lang: str
    entry: TermEntry


@dataclass
class TermHit:
    """One term found: where, in which context, and the glossary's advice."""

    found: str  # as written in the text
    form: str  # the glossary/lexicon form it matched
    entry: str  # glossary entry id
    kind: str  # slur | stigmatizing_term
    language: str  # the language of the matched form
    advice_language: str  # the language of `alternatives` and `reason`
    glossary_term: str
    alternatives: list[str]
    reason: str
    sources: list[dict]
    note: str | None
    start: int
    end: int
    before: str
    after: str
    quoted: bool

    @property
    def context(self) -> str:
        return f"{self.before}[{self.found}]{self.after}"

    def to_dict(self) -> dict:
        return {**asdict(self), "context": self.context}


@dataclass
class TermReport:
    """Every glossary term found in one text, and the text's score."""

    language: str | None
    language_source: str
    words: int
    hits: list[TermHit] = field(default_factory=list)
    title: str | None = None
    url: str | None = None

    @property
    def score(self) -> float:
        """Glossary terms per 1,000 words (0 for a text with no words)."""
        return round(len(self.hits) * PER_WORDS / self.words, 2) if self.words else 0.0

    @property
    def quoted(self) -> int:
        return sum(hit.quoted for hit in self.hits)

    def by_entry(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for hit in self.hits:
            counts[hit.entry] = counts.get(hit.entry, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {"title": self.title, "url": self.url, "language": self.language,
                "language_source": self.language_source, "words": self.words, "terms": len(self.hits),
                "quoted": self.quoted, "score": self.score, "score_unit": SCORE_DEFINITION,
                "by_entry": self.by_entry(), "hits": [hit.to_dict() for hit in self.hits]}


SCORE_DEFINITION = ("glossary terms found per 1,000 words of the text (quoted terms included; words are runs of "
                    "letters or digits)")


class TermChecker:
    """The glossary's forms, compiled once: `check(text, language)` lists every term found."""

    def __init__(self, library: Library, lexicon_path: Path, language_id=None):
        self.library = library
        self.language_id = language_id
        self.forms: dict[str, list[Form]] = {}  # language -> forms
        self._by_key: dict[tuple[str, str], Form] = {}
        lexicon = _lexicon_forms(lexicon_path)
        for entry in library.terminology:
            per_language: dict[str, set[str]] = {}
            for ref in entry.lexicon:
                forms = lexicon.get((ref.term, ref.lang))
                if forms is None:
                    raise CounterError(f"terminology.yaml: field '{entry.id}.lexicon': '{ref.term}' ({ref.lang}) "
                                       f"is not in {lexicon_path.name}")
                per_language.setdefault(ref.lang, set()).update(forms)
            for lang, block in entry.languages.items():
                per_language.setdefault(lang, set()).update(block.forms)
            for lang, forms in per_language.items():
                for text in sorted(forms):
                    key = (lang, _key(text))
                    other = self._by_key.get(key)
                    if other is not None and other.entry.id != entry.id:
                        raise CounterError(f"terminology.yaml: field '{entry.id}.languages.{lang}.forms': "
                                           f"'{text}' is also a form of '{other.entry.id}'")
                    if other is None:
                        form = Form(text, lang, entry)
                        self._by_key[key] = form
                        self.forms.setdefault(lang, []).append(form)
        self._compiled: dict[str | None, re.Pattern] = {}

    @property
    def languages(self) -> list[str]:
        return sorted(self.forms)

    def _regex(self, language: str | None) -> re.Pattern:
        if language not in self._compiled:
            keys = sorted({_key(f.text) for f in self._candidates(language)}, key=len, reverse=True)
            alternation = "|".join(_pattern(k) for k in keys) or r"(?!x)x"
            self._compiled[language] = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        return self._compiled[language]

    def _candidates(self, language: str | None) -> list[Form]:
        if language not in self.forms:  # unknown language: every form of every language
            return [f for forms in self.forms.values() for f in forms]
        slurs = [f for lang, forms in self.forms.items() if lang != language for f in forms
                 if f.entry.kind == "slur"]
        return self.forms[language] + slurs

    def _form(self, matched: str, language: str | None) -> Form:
        key = _key(matched)
        if language is not None and (language, key) in self._by_key:
            return self._by_key[(language, key)]
        return next(self._by_key[(lang, key)] for lang in self.languages if (lang, key) in self._by_key)

    def identify(self, text: str) -> str | None:
        if self.language_id is None:
            return None
        language, _ = self.language_id.identify(text)
        return language if language in self.forms else None

    def check(self, text: str, language: str | None = None, *, title: str | None = None, url: str | None = None,
              context_words: int = CONTEXT_WORDS) -> TermReport:
        """Every glossary term in `text` (read in `language`, else identified, else in all languages)."""
        source = "given"
        if language is None:
            language, source = self.identify(text), "identified"
        if language is None:
            source = "unknown: every language's forms"
        folded, origin = fold_with_offsets(text)
        words = [m.span() for m in WORD.finditer(text)]
        starts = [s for s, _ in words]
        quotes = [m.span() for m in QUOTED.finditer(text)]
        report = TermReport(language=language, language_source=source, words=len(words), title=title, url=url)
        for match in self._regex(language).finditer(folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            form = self._form(match.group(0), language)
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_left(starts, end)
            before = text[words[max(0, first - context_words)][0]:start] if first >= 0 else text[:start]
            after_end = words[min(len(words), last + context_words) - 1][1] if last < len(words) else end
            report.hits.append(self._hit(form, text[start:end], start, end, _spaced(before).lstrip(),
                                         _spaced(text[end:after_end]).rstrip(),
                                         any(a < start and end < b for a, b in quotes), language))
        return report

    def _hit(self, form: Form, found: str, start: int, end: int, before: str, after: str, quoted: bool,
             language: str | None) -> TermHit:
        entry = form.entry
        advice = next(lang for lang in (language, form.lang, *ADVICE_FALLBACK) if lang in entry.languages)
        block = entry.languages[advice]
        sources = [{"id": sid, "citation": self.library.sources[sid].citation(),
                    "url": self.library.sources[sid].link} for sid in entry.sources]
        return TermHit(found=found, form=form.text, entry=entry.id, kind=entry.kind, language=form.lang,
                       advice_language=advice, glossary_term=block.term, alternatives=list(block.alternatives),
                       reason=block.reason, sources=sources, note=entry.note, start=start, end=end,
                       before=before, after=after, quoted=quoted)


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _lexicon_forms(path: Path) -> dict[tuple[str, str], list[str]]:
    """(term, lang) -> surface forms, for the lexicon's slurs and stigmatizing terms."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CounterError(f"{path}: cannot read the lexicon: {' '.join(str(exc).split())}") from None
    return {(item["term"], item["lang"]): list(item.get("forms") or [item["term"]])
            for kind in ("slurs", "stigmatizing_terms") for item in data.get(kind) or []}


def load_checker(settings) -> TermChecker:
    """The checker over the library's glossary and the configured lexicon, identifying languages among the
    configured ones."""
    from nlp.language import LanguageId
    from vigia.counter.library import load_library

    return TermChecker(load_library(), settings.lexicon_path, LanguageId(settings.languages))

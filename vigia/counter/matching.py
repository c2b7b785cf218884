"""From a post to answers: the myths it carries and the library's responses ranked for it, in its language.

Myths come from the post's `myth` labels when a classifier has given them, otherwise from the post's `myths`
field, otherwise from the baseline detector in `nlp.myths`. Which replies come first is `vigia.counter.choice`'s
order (the post's country, language and target groups: country packs, then the general library); within a tier,
the cosine similarity between the post (embedded as an E5 query) and each reply (embedded as passages).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from nlp.taxonomy import TaxonomyError, myth_names
from vigia.counter import choice
from vigia.counter.library import LIBRARY_LANGUAGES, Library, Source, load_library
from vigia.counter.packs import Pack, load_packs
from vigia.errors import ConfigError, VigiaError
from vigia.model import Post
from vigia.settings import Settings

FALLBACK_LANGUAGE = choice.FALLBACK_LANGUAGE
LIBRARY_NAMES = ("es", "pt", "en")  # languages the taxonomy names myths in and the catalogue speaks
MYTH_TASK = "myth"


@dataclass
class DetectedMyth:
    myth: str
    name: str
    score: float
    method: str
    cues: list[str] = field(default_factory=list)


@dataclass
class RankedResponse:
    myth: str
    id: str
    register: str
    text: str
    similarity: float
    sources: list[dict]
    language: str = ""  # the reply's language
    choice: str = ""  # the tier it was chosen in (vigia.counter.choice.TIERS)
    country: str | None = None  # the country pack's country (ISO code); None for the general library
    target: str | None = None  # the pack narrative's target group
    origin: str = "library"  # "library" or "pack:<pack>/<narrative>"
    why: str = ""  # why it was chosen, in the reply's language ("Brasil · pt · bolivianos")


@dataclass
class Suggestion:
    language: str
    language_source: str  # given | detected | post
    library_language: str
    myths: list[DetectedMyth]
    responses: list[RankedResponse]
    note: str | None = None
    country: str | None = None  # the post's country (ISO code), when known
    targets: list[str] = field(default_factory=list)  # the post's target groups, when known

    def to_dict(self) -> dict:
        return asdict(self)


def source_dict(source: Source) -> dict:
    return {"id": source.id, "title": source.title, "publisher": source.publisher, "published": source.published,
            "url": source.link, "read_at": source.url, "machine_translated": source.machine_translated,
            "verified": source.verified, "citation": source.citation()}


class Responder:
    """Builds Suggestions. Heavy parts (embedder, detector, language id) load on first use and are reused."""

    def __init__(self, settings: Settings, library: Library | None = None, packs: dict[str, Pack] | None = None):
        self.settings = settings
        self.library = library or load_library(taxonomy_path=settings.myth_taxonomy_path)
        self.packs = packs if packs is not None else load_packs(self.library)
        try:
            self.names = myth_names(settings.myth_taxonomy_path)
        except TaxonomyError as exc:
            raise ConfigError(str(exc)) from None
        self._embedder = self._cache = self._detector = self._langid = self._targets = None

    @property
    def cache_dir(self) -> Path:
        return self.settings.models_dir / "embedding-cache"

    def _nlp(self):
        if self._embedder is None:
            from nlp.embeddings import EmbeddingCache, shared
            from nlp.myths import MythDetector

            try:
                self._embedder = shared()
                self._detector = MythDetector(self.settings.myth_taxonomy_path, self._embedder, self.cache_dir)
            except (RuntimeError, ValueError) as exc:
                raise VigiaError(f"cannot load the NLP components: {exc}") from None
            self._cache = EmbeddingCache(self.cache_dir, self._embedder)
        return self._embedder, self._cache, self._detector

    def _language(self, text: str) -> str:
        if self._langid is None:
            from nlp.language import LanguageId

            self._langid = LanguageId(self.settings.languages)
        return self._langid.identify(text)[0]

    def name(self, myth: str, language: str) -> str:
        names = self.names.get(myth, {})
        return names.get(language) or names.get("en") or myth

    def _target_groups(self, text: str) -> list[str]:
        """The target groups the lexicon finds in a pasted text (as the pipeline finds a post's)."""
        if self._targets is None:
            from nlp.targets import SPAN_KEY, build_pipeline

            self._targets = (build_pipeline(self.settings.lexicon_path), SPAN_KEY)
        nlp, key = self._targets
        doc = nlp(text)
        return sorted({s._.vigia_cue.group for s in doc.spans[key]
                       if s._.vigia_cue.group and s._.vigia_cue.kind in ("target", "slur")})

    def suggest_post(self, post: Post, language: str | None = None, limit: int = 6) -> Suggestion:
        """Myths and chosen replies for a stored post: its title and text, language, country, targets and myths."""
        text = " ".join(part for part in (post.title, post.text) if part)
        return self.suggest(text, language=language, post=post, limit=limit)

    def suggest(self, text: str, language: str | None = None, post: Post | None = None, limit: int = 6,
                country: str | None = None, targets: list[str] | None = None) -> Suggestion:
        """Myths and chosen replies for a text (or a stored post: its language, country, targets and myth labels
        are used); `country` (ISO code) and `targets` say where a pasted text comes from and whom it targets."""
        if not text or not text.strip():
            raise VigiaError("the post has no text to answer")
        if language:
            source = "given"
        elif post is not None and post.language:
            language, source = post.language, "post"
        else:
            language, source = self._language(text), "detected"
        if country is None and post is not None:
            country = post.country
        if targets is None:
            targets = list(post.targets) if post is not None else self._target_groups(text)
        audience = choice.Audience(language, country, tuple(targets))
        embedder, cache, detector = self._nlp()
        myths = self._myths(text, language, language if language in LIBRARY_NAMES else FALLBACK_LANGUAGE, post,
                            detector)
        found = choice.candidates(self.library, self.packs, [m.myth for m in myths], audience)
        if found:
            library_language = found[0].language  # the post's language, or the fallback where nothing is in it
        else:
            library_language = language if language in LIBRARY_LANGUAGES else FALLBACK_LANGUAGE
        note = None
        if library_language != language:
            note = (f"the library has no responses in '{language}'; showing '{library_language}' "
                    f"(choose another with --language)")
        responses: list[RankedResponse] = []
        if found:
            post_vector = embedder.query([text])[0]
            vectors = cache.passage([c.response.text for c in found])
            for candidate, similarity in choice.order(found, [float(v) for v in vectors @ post_vector])[:limit]:
                reply = candidate.response
                shown_in = candidate.language if candidate.language in LIBRARY_NAMES else "en"
                responses.append(RankedResponse(
                    candidate.myth, reply.id, reply.register_, reply.text, round(float(similarity), 4),
                    [source_dict(s) for s in self.library.cited(reply.sources)], candidate.language,
                    candidate.tier_name, candidate.country, candidate.target, candidate.origin,
                    choice.reason(candidate.country, candidate.language, candidate.target, shown_in,
                                  self.settings.lexicon_path)))
        return Suggestion(language, source, library_language, myths, responses, note, country, list(targets))

    def _myths(self, text: str, language: str, library_language: str, post: Post | None,
               detector) -> list[DetectedMyth]:
        if post is not None:
            labelled = [lab for lab in post.labels if lab.task == MYTH_TASK]
            if labelled:
                best: dict[str, DetectedMyth] = {}
                for lab in labelled:
                    if lab.label not in best or lab.score > best[lab.label].score:
                        best[lab.label] = DetectedMyth(lab.label, self.name(lab.label, library_language),
                                                       round(lab.score, 3), f"{lab.model} {lab.model_version}")
                return sorted(best.values(), key=lambda m: -m.score)
            if post.myths:
                return [DetectedMyth(m, self.name(m, library_language), 1.0, "post") for m in post.myths]
        return [DetectedMyth(h.myth, self.name(h.myth, library_language), h.score, f"{h.method} {detector.version}",
                             h.cues) for h in detector.detect(text, language)]

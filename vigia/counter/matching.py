"""From a post to answers: the myths it carries and the library's responses ranked for it, in its language.

Myths come from the post's `myth` labels when a classifier has given them, otherwise from the post's `myths`
field, otherwise from the baseline detector in `nlp.myths`. Responses are ranked by the cosine similarity between
the post (embedded as an E5 query) and each response of those myths (embedded as passages).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from nlp.taxonomy import TaxonomyError, myth_names
from vigia.counter.library import LIBRARY_LANGUAGES, Library, Response, Source, load_library
from vigia.errors import ConfigError, VigiaError
from vigia.model import Post
from vigia.settings import Settings

FALLBACK_LANGUAGE = "es"
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


@dataclass
class Suggestion:
    language: str
    language_source: str  # given | detected | post
    library_language: str
    myths: list[DetectedMyth]
    responses: list[RankedResponse]
    note: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def source_dict(source: Source) -> dict:
    return {"id": source.id, "title": source.title, "publisher": source.publisher, "published": source.published,
            "url": source.link, "read_at": source.url, "machine_translated": source.machine_translated,
            "verified": source.verified, "citation": source.citation()}


class Responder:
    """Builds Suggestions. Heavy parts (embedder, detector, language id) load on first use and are reused."""

    def __init__(self, settings: Settings, library: Library | None = None):
        self.settings = settings
        self.library = library or load_library(taxonomy_path=settings.myth_taxonomy_path)
        try:
            self.names = myth_names(settings.myth_taxonomy_path)
        except TaxonomyError as exc:
            raise ConfigError(str(exc)) from None
        self._embedder = self._cache = self._detector = self._langid = None

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

    def suggest(self, text: str, language: str | None = None, post: Post | None = None,
                limit: int = 6) -> Suggestion:
        """Myths and ranked responses for a text (or a stored post: its language and myth labels are used)."""
        if not text or not text.strip():
            raise VigiaError("the post has no text to answer")
        if language:
            source = "given"
        elif post is not None and post.language:
            language, source = post.language, "post"
        else:
            language, source = self._language(text), "detected"
        library_language = language if language in LIBRARY_LANGUAGES else FALLBACK_LANGUAGE
        note = None
        if library_language != language:
            note = (f"the library has no responses in '{language}'; showing '{library_language}' "
                    f"(choose another with --language)")
        embedder, cache, detector = self._nlp()
        myths = self._myths(text, language, library_language, post, detector)
        responses: list[RankedResponse] = []
        candidates: list[tuple[str, Response]] = [
            (m.myth, r) for m in myths if m.myth in self.library.myths
            for r in self.library.responses(m.myth, library_language)]
        if candidates:
            post_vector = embedder.query([text])[0]
            vectors = cache.passage([r.text for _, r in candidates])
            similarities = vectors @ post_vector
            ranked = sorted(zip(candidates, similarities), key=lambda item: -float(item[1]))
            for (myth, response), similarity in ranked[:limit]:
                responses.append(RankedResponse(
                    myth, response.id, response.register_, response.text, round(float(similarity), 4),
                    [source_dict(s) for s in self.library.cited(response.sources)]))
        return Suggestion(language, source, library_language, myths, responses, note)

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

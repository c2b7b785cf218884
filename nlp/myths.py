"""Baseline myth detector: the taxonomy's cue phrases plus embedding similarity to each myth's typical claim.

A stand-in until the trained myth classifier (label task `myth`) exists: anything with `detect(text, language)`
returning `MythHit`s can replace it, and callers prefer a post's `myth` labels when it has them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp.embeddings import Embedder, EmbeddingCache
from nlp.targets import fold
from nlp.taxonomy import read_taxonomy

NAME = "vigia.myth_baseline"
VERSION = "1"
TASK = "myth"
ANCHOR_LANGUAGES = ("es", "pt", "en")
SIMILARITY_THRESHOLD = 0.89  # a myth is raised on similarity alone only at or above this (see the model card)
SIMILARITY_FLOOR, SIMILARITY_SPAN = 0.80, 0.12

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MythHit:
    """One myth a text seems to carry. `score` is a heuristic in [0, 1], not a calibrated probability."""

    myth: str
    score: float
    similarity: float
    cues: list[str] = field(default_factory=list)
    method: str = "baseline"


class MythDetector:
    """`detect(text, language)` -> MythHits, best first; a text that cannot be processed yields [] and a warning."""

    name, version, task = NAME, VERSION, TASK

    def __init__(self, taxonomy_path: Path, embedder: Embedder | None, cache_dir: Path | None = None,
                 threshold: float = SIMILARITY_THRESHOLD):
        myths = read_taxonomy(taxonomy_path)  # a TaxonomyError is a ValueError
        self.ids: list[str] = list(myths)
        self.threshold = threshold
        self.embedder = embedder
        self.cache = EmbeddingCache(cache_dir, embedder) if cache_dir and embedder else None
        self._cues: dict[str, list[tuple[str, str, str, re.Pattern[str]]]] = {}
        for myth, spec in myths.items():
            for lang, cues in (spec.get("cues") or {}).items():
                for cue in cues:
                    folded = fold(cue)
                    pattern = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
                    self._cues.setdefault(lang, []).append((myth, cue, folded, pattern))
        anchors, owners = [], []
        for index, myth in enumerate(self.ids):
            for lang in ANCHOR_LANGUAGES:
                for text in (myths[myth].get("claim", {}).get(lang), myths[myth].get("name", {}).get(lang)):
                    if text:
                        anchors.append(text)
                        owners.append(index)
        self._anchor_texts = anchors
        self._owners = np.array(owners)
        self._anchors: np.ndarray | None = None
        digest = hashlib.sha256("\n".join(anchors).encode()).hexdigest()[:12]
        self.fingerprint = f"{NAME}@{VERSION}:{digest}"

    def _anchor_vectors(self) -> np.ndarray:
        if self._anchors is None:
            texts = self._anchor_texts
            self._anchors = self.cache.query(texts) if self.cache else self.embedder.query(texts)
        return self._anchors

    def cues_in(self, text: str, language: str | None) -> dict[str, list[str]]:
        """Cue phrases of each myth found in the text (in its language; in every language if unknown)."""
        folded = fold(text)
        languages = [language] if language in self._cues else list(self._cues)
        found: dict[str, list[str]] = {}
        for lang in languages:
            for myth, cue, phrase, pattern in self._cues[lang]:  # the substring test first: it is far cheaper
                if phrase in folded and pattern.search(folded) and cue not in found.get(myth, []):
                    found.setdefault(myth, []).append(cue)
        return found

    def similarities(self, text: str) -> dict[str, float]:
        vector = self.embedder.query([text])[0]
        sims = self._anchor_vectors() @ vector
        return {myth: float(sims[self._owners == i].max()) for i, myth in enumerate(self.ids)}

    def detect(self, text: str, language: str | None = None) -> list[MythHit]:
        if not text or not text.strip():
            return []
        try:
            cues = self.cues_in(text, language)
            sims = self.similarities(text)
        except Exception as exc:  # one bad text yields an empty annotation, never a failed batch
            log.warning("myth detection failed for one text: %s", exc)
            return []
        return self._hits(cues, sims)

    def detect_batch(self, texts: list[str], languages: list[str | None],
                     vectors: np.ndarray | None = None) -> list[list[MythHit]]:
        """Myths of many texts; `vectors` are the texts' unit query embeddings (cues alone when None)."""
        sims = None
        if vectors is not None and len(texts):
            matrix = vectors @ self._anchor_vectors().T
            sims = [{myth: float(row[self._owners == i].max()) for i, myth in enumerate(self.ids)} for row in matrix]
        return [self._hits(self.cues_in(text, lang), sims[k] if sims else None) if text and text.strip() else []
                for k, (text, lang) in enumerate(zip(texts, languages))]

    def _hits(self, cues: dict[str, list[str]], sims: dict[str, float] | None) -> list[MythHit]:
        if sims is None:  # no encoder: a cue is all there is to go on
            return sorted((MythHit(myth, 0.5, 0.0, found, NAME) for myth, found in cues.items()),
                          key=lambda h: h.myth)
        best = max(sims, key=sims.__getitem__)
        raised = set(cues) | ({best} if sims[best] >= self.threshold else set())
        hits = []
        for myth in raised:
            closeness = min(1.0, max(0.0, (sims[myth] - SIMILARITY_FLOOR) / SIMILARITY_SPAN))
            score = 0.5 * closeness + (0.5 if myth in cues else 0.0)
            hits.append(MythHit(myth, round(score, 3), round(sims[myth], 4), cues.get(myth, []), NAME))
        return sorted(hits, key=lambda h: (-h.score, -h.similarity))

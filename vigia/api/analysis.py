"""Texts in, every label Vigía gives out: the pipeline's Enricher, loaded once per process, behind a lock.

Optionally keeps what it analyzed in the store (setting api_store_analyzed), as posts of the platform `api`.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Any

from vigia.errors import VigiaError
from vigia.model import Post, Provenance, make_post_id, payload_hash, utcnow
from vigia.settings import Settings


@dataclass
class Analysis:
    """One text's annotation, with the probabilities the heads gave (empty without a classifier)."""

    text: str
    annotation: Any  # nlp.Annotation

    @property
    def language(self) -> str:
        return self.annotation.language

    def probability(self, task: str, label: str) -> float | None:
        return self.annotation.probabilities.get(task, {}).get(label)

    def label(self, task: str):
        return next((lab for lab in self.annotation.labels if lab.task == task), None)

    def to_dict(self) -> dict[str, Any]:
        a = self.annotation
        hate, migration, frame = self.label("hate"), self.label("migration"), self.label("frame")

        def verdict(lab, positive: str) -> dict[str, Any] | None:
            if lab is None:
                return None
            return {"label": lab.label, "score": lab.score, "probability": self.probability(lab.task, positive)}

        return {
            "language": {"code": a.language, "score": a.language_score},
            "hate": verdict(hate, "hateful"),
            "migration": verdict(migration, "migration"),
            "xenophobic": (hate.label == "hateful" and migration.label == "migration")
            if hate and migration else None,
            "targets": [{"group": lab.label, "score": lab.score} for lab in a.labels if lab.task == "target"]
            or [{"group": group, "score": None} for group in a.targets],
            "frame": {"label": frame.label, "score": frame.score,
                      "probabilities": a.probabilities.get("frame")} if frame else None,
            "myths": [{"myth": lab.label, "score": lab.score, "model": lab.model} for lab in a.labels
                      if lab.task == "myth"],
            "cues": [{"text": c.text, "kind": c.kind, "start": c.start, "end": c.end, "group": c.group,
                      "neutral": c.neutral} for c in a.cues],
            "labels": [{"task": lab.task, "label": lab.label, "score": lab.score, "model": lab.model,
                        "model_version": lab.model_version} for lab in a.labels],
            "warning": a.warning,
        }


class Analyzer:
    """Loads the Enricher (as the pipeline builds it) and, on first use, the counter-message Responder."""

    def __init__(self, settings: Settings):
        from nlp import Enricher

        self.settings = settings
        try:
            self.enricher = Enricher(settings.languages, settings.lexicon_path,
                                     classifier_dir=settings.classifier_dir,
                                     encoder_dir=settings.models_dir / "multilingual-e5-small",
                                     taxonomy_path=settings.myth_taxonomy_path, precision=settings.precision,
                                     device=settings.device)
        except (RuntimeError, OSError) as exc:
            raise VigiaError(f"cannot load the NLP components: {exc}") from None
        self.warnings = list(self.enricher.warnings)
        self._lock = threading.Lock()
        self._responder = None

    @property
    def classifier(self):
        return self.enricher.classifier

    @property
    def model_version(self) -> str:
        c = self.classifier
        return f"{c.name} {c.version}" if c is not None else "lexicon-only (no classifier installed)"

    def analyze(self, texts: list[str]) -> list[Analysis]:
        with self._lock:  # one batch at a time through the model
            annotations = self.enricher.annotate(list(texts))
        return [Analysis(text, annotation) for text, annotation in zip(texts, annotations)]

    def counter_messages(self, analysis: Analysis, limit: int = 3) -> dict[str, Any]:
        """Sourced responses for the myths found (as `vigia respond` chooses them)."""
        from vigia.counter.matching import Responder

        with self._lock:
            if self._responder is None:
                self._responder = Responder(self.settings)
            post = self._as_post(analysis, "api")
            suggestion = self._responder.suggest(analysis.text, post=post, limit=limit)
        return suggestion.to_dict()

    def keep(self, store, analyses: list[Analysis], user: str) -> int:
        """Store analyzed texts as posts of the platform `api` (only when the operator turned that on)."""
        posts = [self._as_post(a, f"api:{user}") for a in analyses]
        return len(store.upsert(posts).ids)

    def _as_post(self, analysis: Analysis, source: str) -> Post:
        from vigia.ingest.pipeline import apply_annotation, new_run_id

        now = utcnow()
        native = hashlib.sha256(analysis.text.encode()).hexdigest()[:32]
        post = Post(platform="api", native_id=native, id=make_post_id("api", native), source=source,
                    text=analysis.text, created_at=now, collected_at=now,
                    provenance=Provenance(collector="api", run_id=new_run_id(),
                                          raw_hash=payload_hash({"text": analysis.text})))
        return apply_annotation(post, analysis.annotation, now)

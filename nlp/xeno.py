"""The `vigia.xeno_e5` component as the Enricher runs it: hate, migration, frame and target labels per text.

When the encoder is not bootstrapped or no classifier is trained, `load_or_warn` returns a clear warning
and the Enricher keeps producing the lexicon-only annotation (language, targets, cues).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from nlp import encoder_folders
from nlp.classifier import ENCODER_DIRNAME, NAME, VERSION, Classifier
from nlp.encoder import ModelNotAvailable
from nlp.labels import ModelLabel

log = logging.getLogger(__name__)
__all__ = ["NAME", "VERSION", "load_or_warn", "classify"]
GENERAL_TARGET = "migrants"
NO_FRAME = "none"


def status(encoder_dir: Path, classifier_dir: Path) -> str:
    """Two or three lines: is the encoder bootstrapped, which classifier is installed, and whether the encoder that
    classifier was trained on is in place when it is not the bootstrapped one."""
    lines = [f"encoder: {encoder_dir} " + ("ready" if (encoder_dir / "model.safetensors").is_file()
                                           else "missing: run `vigia models bootstrap`")]
    manifest = classifier_dir / "manifest.json"
    if manifest.is_file():
        info = json.loads(manifest.read_text(encoding="utf-8"))
        lines.append(f"classifier: {info['name']} v{info['version']} ({info['mode']}), tasks "
                     f"{', '.join(info['tasks'])} in {classifier_dir}")
        if (info.get("encoder") or {}).get("folder"):
            problem = missing_encoder(encoder_dir, classifier_dir)
            where = encoder_folders.find(info, encoder_dir)
            lines.append(f"classifier's encoder: {encoder_folders.describe(info)} in {where} "
                         + (f"MISSING: {problem}" if problem else "ready"))
    else:
        lines.append(f"classifier: none in {classifier_dir}: run `vigia train hate migration`")
    return "\n".join(lines)


def missing_encoder(encoder_dir: Path, classifier_dir: Path) -> str | None:
    """Why the encoder the installed classifier needs is not there (None when it is, or no classifier is)."""
    manifest = Path(classifier_dir) / "manifest.json"
    if not manifest.is_file():
        return None
    info = json.loads(manifest.read_text(encoding="utf-8"))
    path = encoder_folders.find(info, Path(encoder_dir))
    return None if encoder_folders.encoder_ready(path) else encoder_folders.missing_message(info, path)


def load_or_warn(classifier_dir: Path, encoder_dir: Path | None, precision: str = "fp32", device: str = "auto"
                 ) -> tuple[Classifier | None, str | None]:
    encoder_dir = Path(encoder_dir) if encoder_dir is not None else Path(classifier_dir).parent / ENCODER_DIRNAME
    try:
        return Classifier(classifier_dir, encoder_dir, precision=precision, device=device), None
    except ModelNotAvailable as exc:
        return None, (f"{NAME}: {exc}; posts get the lexicon-only annotation (language, targets, cues) "
                      "until then")
    except Exception as exc:  # a broken model folder must not stop the pipeline
        return None, f"{NAME}: cannot load the classifier ({type(exc).__name__}: {exc}); lexicon-only annotation"


class Embeddings:
    """The classifier's encoder as an embedder of unit query vectors (the myth detector's similarity)."""

    def __init__(self, classifier: Classifier):
        self.classifier = classifier

    def query(self, texts: list[str]) -> np.ndarray:
        return unit(self.classifier.embed(list(texts)))


def unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def classify(classifier: Classifier, texts: list[str], annotations: list) -> np.ndarray | None:
    """Add the model's labels to each annotation in place and return the texts' unit embeddings (one encoder
    pass serves every head); a failing batch gets a warning and None, never an error."""
    version = f"{VERSION}+{classifier.name}.{classifier.version}"
    try:
        emb = classifier.embed(texts)
        predictions = classifier.predict(texts, [a.language for a in annotations], emb=emb)
    except Exception as exc:
        log.warning("%s failed on a batch of %d texts: %s", NAME, len(texts), exc)
        for a in annotations:
            a.warning = a.warning or f"{NAME} failed: {exc}"
        return None
    migration = predictions.get("migration")
    for i, annotation in enumerate(annotations):
        about_migration = migration is not None and migration[i].label == "migration"
        for task, results in predictions.items():
            annotation.probabilities[task] = _distribution(classifier, task, results[i])
            if task == "frame" and not about_migration:
                # frames describe how migrants are talked about: a post on another topic frames no one
                p_none = _frame_none_score(results[i], migration[i] if migration is not None else None)
                annotation.labels.append(ModelLabel(task, NO_FRAME, round(p_none, 4), NAME, version))
                continue
            if task == "myth" and not about_migration:
                continue  # no myth is carried by a post that is not about migration
            if results[i].labels is not None:  # multi-label (myth): one label per myth over its threshold
                for label, score in results[i].labels:
                    annotation.labels.append(ModelLabel(task, label, round(score, 4), NAME, version))
                continue
            annotation.labels.append(ModelLabel(task, results[i].label, round(results[i].score, 4), NAME, version))
        if migration is not None:
            # target: the gazetteer says who is mentioned, the model whether the post is about migration
            p = migration[i].positive_score if migration[i].positive_score is not None else 0.0
            groups = annotation.targets or ([GENERAL_TARGET] if about_migration else [])
            for group in groups:
                annotation.labels.append(ModelLabel("target", group, round(p, 4), NAME, version))
    return unit(emb)


def _distribution(classifier: Classifier, task: str, result) -> dict[str, float]:
    """Every label's calibrated probability (multi-label: each trained label's own), whatever was decided."""
    if result.distribution is not None:
        return {label: round(p, 4) for label, p in result.distribution.items()}
    negative, positive = classifier.manifest["tasks"][task]["labels"]
    return {negative: round(1.0 - result.positive_score, 4), positive: round(result.positive_score, 4)}


def _frame_none_score(frame, migration) -> float:
    """P(no frame) for a post judged not about migration: P(not migration) + P(migration) · P(none | migration)."""
    p_migration = migration.positive_score if migration is not None and migration.positive_score is not None else 0.0
    p_none_given = frame.distribution[NO_FRAME] if frame.distribution else float(frame.label == NO_FRAME)
    return (1.0 - p_migration) + p_migration * p_none_given

"""Why a post was flagged: the gazetteer and myth cues it matched and, when a classifier is installed, the
words whose removal lowers its hate and migration scores most (occlusion, see nlp/explain.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from vigia.model import Cue, Post
from vigia.settings import Settings

_loaded: dict[tuple[Path, Path, float], object] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class WordDrop:
    word: str
    drop: float  # how much the positive score falls without the word


@dataclass(frozen=True)
class TaskExplanation:
    task: str
    label: str  # the task's positive label (hateful, migration)
    score: float  # the classifier's probability of that label for the whole text
    words: list[WordDrop]  # words whose removal lowers the score, largest drop first


@dataclass(frozen=True)
class Explanation:
    text: str  # the text the classifier reads (title and text, as the pipeline classifies them)
    cues: list[Cue]
    tasks: dict[str, TaskExplanation] = field(default_factory=dict)
    note: str | None = None  # why there is no occlusion, when there is none
    model: str | None = None  # the classifier the occlusion used (name and version)


def load_classifier(settings: Settings):
    """(classifier, None) or (None, why not); a loaded classifier is kept for the life of the process."""
    from nlp.classifier import ENCODER_DIRNAME, Classifier, ModelNotAvailable

    classifier_dir = Path(settings.classifier_dir).resolve()
    encoder_dir = (Path(settings.models_dir) / ENCODER_DIRNAME).resolve()
    manifest = classifier_dir / "manifest.json"
    key = (classifier_dir, encoder_dir, manifest.stat().st_mtime if manifest.is_file() else 0.0, settings.precision)
    with _lock:
        if key not in _loaded:
            try:
                _loaded[key] = Classifier(classifier_dir, encoder_dir, precision=settings.precision,
                                          device=settings.device)
            except ModelNotAvailable as exc:  # not kept: a model installed later is used without a restart
                return None, str(exc)
            except Exception as exc:  # a broken model folder gives a note, not a failed page
                return None, f"cannot load the classifier in {classifier_dir} ({type(exc).__name__}: {exc})"
        return _loaded[key], None


def text_cues(settings: Settings, text: str) -> list[Cue]:
    """The cues the pipeline's enricher finds in a text (targets, migration terms, slurs, framings)."""
    from nlp import Enricher

    annotation = Enricher(settings.languages, settings.lexicon_path).annotate([text])[0]
    return [Cue(**vars(cue)) for cue in annotation.cues]


def explain_text(settings: Settings, text: str, cues: list[Cue] | None = None, occlusion: bool = True,
                 top: int = 10) -> Explanation:
    """Cues (found in the text unless given) and, with `occlusion`, the top words per binary task."""
    cues = text_cues(settings, text) if cues is None else cues
    if not occlusion:
        return Explanation(text, cues)
    if not text.strip():
        return Explanation(text, cues, note="the post has no text left to explain")
    classifier, why_not = load_classifier(settings)
    if classifier is None:
        return Explanation(text, cues, note=f"no classifier: only the cues explain this text; {why_not}")
    from nlp.explain import occlude

    tasks = {task: TaskExplanation(task, o.label, round(o.score, 4),
                                   [WordDrop(w.word, round(w.drop, 4)) for w in o.top(top)])
             for task, o in occlude(classifier, text).items()}
    return Explanation(text, cues, tasks, model=f"{classifier.name} v{classifier.version}")


def explain_post(settings: Settings, post: Post, occlusion: bool = True, top: int = 10) -> Explanation:
    """The post's stored cues and, with `occlusion`, the words that hold up its scores."""
    return explain_text(settings, post.classified_text, cues=list(post.cues), occlusion=occlusion, top=top)

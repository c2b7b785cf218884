"""Occlusion: which words of a text hold up a classifier's score.

Each distinct word (up to `max_words`, in order of first appearance) is removed from the text, every
occurrence at once; all perturbed texts and the original go through the encoder in one batched call, and
the words are ranked by how much their removal lowers the calibrated probability of the task's positive
label (hate: hateful, migration: migration).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.classifier import Classifier
from nlp.labels import MULTI_LABEL, TASK_LABELS

MAX_WORDS = 40
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class WordDrop:
    word: str  # as first written in the text
    spans: tuple[tuple[int, int], ...]  # every occurrence removed together
    drop: float  # positive score of the text minus that of the text without the word


@dataclass(frozen=True)
class Occlusion:
    task: str
    label: str  # the task's positive label
    score: float  # its calibrated probability for the whole text
    words: list[WordDrop]  # largest drop first

    def top(self, n: int = 10) -> list[WordDrop]:
        """The n words whose removal lowers the score most (only those that lower it)."""
        return [w for w in self.words if w.drop > 0][:n]


def binary_tasks(classifier: Classifier) -> list[str]:
    """The classifier's tasks with one positive label (the ones occlusion can explain)."""
    return [task for task in classifier.tasks if task not in MULTI_LABEL and len(TASK_LABELS.get(task, ())) == 2]


def word_spans(text: str, max_words: int = MAX_WORDS) -> dict[str, list[tuple[int, int]]]:
    """Distinct words (case-folded) → their spans, in order of first appearance, at most `max_words`."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD.finditer(text):
        key = match.group().casefold()
        if key not in found and len(found) >= max_words:
            continue
        found.setdefault(key, []).append(match.span())
    return found


def without(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """The text with the spans cut out, and the blank each leaves collapsed to one space."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()


def positive_scores(classifier: Classifier, texts: list[str], tasks: list[str]) -> dict[str, list[float]]:
    """Calibrated probability of each task's positive label for each text, from one batched encoder call."""
    embeddings = classifier.embed(texts)
    return {task: [float(p[1]) for p in classifier.probabilities(embeddings, task, texts)] for task in tasks}


def occlude(classifier: Classifier, text: str, tasks: list[str] | None = None,
            max_words: int = MAX_WORDS) -> dict[str, Occlusion]:
    """For each binary task, the text's words ranked by how much removing them lowers the positive score."""
    tasks = [t for t in (tasks or binary_tasks(classifier)) if t in binary_tasks(classifier)]
    if not tasks or not text.strip():
        return {}
    spans = word_spans(text, max_words)
    texts = [text] + [without(text, occurrences) for occurrences in spans.values()]
    scores = positive_scores(classifier, texts, tasks)
    result = {}
    for task in tasks:
        full, perturbed = scores[task][0], scores[task][1:]
        drops = [WordDrop(text[occ[0][0]:occ[0][1]], tuple(occ), round(full - score, 6))
                 for occ, score in zip(spans.values(), perturbed)]
        drops.sort(key=lambda w: -w.drop)
        result[task] = Occlusion(task, TASK_LABELS[task][1], full, drops)
    return result

"""Human judgements: stored as labels of the model `human:<annotator>`, never replacing a model's label."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from vigia.model import HUMAN, Label, Post, utcnow
from vigia.store import Store


def is_human(label: Label) -> bool:
    return label.model.startswith(HUMAN)


def record_judgement(store: Store, post_id: str, task: str, label: str, annotator: str) -> Post:
    """Store one annotator's label for a post's task (their earlier label for it is replaced)."""
    post = store.get(post_id)
    if post is None:
        raise KeyError(post_id)
    judgement = Label(task=task, label=label, score=1.0, model=f"{HUMAN}{annotator}", model_version="1",
                      labelled_at=utcnow())
    updated = post.model_copy(update={"labels": [*post.labels, judgement]})
    store.upsert([updated])
    return store.get(post_id)


def judged_by(post: Post, task: str, annotator: str) -> bool:
    return any(lab.task == task and lab.model == f"{HUMAN}{annotator}" for lab in post.labels)


def cohens_kappa(posts: Iterable[Post], task: str) -> tuple[float | None, int]:
    """Cohen's kappa over posts judged by exactly two annotators (first two if more); (kappa, pairs)."""
    pairs = []
    for post in posts:
        human = sorted((lab for lab in post.labels if lab.task == task and is_human(lab)), key=lambda l: l.model)
        if len(human) >= 2:
            pairs.append((human[0].label, human[1].label))
    if not pairs:
        return None, 0
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in set(first) | set(second)) / len(pairs) ** 2
    if expected == 1:
        return 1.0, len(pairs)
    return (observed - expected) / (1 - expected), len(pairs)

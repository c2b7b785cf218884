"""The team's judgements as training data: `vigia train --with-reviews` and the installation of a model that wins.

A reviewed post becomes a training example of each task people judged on it: an admin's adjudication where there
is one, else the judges' majority (a tie teaches nothing). A seeded random share of the reviewed posts is kept out
of training: the held-out set of the deployment's own posts on which the candidate and the model in use are
compared with the model card's release rule (nlp/comparison.py). A candidate that wins is installed as a new
model version (every label it writes records it); the model it replaces is kept under `<models_dir>/retired/`,
and its manifest and held-out figures under `history/` of the installed folder, so that the estimates of the posts
it labelled keep its error rates (vigia.analysis.estimates).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vigia.errors import InputError, ModelError
from vigia.model import Post
from vigia.labels.review import MYTH, adjudication, judgements, myths_of
from vigia.store import Store

DATASET = "reviews"  # the dataset name of the deployment's reviewed posts (cells `reviews/<language>`)
MIN_JUDGED_POSTS = 20  # judged posts a task needs before --with-reviews trains on it
HISTORY = "history"  # folder of the installed model keeping the cards of the versions it replaced
CARD_FILES = ("manifest.json", "evaluation.json", "EVALUATION.md")
NO_LANGUAGE = "other"


@dataclass(frozen=True)
class Judged:
    """A reviewed post with the label people gave it for each task they judged."""

    post_id: str
    text: str
    language: str
    labels: dict[str, str]


def reviewed_label(post: Post, task: str) -> str | None:
    """People's label of a task for a post: the adjudication, else the judges' majority; None if unjudged or tied.
    A myth judgement's label is the sorted, comma-joined myths (`none` for none), as the classifier's training
    data spells a multi-label example."""
    final = adjudication(post, task)
    said = [final.label] if final is not None else [lab.label for lab in judgements(post, task).values()]
    if not said:
        return None
    if task == MYTH:
        said = [",".join(sorted(myths_of(value))) or "none" for value in said]
    (top, votes), *rest = Counter(said).most_common()
    if rest and rest[0][1] == votes:
        return None
    return top


def judged_posts(store: Store, tasks: list[str]) -> list[Judged]:
    """Every post of the store people judged for one of `tasks`, with their labels (posts without text left out)."""
    found = []
    for post in store.human_labelled_posts():
        text = post.classified_text if post.text_removed_at is None else ""
        labels = {task: label for task in tasks if (label := reviewed_label(post, task)) is not None}
        if labels and text.strip():
            found.append(Judged(post.id, text, post.language or NO_LANGUAGE, labels))
    return sorted(found, key=lambda j: j.post_id)


def held_out(post_id: str, share: float, seed: int) -> bool:
    """Whether a judged post is kept out of training (seeded: the same posts for the same seed)."""
    digest = hashlib.sha256(f"{seed}:{post_id}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF < share


def split_judged(judged: list[Judged], tasks: list[str], share: float, seed: int
                 ) -> tuple[dict[str, list[Judged]], dict[str, list[Judged]], dict[str, str]]:
    """(train, held out, why others are left out): task → judged posts, for the tasks with enough judgements of
    more than one label on both sides; a clear error when no task has."""
    train: dict[str, list[Judged]] = {}
    test: dict[str, list[Judged]] = {}
    skipped: dict[str, str] = {}
    for task in tasks:
        mine = [j for j in judged if task in j.labels]
        kept = [j for j in mine if held_out(j.post_id, share, seed)]
        learned = [j for j in mine if not held_out(j.post_id, share, seed)]
        if len(mine) < MIN_JUDGED_POSTS:
            skipped[task] = f"{len(mine)} judged posts"
        elif min(len({j.labels[task] for j in part}) for part in (kept, learned)) < 2:
            skipped[task] = f"{len(mine)} judged posts, one label only on the training or held-out side"
        else:
            train[task], test[task] = learned, kept
    if not train:
        raise InputError("too few judgements to train with: " + "; ".join(f"{t} {why}" for t, why in skipped.items())
                         + f" (a task needs at least {MIN_JUDGED_POSTS}, of more than one label, with "
                         f"{share:.0%} held out; review more in Revisión)")
    return train, test, skipped


def as_examples(judged: list[Judged], task: str, split: str):
    """nlp Examples of the task (dataset `reviews`), as the classifier's training and comparison read them."""
    from nlp.datasets import Example

    return [Example(f"{DATASET}:{j.post_id}", j.text, j.language, DATASET, split, {task: j.labels[task]})
            for j in judged]


# --- versions and installation --------------------------------------------------------------------------------


def read_manifest(model_dir: Path) -> dict:
    path = model_dir / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no model in use in {model_dir} to compare the candidate with (set classifier_dir)") \
            from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from None


def next_version(version: str) -> str:
    """The version after `version`: 1 → 2; a version that is not a number gets `.1` (then .2, …)."""
    if version.isdigit():
        return str(int(version) + 1)
    head, dot, tail = version.rpartition(".")
    return f"{head}.{int(tail) + 1}" if dot and tail.isdigit() and head else f"{version}.1"


def set_version(model_dir: Path, version: str, reviews: dict) -> None:
    """Record the candidate's version and the judgements it learned from in its manifest."""
    manifest = read_manifest(model_dir)
    manifest["version"] = version
    manifest["reviews"] = reviews
    (model_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")


def model_key(manifest: dict) -> str:
    """`<name>.<version>`: how a label's model_version (`<component version>+<name>.<version>`) names the model."""
    return f"{manifest['name']}.{manifest['version']}"


def install(candidate: Path, classifier_dir: Path, retired_root: Path) -> Path:
    """Put the candidate in classifier_dir; the replaced model goes to retired_root/<name>.<version> and its card
    (manifest and held-out figures) to classifier_dir/history/<name>.<version>/. Returns the retired folder."""
    old = read_manifest(classifier_dir)
    key = model_key(old)
    retired = retired_root / key
    if retired.exists():
        shutil.rmtree(retired)
    retired.parent.mkdir(parents=True, exist_ok=True)
    staged = classifier_dir.with_name(f".{classifier_dir.name}.installing")
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(candidate, staged, ignore=shutil.ignore_patterns(HISTORY))
    history = staged / HISTORY
    if (classifier_dir / HISTORY).is_dir():
        shutil.copytree(classifier_dir / HISTORY, history)
    (history / key).mkdir(parents=True, exist_ok=True)
    for name in CARD_FILES:
        if (classifier_dir / name).is_file():
            shutil.copy2(classifier_dir / name, history / key / name)
    shutil.move(str(classifier_dir), str(retired))
    staged.rename(classifier_dir)
    return retired


def card_dir(classifier_dir: Path, key: str) -> Path | None:
    """The folder holding the card of the model `<name>.<version>`: the installed one, or one it replaced."""
    try:
        if model_key(json.loads((classifier_dir / "manifest.json").read_text(encoding="utf-8"))) == key:
            return classifier_dir
    except (OSError, ValueError, KeyError):
        return None
    found = classifier_dir / HISTORY / key
    return found if found.is_dir() else None


def label_model_key(model_version: str) -> str | None:
    """The `<name>.<version>` of the classifier a label's model_version names (`1+vigia-xeno-e5.2`), or None for
    a label no trained classifier wrote (the language identifier, the lexicon, a person)."""
    _, plus, key = model_version.partition("+")
    name, dot, version = key.rpartition(".")
    return key if plus and dot and name and version else None  # `1+cues`: the taxonomy's cues, no classifier


def labelled_by_another_model(post: Post, key: str) -> bool:
    """Whether a classifier other than the model `key` wrote one of the post's labels (an older version)."""
    from vigia.model import HUMAN

    return any(not lab.model.startswith(HUMAN) and label_model_key(lab.model_version) not in (None, key)
               for lab in post.labels)

"""Human judgements: stored as labels of the model `human:<annotator>`, never replacing a model's label.

Two ways to review. The *queue* shows the posts the model is least sure of first (to improve the model). The
*validation* mode shows a uniform random sample of the posts within the filters, seeded so that it is the same
on every reload, sized per language for the precision an estimate needs; these judgements measure the model's
error rates (vigia.analysis.estimates prefers them). A configurable share of each reviewer's validation posts is judged by
a second reviewer too, for Cohen's kappa per reviewer pair; an admin adjudicates where the two disagree, and the
adjudication is the post's final label.

Myths are one judgement per annotator: the comma-joined myths the post repeats (`none` for none), so a
reviewer confirms or rejects each myth the model found and adds those it missed.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from vigia.model import HUMAN, Label, Post, ReviewSample, utcnow
from vigia.store import Filters, Store

MYTH = "myth"
NO_MYTH = "none"
ADJUDICATION = "adjudication"
ADJUDICATED_BY = "#adjudication"  # an adjudication's model is human:<admin>#adjudication, beside their own label
Z_95 = 1.959964
WORST_CASE_SHARE = 0.5  # p(1 - p) is largest here: the sample is big enough whatever the share turns out to be
NO_LANGUAGE = "other"


def is_human(label: Label) -> bool:
    return label.model.startswith(HUMAN)


def is_adjudication(label: Label) -> bool:
    return is_human(label) and label.sample == ADJUDICATION


def annotator_of(label: Label) -> str:
    return label.model.removeprefix(HUMAN).removesuffix(ADJUDICATED_BY)


def myth_value(myths: Iterable[str]) -> str:
    """The label of a myth judgement: the myths, sorted and comma-joined, or `none`."""
    return ",".join(sorted(set(myths))) or NO_MYTH


def myths_of(value: str) -> set[str]:
    """The myths a myth judgement's label names."""
    return set() if value in ("", NO_MYTH) else set(value.split(","))


def labels_said(label: Label) -> set[str]:
    """What a judgement says a post is: its label, or each myth of a myth judgement."""
    return myths_of(label.label) if label.task == MYTH else {label.label}


def record_judgement(store: Store, post_id: str, task: str, label: str, annotator: str,
                     sample: ReviewSample = "queue") -> Post:
    """Store one annotator's label for a post's task (their earlier label for it is replaced)."""
    post = store.get(post_id)
    if post is None:
        raise KeyError(post_id)
    model = f"{HUMAN}{annotator}{ADJUDICATED_BY if sample == ADJUDICATION else ''}"
    judgement = Label(task=task, label=label, score=1.0, model=model, model_version="1", labelled_at=utcnow(),
                      sample=sample)
    kept = [lab for lab in post.labels if (lab.task, lab.model) != (task, model)]
    store.upsert([post.model_copy(update={"labels": [*kept, judgement]})])
    return store.get(post_id)


def adjudicate(store: Store, post_id: str, task: str, label: str, admin: str) -> Post:
    """An admin's final label for a post its judges disagree on; estimates and agreement read it as the truth."""
    return record_judgement(store, post_id, task, label, admin, sample=ADJUDICATION)


def judgements(post: Post, task: str, sample: ReviewSample | None = None) -> dict[str, Label]:
    """The judges' labels of a task by annotator (adjudications apart), of one review mode if given."""
    return {annotator_of(lab): lab for lab in post.labels
            if lab.task == task and is_human(lab) and not is_adjudication(lab)
            and (sample is None or lab.sample == sample)}


def adjudication(post: Post, task: str) -> Label | None:
    found = [lab for lab in post.labels if lab.task == task and is_adjudication(lab)]
    return max(found, key=lambda lab: lab.labelled_at) if found else None


def judged_by(post: Post, task: str, annotator: str, sample: ReviewSample | None = None) -> bool:
    return annotator in judgements(post, task, sample)


def disagrees(post: Post, task: str) -> bool:
    """Two or more judges gave different labels and no admin has adjudicated yet."""
    return len({lab.label for lab in judgements(post, task).values()}) > 1 and adjudication(post, task) is None


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels of the same items."""
    if not pairs:
        return None
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in set(first) | set(second)) / len(pairs) ** 2
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def kappa_by_pair(posts: Iterable[Post], task: str) -> dict[tuple[str, str], tuple[float | None, int]]:
    """Cohen's kappa of every pair of annotators over the posts both judged: {(a, b): (kappa, posts)}, a < b."""
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for post in posts:
        judged = judgements(post, task)
        names = sorted(judged)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                pairs[(first, second)].append((judged[first].label, judged[second].label))
    return {pair: (kappa(found), len(found)) for pair, found in sorted(pairs.items())}


def cohens_kappa(posts: Iterable[Post], task: str) -> tuple[float | None, int]:
    """Cohen's kappa over posts judged by two annotators or more (the first two by name); (kappa, pairs)."""
    pairs = []
    for post in posts:
        judged = judgements(post, task)
        if len(judged) >= 2:
            first, second = sorted(judged)[:2]
            pairs.append((judged[first].label, judged[second].label))
    return kappa(pairs), len(pairs)


# --- the validation sample ---------------------------------------------------------------------------------


def sample_size(margin: float, share: float = WORST_CASE_SHARE, z: float = Z_95) -> int:
    """Posts to judge for a ±margin interval on a share: n = z² p (1 − p) / margin²."""
    return math.ceil(z * z * share * (1 - share) / (margin * margin))


def unit_hash(*parts: object) -> float:
    """A number in [0, 1) fixed by its parts: uniform over posts, the same on every run."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def language_of(post: Post) -> str:
    return post.language or NO_LANGUAGE


def validation_sample(store: Store, filters: Filters, size: int, seed: int) -> dict[str, list[str]]:
    """Each language's sample: the `size` posts within the filters of smallest seeded hash of their id (a uniform
    random sample, the same on every call while the posts are the same), as post ids in sample order."""
    kept: dict[str, list[tuple[float, str]]] = defaultdict(list)  # a max-heap (negated) of the smallest hashes
    for post in store.iter_posts(filters):
        heap = kept[language_of(post)]
        key = (-unit_hash(seed, post.id), post.id)
        if len(heap) < size:
            heapq.heappush(heap, key)
        elif key > heap[0]:
            heapq.heapreplace(heap, key)
    return {lang: [post_id for _, post_id in sorted(heap, reverse=True)] for lang, heap in sorted(kept.items())}


def is_shared(post_id: str, seed: int, overlap_share: float) -> bool:
    """Whether a post of the sample is one that two reviewers judge."""
    return unit_hash(seed, "shared", post_id) < overlap_share


def judges_needed(post_id: str, seed: int, overlap_share: float) -> int:
    return 2 if is_shared(post_id, seed, overlap_share) else 1


def next_for_reviewer(posts: Iterable[Post], task: str, reviewer: str, seed: int, overlap_share: float,
                      count: int) -> list[Post]:
    """The next `count` sample posts for a reviewer, in the reviewer's own random order.

    A post needs one validation judge, or two if it is shared. The reviewer takes a shared post whenever their
    share of shared posts falls below `overlap_share`, preferring one a colleague already judged (so the pair
    completes), otherwise a post nobody has judged; so `overlap_share` of each reviewer's sample is judged by
    another reviewer too.
    """
    posts = list(posts)
    mine = [p for p in posts if judged_by(p, task, reviewer, "validation")]
    shared_done = sum(is_shared(p.id, seed, overlap_share) for p in mine)
    open_shared, open_single = [], []
    for post in posts:
        judges = judgements(post, task, "validation")
        if reviewer in judges or len(judges) >= judges_needed(post.id, seed, overlap_share):
            continue
        order = unit_hash(seed, reviewer, post.id)
        if is_shared(post.id, seed, overlap_share):
            open_shared.append((-len(judges), order, post))  # half-judged pairs first
        else:
            open_single.append((order, post))
    open_shared.sort(key=lambda item: item[:2])
    open_single.sort(key=lambda item: item[0])
    chosen, done = [], len(mine)
    shared_iter, single_iter = iter(p for *_, p in open_shared), iter(p for _, p in open_single)
    for _ in range(count):
        want_shared = shared_done < overlap_share * (done + 1)
        first, second = (shared_iter, single_iter) if want_shared else (single_iter, shared_iter)
        post = next(first, None)
        if post is None:
            post = next(second, None)
            want_shared = not want_shared
        if post is None:
            break
        chosen.append(post)
        done += 1
        shared_done += want_shared
    return chosen


@dataclass(frozen=True)
class Progress:
    """How far a language's validation sample is judged for a task."""

    language: str
    needed: int  # posts the ±margin interval needs
    sampled: int  # posts in the sample (fewer than needed where the filters hold fewer)
    judged: int  # sample posts with at least one validation judgement
    double_judged: int  # sample posts judged by two reviewers or more


def progress(sample: dict[str, list[Post]], task: str, needed: int) -> list[Progress]:
    out = []
    for lang, posts in sample.items():
        judges = [len(judgements(p, task, "validation")) for p in posts]
        out.append(Progress(lang, needed, len(posts), sum(n >= 1 for n in judges), sum(n >= 2 for n in judges)))
    return out

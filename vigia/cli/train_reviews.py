"""`vigia train --with-reviews`: the store's judgements join the training data; the candidate is installed only
where it clearly beats the model in use on the deployment's own held-out posts (see vigia/labels/review_training.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vigia.errors import InputError, ModelError
from vigia.settings import Settings
from vigia.store import open_store

COMPARISON_FILE = "REVIEWS-COMPARISON.md"


@dataclass
class Reviews:
    """The judgements a run learned from and those it kept out, by task."""

    trained: dict[str, int]
    held_out: dict  # task → nlp Examples of the held-out judged posts
    share: float
    seed: int
    skipped: dict[str, str]  # tasks trained without judgements, and why


def add_reviews(settings: Settings, tasks: list[str], train_sets: dict, share: float, seed: int) -> Reviews:
    """Add the store's judged posts (all but the held-out share) to `train_sets`; a judged post's label replaces a
    dataset's label of the same text."""
    from vigia.labels.review_training import as_examples, judged_posts, read_manifest, split_judged

    in_use = read_manifest(settings.classifier_dir)
    lacking = [t for t in in_use.get("tasks", {}) if t not in tasks]
    if lacking:
        raise InputError(f"the model in use in {settings.classifier_dir} also has {', '.join(lacking)}: train "
                         f"every task it has (or `all`), so that the new model can replace it")
    with open_store(settings.resolved_store_url) as store:
        judged = judged_posts(store, tasks)
    train, test, skipped = split_judged(judged, tasks, share, seed)
    for task in train:
        mine = as_examples(train[task], task, "train")
        reviewed = {e.text for e in mine} | {j.text for j in test[task]}
        train_sets[task] = [e for e in train_sets[task] if e.text not in reviewed] + mine
    return Reviews({t: len(train[t]) for t in train}, {t: as_examples(test[t], t, "test") for t in test}, share,
                   seed, skipped)


def release(settings: Settings, candidate: Path, reviews: Reviews) -> str:
    """Compare the candidate with the model in use on the held-out judged posts (the model card's release rule);
    install it as a new version if it wins clearly. The one-line verdict."""
    from nlp import comparison
    from nlp.classifier import Classifier, ModelNotAvailable
    from vigia.cli.model_support import encoder_dir
    from vigia.labels.review_training import install, model_key, next_version, read_manifest, set_version

    in_use = settings.classifier_dir
    old = read_manifest(in_use)
    version = next_version(str(old["version"]))
    n_held = {task: len(examples) for task, examples in reviews.held_out.items()}
    set_version(candidate, version, {"trained_on": reviews.trained, "held_out": n_held,
                                     "holdout_share": reviews.share, "seed": reviews.seed})
    try:
        new_clf, old_clf = (Classifier(d, encoder_dir(settings), precision="fp32",
                                       cache_dir=settings.models_dir / "cache", device=settings.device)
                            for d in (candidate, in_use))
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    missing = [t for t in reviews.held_out if t not in old_clf.tasks]
    if missing:
        raise ModelError(f"the model in use in {in_use} has no {', '.join(missing)} head to compare with")
    result = comparison.compare(new_clf, old_clf, reviews.held_out)
    (candidate / COMPARISON_FILE).write_text(
        comparison.markdown(result, f"candidate {model_key(read_manifest(candidate))}",
                            f"in use {model_key(old)}") + "\n", encoding="utf-8")
    (candidate / COMPARISON_FILE).with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n",
                                                                  encoding="utf-8")
    held = ", ".join(f"{n} {task}" for task, n in n_held.items()) + "".join(
        f"; {task} trained without judgements ({why})" for task, why in reviews.skipped.items())
    verdict = result["verdict"]
    if not verdict["ship"]:
        why = (f"clearly worse on {', '.join(verdict['clearly_worse_on_real_es_pt'])}"
               if verdict["clearly_worse_on_real_es_pt"] else "not clearly better in Spanish")
        return (f"kept the model in use ({model_key(old)}): the candidate is {why} on the held-out judged posts "
                f"({held}; {_deltas(result)}); candidate left in {candidate}, comparison in "
                f"{candidate / COMPARISON_FILE}")
    retired = install(candidate, in_use, settings.models_dir / "retired")
    return (f"installed {old['name']} version {version} in {in_use}: clearly better on "
            f"{', '.join(verdict['clearly_better_in_spanish'])} of the held-out judged posts ({held}; "
            f"{_deltas(result)}); the replaced model is in {retired}; run `vigia classify --outdated` to re-label "
            "the posts it labelled")


def _deltas(result: dict) -> str:
    parts = []
    for task, r in result.items():
        if task == "verdict":
            continue
        key = "micro_f1" if "micro_f1" in r["candidate"]["overall"] else "macro_f1"
        d = r["difference"]["overall"]
        parts.append(f"{task} {key.replace('_f1', '-F1')} {r['in_use']['overall'][key]:.3f} → "
                     f"{r['candidate']['overall'][key]:.3f}, Δ 95% {d['ci95'][0]:+.3f} to {d['ci95'][1]:+.3f}")
    return "; ".join(parts)

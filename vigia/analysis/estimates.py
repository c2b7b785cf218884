"""Prevalence estimates corrected for the classifier's errors (quantification), with bootstrap intervals.

Classify-and-count (the share of posts the model labels L) is biased whenever the model errs: it over-counts a
rare label when the model has false positives, and it moves whenever the mix of posts moves. The estimates here
correct it with the classifier's error rates, measured on a *validation sample*: posts judged by people (labels
of the model `human:<annotator>` in the store; those of Revisión's validation mode, a uniform random sample, where
there are enough, and an admin's adjudication decides a post its judges disagree on), per language where there
are enough judgements, otherwise the held-out figures of the model card (`evaluation.json` beside the
classifier), and they say which.

Each post is corrected with the error rates of the model version that labelled it: after `vigia train
--with-reviews` installs a new version, the posts an older version labelled (until `vigia classify --outdated`
re-labels them) form strata of their own, with the judgements of posts that version labelled, else that version's
card (kept in `history/` of the installed model), and `error_rates_from` names each version.

The quantification methods are QuaPy's (ACC, PACC, EMQ/SLD with BCTS recalibration, HDy), applied to the scores
and decisions the pipeline already stored: `stored_outputs()` hands them to QuaPy as a fitted classifier would.
The 95 % interval is a percentile bootstrap that resamples both the validation sample (within each true class)
and the posts estimated, so it carries the uncertainty of the error rates as well as the sampling of the posts.

Everything goes through the Store interface (`iter_posts`, `human_labelled_posts`), so every backend gives the
same figures.
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import numpy as np

from vigia.errors import InputError, ModelError, VigiaError
from vigia.labels.review import adjudication, judgements, labels_said
from vigia.labels.review_training import card_dir, label_model_key, model_key
from vigia.model import HUMAN, Post
from vigia.store import Filters, Store

METHODS = ("acc", "pacc", "emq", "hdy")
DEFAULT_METHOD = "pacc"
MIN_JUDGEMENTS_PER_CLASS = 30  # human judgements of each class a language needs before its own error rates are used
RESAMPLES = 200
TABLE_RESAMPLES = 100  # the console's tables of many estimates (one per myth)
CONFIDENCE = 0.95
SEED = 13
Period = Literal["day", "week", "month"]
Progress = Callable[[Iterator[Post], int], Iterator[Post]]  # wraps the posts read, given how many there are
XENOPHOBIC = "xenophobic"  # hateful among the posts the model labels as being about migration
XENOPHOBIC_PARTS = ("hate", "hateful", ("migration", "migration"))
MYTH = "myth"  # a myth's share is among the posts about migration too
NO_LANGUAGE = "other"
VERSION_SEP = "@"  # a stratum of posts an older model labelled: <language>@<name>.<version>


@dataclass(frozen=True)
class Target:
    """What is estimated: the share of posts whose true label of `task` is `label`, among the posts the
    model gives the label `within` (task, label) when set."""

    task: str
    label: str
    within: tuple[str, str] | None = None
    name: str = ""
    binary_negative: str | None = None  # the other label of a two-label task
    multi_label: bool = False

    @property
    def title(self) -> str:
        return self.name or f"{self.task}={self.label}"


@dataclass
class Outputs:
    """The classifier's outputs for some posts: did it give the label, and its probability of the label."""

    decisions: np.ndarray  # bool
    scores: np.ndarray  # float in [0, 1]

    def __len__(self) -> int:
        return len(self.decisions)


@dataclass
class Validation:
    """Classifier outputs and the true labels (bool) of a validation sample, and where it came from."""

    outputs: Outputs
    truth: np.ndarray
    source: Literal["validation sample", "model card"]
    validation_mode: bool = False  # judged in Revisión's validation mode only (else every human judgement)

    @property
    def positives(self) -> int:
        return int(self.truth.sum())

    @property
    def negatives(self) -> int:
        return int((~self.truth).sum())


@dataclass
class Estimate:
    estimate: float
    ci_low: float
    ci_high: float
    classify_and_count: float
    method: str
    n_posts: int
    error_rates_from: str
    period: str | None = None
    by_language: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.period is None:
            data.pop("period")
        return data


def stored_outputs():
    """A fitted scikit-learn classifier, as QuaPy expects one, whose outputs the pipeline already computed.

    Its input X has two columns: the stored probability of the label, and the stored decision (0/1).
    """
    from sklearn.base import BaseEstimator, ClassifierMixin

    class StoredOutputs(ClassifierMixin, BaseEstimator):
        classes_ = np.array([0, 1])

        def fit(self, X, y) -> StoredOutputs:
            return self

        def __sklearn_is_fitted__(self) -> bool:
            return True

        def predict(self, X: np.ndarray) -> np.ndarray:
            return X[:, 1].astype(int)

        def predict_proba(self, X: np.ndarray) -> np.ndarray:
            return np.column_stack([1.0 - X[:, 0], X[:, 0]])

    return StoredOutputs()


def features(outputs: Outputs) -> np.ndarray:
    return np.column_stack([outputs.scores.astype(float), outputs.decisions.astype(float)])


def fit_quantifier(method: str, validation: Validation):
    """A QuaPy quantifier of `method` whose error rates come from the validation sample."""
    from quapy.method.aggregative import ACC, EMQ, PACC, HDy

    X, y = features(validation.outputs), validation.truth.astype(int)
    classifier = stored_outputs()
    if method == "acc":
        quantifier = ACC(classifier, fit_classifier=False, val_split=None, solver="exact-cc")
    elif method == "pacc":
        quantifier = PACC(classifier, fit_classifier=False, val_split=None, solver="exact-cc")
    elif method == "emq":  # SLD on posteriors recalibrated (BCTS) on the validation sample
        quantifier = EMQ(classifier, fit_classifier=False, val_split=(X, y), calib="bcts", on_calib_error="backup")
    elif method == "hdy":
        quantifier = HDy(classifier, fit_classifier=False, val_split=None)
    else:
        raise InputError(f"unknown method '{method}'; use one of {', '.join(METHODS)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantifier.fit(X, y)


def quantify(quantifier, outputs: Outputs) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(quantifier.predict(features(outputs))[1])


def usable_method(method: str, validation: Validation) -> str:
    """Model-card rates are decision rates only (no scores): ACC is the method they allow."""
    return "acc" if validation.source == "model card" else method


def resample_validation(validation: Validation, rng: np.random.Generator) -> Validation:
    """A bootstrap copy, resampled within each true class (the class-conditional error rates vary, the class
    counts of the sample do not)."""
    picks = []
    for cls in (True, False):
        members = np.flatnonzero(validation.truth == cls)
        picks.append(rng.choice(members, size=len(members), replace=True))
    idx = np.concatenate(picks)
    return Validation(Outputs(validation.outputs.decisions[idx], validation.outputs.scores[idx]),
                      validation.truth[idx], validation.source, validation.validation_mode)


def resample_outputs(outputs: Outputs, rng: np.random.Generator) -> Outputs:
    idx = rng.integers(0, len(outputs), size=len(outputs))
    return Outputs(outputs.decisions[idx], outputs.scores[idx])


def estimate_periods(periods: dict[str, dict[str, Outputs]], validations: dict[str, Validation], method: str,
                     resamples: int = RESAMPLES, confidence: float = CONFIDENCE,
                     seed: int = SEED) -> dict[str, tuple[float, float, float, dict[str, float]]]:
    """For each period, {language: outputs} → (estimate, ci_low, ci_high, estimate per language).

    A period's estimate is the per-language estimates weighted by the period's posts in each language. The
    bootstrap uses the same validation resample for every period of one replicate.
    """
    rng = np.random.default_rng(seed)
    languages = sorted({lang for groups in periods.values() for lang in groups})
    fitted = {lang: fit_quantifier(usable_method(method, validations[lang]), validations[lang]) for lang in languages}
    points: dict[str, dict[str, float]] = {
        name: {lang: quantify(fitted[lang], outputs) for lang, outputs in groups.items()}
        for name, groups in periods.items()}
    replicates: dict[str, list[float]] = defaultdict(list)
    for _ in range(resamples):
        refitted = {lang: fit_quantifier(usable_method(method, validations[lang]),
                                         resample_validation(validations[lang], rng)) for lang in languages}
        for name, groups in periods.items():
            total = sum(len(o) for o in groups.values())
            replicates[name].append(sum(len(outputs) * quantify(refitted[lang], resample_outputs(outputs, rng))
                                        for lang, outputs in groups.items()) / total)
    tail = (1 - confidence) / 2 * 100
    out = {}
    for name, groups in periods.items():
        total = sum(len(o) for o in groups.values())
        point = sum(len(groups[lang]) * p for lang, p in points[name].items()) / total
        low, high = np.percentile(replicates[name], [tail, 100 - tail]) if resamples else (point, point)
        out[name] = (point, float(min(low, point)), float(max(high, point)), points[name])
    return out


# --- the store's posts as classifier outputs and judgements ------------------------------------------------


def target_for(task: str, label: str, classifier_dir: Path) -> Target:
    """Check task and label against the installed classifier's manifest; `xenophobic` is hate=hateful among the
    posts labelled as being about migration, and a myth's share is among those posts too."""
    manifest_path = classifier_dir / "manifest.json"
    try:
        tasks = json.loads(manifest_path.read_text(encoding="utf-8"))["tasks"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot read the classifier's manifest {manifest_path}: {exc}") from None
    if task == XENOPHOBIC:
        if label != XENOPHOBIC:
            raise InputError(f"task '{XENOPHOBIC}' has the one label '{XENOPHOBIC}', not '{label}'")
        hate, hateful, within = XENOPHOBIC_PARTS
        return Target(hate, hateful, within, name=XENOPHOBIC, binary_negative=_negative(tasks[hate], hateful))
    if task not in tasks:
        raise InputError(f"unknown task '{task}'; the classifier knows {', '.join([*tasks, XENOPHOBIC])}")
    labels = tasks[task]["labels"]
    if label not in labels:
        raise InputError(f"task '{task}' has no label '{label}'; use one of {', '.join(labels)}")
    multi = bool(tasks[task].get("multi_label"))
    within = XENOPHOBIC_PARTS[2] if task == MYTH else None  # the model looks for myths only in these posts
    return Target(task, label, within, binary_negative=None if multi else _negative(tasks[task], label),
                  multi_label=multi)


def _negative(meta: dict, label: str) -> str | None:
    labels = meta["labels"]
    return next(other for other in labels if other != label) if len(labels) == 2 and not meta.get(
        "multi_label") else None


def model_output(post: Post, task: str, label: str, binary_negative: str | None,
                 multi_label: bool = False) -> tuple[bool, float] | None:
    """(the model gave the label, its probability of the label) from a post's machine labels (the latest one, or
    every one of a multi-label task); None when no model labelled the post. Multi-label and multi-class tasks
    store only the labels given: the probability of a label not given is taken as 0."""
    machine = [lab for lab in post.labels if lab.task == task and not lab.model.startswith(HUMAN)]
    if not machine:
        # a multi-label task labels only what it finds: a post the classifier read found none of them
        classified = multi_label and any(lab.task not in ("language", task) and not lab.model.startswith(HUMAN)
                                         for lab in post.labels)
        return (False, 0.0) if classified else None
    if not multi_label:
        machine = [max(machine, key=lambda lab: lab.labelled_at)]
    given = [lab for lab in machine if lab.label == label]
    if given:
        return True, max(lab.score for lab in given)
    if binary_negative is not None and machine[0].label == binary_negative:
        return False, 1.0 - machine[0].score
    return False, 0.0


def human_truth(post: Post, task: str, label: str, validation_only: bool = False) -> bool | None:
    """Whether the post's true label of `task` is `label`, as people judged it: an admin's adjudication where
    there is one, else the annotators' majority; None if unjudged or tied. With `validation_only`, only posts
    judged in Revisión's validation mode count, and only those judgements vote."""
    judged = judgements(post, task, "validation" if validation_only else None)
    if not judged:
        return None
    final = adjudication(post, task)
    if final is not None:
        return label in labels_said(final)
    votes = [label in labels_said(lab) for lab in judged.values()]
    if sum(votes) * 2 == len(votes):
        return None
    return sum(votes) * 2 > len(votes)


def output_model(post: Post, task: str) -> str | None:
    """`<name>.<version>` of the classifier whose label of `task` `model_output` reads (for a multi-label task that
    found nothing, of the classifier's other labels), None when no trained classifier's version is recorded."""
    machine = [lab for lab in post.labels if not lab.model.startswith(HUMAN)
               and label_model_key(lab.model_version) is not None]
    own = [lab for lab in machine if lab.task == task] or machine
    return label_model_key(max(own, key=lambda lab: lab.labelled_at).model_version) if own else None


def stratum(post: Post, task: str, current: str | None) -> str:
    """The post's language, with the model version that labelled it where that is not the installed one."""
    model = output_model(post, task) if current is not None else None
    language = language_of(post)
    return language if model in (None, current) else f"{language}{VERSION_SEP}{model}"


def split_stratum(name: str) -> tuple[str, str | None]:
    language, sep, model = name.partition(VERSION_SEP)
    return language, model if sep else None


def current_model(classifier_dir: Path) -> str | None:
    """`<name>.<version>` of the installed classifier (None when its manifest cannot be read)."""
    try:
        return model_key(json.loads((classifier_dir / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        return None


def in_scope(post: Post, target: Target) -> bool:
    if target.within is None:
        return True
    task, label = target.within
    found = model_output(post, task, label, None)  # a two-label task: its latest machine label decides
    return bool(found and found[0])


def language_of(post: Post) -> str:
    return post.language or NO_LANGUAGE


def period_of(moment: datetime, by: Period | None) -> str:
    if by is None:
        return "all"
    if by == "day":
        return moment.date().isoformat()
    if by == "week":
        return (moment.date() - timedelta(days=moment.weekday())).isoformat()
    return moment.strftime("%Y-%m")


def validation_from_store(store: Store, target: Target, current: str | None = None) -> dict[str, Validation]:
    """Every language's judged posts in the scope of the target (all periods: error rates do not depend on the
    filter), as a validation sample: the judgements of Revisión's validation mode (a uniform sample) where each
    class has enough of them, else every human judgement (queue judgements lean to the posts the model doubted).
    With `current` (the installed model), posts an older version labelled are samples of their own (see stratum)."""
    rows: dict[str, dict[bool, list[tuple[bool, float, bool]]]] = defaultdict(lambda: {True: [], False: []})
    for post in store.human_labelled_posts():
        output = model_output(post, target.task, target.label, target.binary_negative, target.multi_label)
        if output is None or not in_scope(post, target):
            continue
        for validation_only in (True, False):
            truth = human_truth(post, target.task, target.label, validation_only)
            if truth is not None:
                rows[stratum(post, target.task, current)][validation_only].append((*output, truth))
    out = {}
    for lang, kinds in rows.items():
        validated = kinds[True]
        enough = min(sum(r[2] for r in validated), sum(not r[2] for r in validated)) >= MIN_JUDGEMENTS_PER_CLASS
        found = validated if enough else kinds[False]
        out[lang] = Validation(Outputs(np.array([r[0] for r in found], dtype=bool), np.array([r[1] for r in found])),
                               np.array([r[2] for r in found], dtype=bool), "validation sample",
                               validation_mode=enough)
    return out


def validation_from_card(evaluation: dict, target: Target, language: str) -> tuple[Validation, str] | None:
    """The held-out confusion counts of the model card for a language (else overall), as a validation sample of
    decisions; (sample, the figures' scope) or None if the card has no figures for the label."""
    report = evaluation.get(target.task, {}).get("model", {})
    for scope, section in ((language, report.get("per_language", {}).get(language)), ("all languages",
                                                                                        report.get("overall"))):
        per_class = (section or {}).get("per_class", {})
        figures = per_class.get(target.label)
        if not figures or not figures.get("support"):
            continue
        n = section.get("n") or sum(c.get("support", 0) for c in per_class.values())
        positives = int(figures["support"])
        true_pos = int(round(figures["recall"] * positives))
        predicted = int(round(true_pos / figures["precision"])) if figures["precision"] else 0
        false_pos = max(predicted - true_pos, 0)
        negatives = n - positives
        if negatives <= 0:
            continue
        decisions = np.concatenate([np.ones(true_pos), np.zeros(positives - true_pos), np.ones(false_pos),
                                    np.zeros(negatives - false_pos)]).astype(bool)
        truth = np.concatenate([np.ones(positives), np.zeros(negatives)]).astype(bool)
        return Validation(Outputs(decisions, decisions.astype(float)), truth, "model card"), scope
    return None


def read_evaluation(classifier_dir: Path) -> dict:
    path = classifier_dir / "evaluation.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model card's figures {path}: {exc}") from None


def choose_validations(judged: dict[str, Validation], evaluation: dict, target: Target,
                       languages: Iterable[str]) -> tuple[dict[str, Validation], str]:
    """Each language's validation sample: the store's judgements where each class has enough of them, else the
    model card's held-out figures; and a line saying where the error rates came from."""
    chosen, own, card_own, card_overall = {}, [], [], []
    for lang in sorted(languages):
        sample = judged.get(lang)
        if sample is not None and min(sample.positives, sample.negatives) >= MIN_JUDGEMENTS_PER_CLASS:
            chosen[lang] = sample
            own.append(f"{lang}: {len(sample.truth)} judged posts" + (
                " in validation mode" if sample.validation_mode else
                f", every review: fewer than {MIN_JUDGEMENTS_PER_CLASS} per class in validation mode"))
            continue
        fallback = validation_from_card(evaluation, target, lang)
        if fallback is None:
            raise ModelError(f"no error rates for {target.title} in {lang}: fewer than {MIN_JUDGEMENTS_PER_CLASS} "
                             "judgements per class in the store and no held-out figures in the model card")
        chosen[lang], scope = fallback
        (card_own if scope == lang else card_overall).append(lang)
    parts = []
    if own:
        parts.append(f"validation sample ({'; '.join(own)})")
    if card_own or card_overall:
        what = "" if target.within is None or target.task == MYTH else \
            f" for {target.task}={target.label} on all posts"
        scopes = ([", ".join(card_own)] if card_own else []) + (
            [f"{', '.join(card_overall)}: figures of all languages"] if card_overall else [])
        parts.append(f"model card held-out figures{what} ({'; '.join(scopes)})")
    return chosen, "; ".join(parts)


def method_line(method: str, validations: dict[str, Validation]) -> str:
    carded = sorted(lang for lang, v in validations.items() if v.source == "model card")
    if method == "acc" or not carded:
        return method
    if len(carded) == len(validations):
        return "acc"
    return f"{method} (acc for {', '.join(carded)})"


def collect_outputs(store: Store, filters: Filters, target: Target, by: Period | None,
                    progress: Progress | None = None,
                    current: str | None = None) -> tuple[dict[str, dict[str, Outputs]], dict[str, float]]:
    """The model's outputs of the posts in `filters` grouped by period and language (and model version, given the
    installed one as `current`: see stratum), and each period's classify-and-count share."""
    scope = filters
    if target.within is not None:  # the store narrows, the machine labels decide
        scope = filters.model_copy(update={"task": target.within[0], "labels": [target.within[1]],
                                           "min_score": None, "max_score": None})
    rows: dict[str, dict[str, list[tuple[bool, float]]]] = defaultdict(lambda: defaultdict(list))
    posts = store.iter_posts(scope)
    for post in progress(posts, store.count(scope)) if progress else posts:
        output = model_output(post, target.task, target.label, target.binary_negative, target.multi_label)
        if output is None or not in_scope(post, target):
            continue
        rows[period_of(post.created_at, by)][stratum(post, target.task, current)].append(output)
    periods = {name: {lang: Outputs(np.array([r[0] for r in found], dtype=bool), np.array([r[1] for r in found]))
                      for lang, found in groups.items()} for name, groups in sorted(rows.items())}
    counted = {name: float(sum(o.decisions.sum() for o in groups.values()) / sum(len(o) for o in groups.values()))
               for name, groups in periods.items()}
    return periods, counted


def estimate(store: Store, filters: Filters, task: str, label: str, classifier_dir: Path,
             method: str = DEFAULT_METHOD, by: Period | None = None, resamples: int = RESAMPLES,
             seed: int = SEED, progress: Progress | None = None) -> list[Estimate]:
    """The corrected prevalence of `label` of `task` among the posts of `filters` (one Estimate, or one per
    period with `by`), with its bootstrap interval, classify-and-count beside it."""
    if method not in METHODS:
        raise InputError(f"unknown method '{method}'; use one of {', '.join(METHODS)}")
    if filters.task is not None:
        raise InputError("the estimate's task and label are its own: filter by other fields than task and label")
    target = target_for(task, label, classifier_dir)
    periods, counted = collect_outputs(store, filters, target, by, progress, current_model(classifier_dir))
    if not periods:
        scope = " about migration" if target.within else ""
        raise InputError(f"no posts{scope} labelled by the classifier for {target.task} match these filters: "
                         "nothing to estimate")
    return estimate_collected(store, target, periods, counted, classifier_dir, method=method, by=by,
                              resamples=resamples, seed=seed)


def estimate_collected(store: Store, target: Target, periods: dict[str, dict[str, Outputs]],
                       counted: dict[str, float], classifier_dir: Path, *, method: str = DEFAULT_METHOD,
                       by: Period | None = None, resamples: int = RESAMPLES, seed: int = SEED) -> list[Estimate]:
    """The estimates of outputs already collected (per period and language, or stratum: see stratum), with the
    error rates of the store's judgements or the model card, of the model version that labelled the posts."""
    validations, source = version_validations(store, target, periods, classifier_dir)
    results = estimate_periods(periods, validations, method, resamples=resamples, seed=seed)
    used = method_line(method, validations)
    return [Estimate(estimate=round(point, 4), ci_low=round(low, 4), ci_high=round(high, 4),
                     classify_and_count=round(counted[name], 4), method=used,
                     n_posts=sum(len(o) for o in periods[name].values()), error_rates_from=source,
                     period=None if by is None else name,
                     by_language=per_language_of(per_stratum, periods[name]))
            for name, (point, low, high, per_stratum) in results.items()]


def per_language_of(points: dict[str, float], groups: dict[str, Outputs]) -> dict[str, float]:
    """Each language's estimate: its strata's (one per model version) weighted by their posts."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for name, point in points.items():
        language = split_stratum(name)[0]
        totals[language][0] += len(groups[name]) * point
        totals[language][1] += len(groups[name])
    return {lang: round(weighted / n, 4) for lang, (weighted, n) in sorted(totals.items())}


def version_validations(store: Store, target: Target, periods: dict[str, dict[str, Outputs]],
                        classifier_dir: Path) -> tuple[dict[str, Validation], str]:
    """Each stratum's validation sample, and where the error rates came from: the posts the installed model
    labelled use its judgements or card; those an older version labelled, the judgements of the posts it labelled,
    else that version's card (else the installed model's card, and the line says so)."""
    current = current_model(classifier_dir)
    judged = validation_from_store(store, target, current)
    languages: dict[str | None, set[str]] = defaultdict(set)
    posts: dict[str | None, int] = defaultdict(int)
    for groups in periods.values():
        for name, outputs in groups.items():
            language, model = split_stratum(name)
            languages[model].add(language)
            posts[model] += len(outputs)
    chosen: dict[str, Validation] = {}
    lines = []
    for model in sorted(languages, key=lambda m: (m is not None, m or "")):
        note = ""
        if model is None:
            evaluation = read_evaluation(classifier_dir)
        elif (folder := card_dir(classifier_dir, model)) is not None:
            evaluation, note = read_evaluation(folder), " (that version's own card)"
        else:
            evaluation, note = read_evaluation(classifier_dir), " (no card of that version: the installed model's)"
        own = {split_stratum(name)[0]: v for name, v in judged.items() if split_stratum(name)[1] == model}
        found, source = choose_validations(own, evaluation, target, languages[model])
        chosen.update({lang if model is None else f"{lang}{VERSION_SEP}{model}": v for lang, v in found.items()})
        if model is None and len(languages) == 1:
            lines.append(source)
            continue
        uses_card = any(v.source == "model card" for v in found.values())
        lines.append(f"posts labelled by {model or current or 'the installed model'} ({posts[model]}): {source}"
                     + (note if uses_card else ""))
    return chosen, "; ".join(lines)


def estimate_or_reason(store: Store, filters: Filters, task: str, label: str, classifier_dir: Path, *,
                       by: Period | None = None,
                       resamples: int = RESAMPLES) -> tuple[list[Estimate], str | None]:
    """The estimates of `estimate` for a filter that may name a task of its own (it is dropped: the estimate's
    task is its own), or no estimates and the reason why (nothing to estimate, no error rates)."""
    scope = filters.model_copy(update={"task": None, "labels": [], "min_score": None, "max_score": None})
    try:
        return estimate(store, scope, task, label, classifier_dir, by=by, resamples=resamples), None
    except VigiaError as exc:
        return [], str(exc)


# --- estimates of posts read one at a time (an export's datasheet) -------------------------------------------


def shares_of(classifier_dir: Path) -> list[Target]:
    """The shares a datasheet reports: the xenophobic share, hate=hateful and migration=migration among all
    posts, and each myth of the classifier among the posts about migration."""
    targets = [target_for(XENOPHOBIC, XENOPHOBIC, classifier_dir), target_for("hate", "hateful", classifier_dir),
               target_for("migration", "migration", classifier_dir)]
    manifest = json.loads((classifier_dir / "manifest.json").read_text(encoding="utf-8"))
    return targets + [target_for(MYTH, myth, classifier_dir) for myth in manifest["tasks"].get(MYTH, {}).get(
        "labels", [])]


@dataclass
class OutputsTally:
    """The classifier's outputs of the posts passed to `add`, per target and language: two numbers per post and
    target, enough for the estimates of `estimates`."""

    targets: list[Target]
    rows: dict[str, dict[str, list[tuple[bool, float]]]] = field(default_factory=dict)

    def add(self, post: Post) -> None:
        for target in self.targets:
            output = model_output(post, target.task, target.label, target.binary_negative, target.multi_label)
            if output is not None and in_scope(post, target):
                self.rows.setdefault(target.title, {}).setdefault(language_of(post), []).append(output)

    def estimates(self, store: Store, classifier_dir: Path, targets: Iterable[Target], *,
                  method: str = DEFAULT_METHOD, resamples: int = RESAMPLES) -> dict[str, Estimate | str]:
        """The estimate of each of `targets` (some of this tally's), or why there is none."""
        found: dict[str, Estimate | str] = {}
        for target in targets:
            groups = self.rows.get(target.title)
            if not groups:
                scope = " about migration" if target.within else ""
                found[target.title] = f"no posts{scope} labelled by the classifier for {target.task}"
                continue
            periods = {"all": {lang: Outputs(np.array([r[0] for r in rows], dtype=bool),
                                             np.array([r[1] for r in rows])) for lang, rows in groups.items()}}
            counted = {"all": float(sum(o.decisions.sum() for o in periods["all"].values())
                                    / sum(len(o) for o in periods["all"].values()))}
            try:
                (found[target.title],) = estimate_collected(store, target, periods, counted, classifier_dir,
                                                            method=method, resamples=resamples)
            except VigiaError as exc:
                found[target.title] = str(exc)
        return found

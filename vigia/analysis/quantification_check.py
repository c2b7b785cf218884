"""Does the corrected estimate work? A simulation on labelled posts whose true prevalence is known.

The labelled posts (with the classifier's outputs) are split in two halves, stratified by language and class: one
plays the validation sample people judged, the other the posts of a deployment. From the second, samples are
drawn with known prevalences (5 %, 15 %, 30 %, 50 %) in two language mixes (as in the labelled sets, and every
language in equal parts), and each method estimates them with its 95 % interval, exactly as `vigia estimate` does.
Reported: the mean absolute error of classify-and-count and of each method, and how often the intervals cover
the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from vigia.analysis.estimates import Outputs, Validation, estimate_periods

PREVALENCES = (0.05, 0.15, 0.3, 0.5)
MIXES = ("as labelled", "languages equal")
METHODS = ("acc", "pacc", "emq")
MIN_PER_CLASS = 20


@dataclass
class Row:
    mix: str
    prevalence: float
    draws: int
    mae: dict[str, float]  # "cc" and each method
    coverage: dict[str, float]  # each method


def split_halves(truth: np.ndarray, languages: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A boolean mask of the validation half, stratified by language and class."""
    mask = np.zeros(len(truth), dtype=bool)
    for lang in np.unique(languages):
        for cls in (True, False):
            members = rng.permutation(np.flatnonzero((languages == lang) & (truth == cls)))
            mask[members[: len(members) // 2]] = True
    return mask


def usable_languages(truth: np.ndarray, languages: np.ndarray, least: int = MIN_PER_CLASS) -> list[str]:
    """The languages with at least `least` posts of each class (half of them validate, half are drawn from)."""
    return [str(lang) for lang in sorted(np.unique(languages))
            if min(int(np.sum((languages == lang) & truth)), int(np.sum((languages == lang) & ~truth))) >= least]


def draw(pool: dict[str, dict[bool, np.ndarray]], mix: dict[str, float], prevalence: float, size: int,
         rng: np.random.Generator) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Indices of one sample, per language: (positives, negatives), drawn with replacement."""
    out = {}
    for lang, share in mix.items():
        n = int(round(size * share))
        positives = int(round(n * prevalence))
        out[lang] = (rng.choice(pool[lang][True], positives), rng.choice(pool[lang][False], n - positives))
    return out


def simulate(outputs: Outputs, truth: np.ndarray, languages: np.ndarray, prevalences=PREVALENCES,
             methods=METHODS, sample_size: int = 500, draws: int = 20, resamples: int = 100, seed: int = 13,
             progress: Callable[[str], None] | None = None) -> list[Row]:
    rng = np.random.default_rng(seed)
    languages = np.asarray(languages)
    validation_mask = split_halves(truth, languages, rng)
    langs = usable_languages(truth, languages)
    validations = {lang: Validation(Outputs(outputs.decisions[m], outputs.scores[m]), truth[m], "validation sample")
                   for lang in langs for m in [validation_mask & (languages == lang)]}
    pool = {lang: {cls: np.flatnonzero(~validation_mask & (languages == lang) & (truth == cls))
                   for cls in (True, False)} for lang in langs}
    kept = np.isin(languages, langs)
    natural = {lang: float(np.sum(languages == lang) / kept.sum()) for lang in langs}
    mixes = {"as labelled": natural, "languages equal": {lang: 1 / len(langs) for lang in langs}}
    samples: dict[str, dict[str, Outputs]] = {}
    true_share: dict[str, float] = {}
    counted: dict[str, float] = {}
    scenario_of: dict[str, tuple[str, float]] = {}
    for mix_name, mix in mixes.items():
        for prevalence in prevalences:
            for i in range(draws):
                name = f"{mix_name}|{prevalence}|{i}"
                picked = draw(pool, mix, prevalence, sample_size, rng)
                groups = {lang: np.concatenate(idx) for lang, idx in picked.items() if sum(map(len, idx))}
                samples[name] = {lang: Outputs(outputs.decisions[idx], outputs.scores[idx])
                                 for lang, idx in groups.items()}
                every = np.concatenate(list(groups.values()))
                true_share[name] = float(truth[every].mean())
                counted[name] = float(outputs.decisions[every].mean())
                scenario_of[name] = (mix_name, prevalence)
    found = {}
    for method in methods:
        if progress:
            progress(method)
        found[method] = estimate_periods(samples, validations, method, resamples=resamples, seed=seed)
    rows = []
    for mix_name in mixes:
        for prevalence in prevalences:
            names = [n for n, s in scenario_of.items() if s == (mix_name, prevalence)]
            mae = {"cc": float(np.mean([abs(counted[n] - true_share[n]) for n in names]))}
            coverage = {}
            for method in methods:
                mae[method] = float(np.mean([abs(found[method][n][0] - true_share[n]) for n in names]))
                coverage[method] = float(np.mean([found[method][n][1] <= true_share[n] <= found[method][n][2]
                                                  for n in names]))
            rows.append(Row(mix_name, prevalence, len(names), mae, coverage))
    return rows


def markdown(rows: list[Row], methods=METHODS) -> str:
    head = ("| language mix | prevalence | MAE classify-and-count | " + " | ".join(f"MAE {m.upper()}" for m in methods)
            + " | " + " | ".join(f"95% coverage {m.upper()}" for m in methods) + " |")
    lines = [head, "|" + "---|" * (3 + 2 * len(methods))]
    for r in rows:
        lines.append(f"| {r.mix} | {r.prevalence:.0%} | {r.mae['cc']:.3f} | "
                     + " | ".join(f"{r.mae[m]:.3f}" for m in methods) + " | "
                     + " | ".join(f"{r.coverage[m]:.0%}" for m in methods) + " |")
    mean = {k: float(np.mean([r.mae[k] for r in rows])) for k in ["cc", *methods]}
    cover = {m: float(np.mean([r.coverage[m] for r in rows])) for m in methods}
    lines.append(f"| **all** | | **{mean['cc']:.3f}** | " + " | ".join(f"**{mean[m]:.3f}**" for m in methods)
                 + " | " + " | ".join(f"**{cover[m]:.0%}**" for m in methods) + " |")
    return "\n".join(lines)

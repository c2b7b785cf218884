"""A candidate model against the model in use, on the same held-out items: the model card's release rule.

Each task's held-out examples are decided by both models; macro-F1 (micro-F1 for multi-label tasks) differences
get 95% paired-bootstrap intervals overall, per language and per dataset/language cell. The release rule: ship a
candidate that is clearly better (the interval above zero) on a Spanish measure and clearly worse (the interval
below zero) on no real Spanish or Portuguese set.
"""

from __future__ import annotations

from nlp.datasets import Example
from nlp.labels import MULTI_LABEL, TASK_LABELS
from nlp.metrics import differences, micro_f1_difference, multilabel_report, report

PROXY_DATASETS = {"mlma"}  # labels that only approximate the task's definition: reported, not held against a model
RULE_LANGUAGES = ("es", "pt")


def compare(candidate, in_use, test_sets: dict[str, list[Example]], progress=None) -> dict:
    """{task: {"candidate": report, "in_use": report, "difference": paired intervals}, "verdict": …}."""
    out: dict = {}
    for task, examples in test_sets.items():
        if not examples or task not in candidate.tasks or task not in in_use.tasks:
            continue
        texts, langs = [e.text for e in examples], [e.language for e in examples]
        decided = {}
        for who, clf in (("candidate", candidate), ("in_use", in_use)):
            emb = clf.embed(texts, progress=progress)
            decided[who] = clf.decide(clf.probabilities(emb, task, texts), task, langs)
        if task in MULTI_LABEL:
            (new, new_rows), (old, old_rows) = (multilabel_report(examples, task, decided[w], TASK_LABELS[task])
                                                for w in ("candidate", "in_use"))
            out[task] = {"candidate": new, "in_use": old, "difference": micro_f1_difference(new_rows, old_rows)}
        else:
            (new, new_rows), (old, old_rows) = (report(examples, task, decided[w], TASK_LABELS[task])
                                                for w in ("candidate", "in_use"))
            out[task] = {"candidate": new, "in_use": old, "difference": differences(new_rows, old_rows,
                                                                                    TASK_LABELS[task])}
    out["verdict"] = verdict(out)
    return out


def verdict(tasks: dict) -> dict:
    better, worse = [], []
    for task, r in tasks.items():
        if task == "verdict":
            continue
        d = r["difference"]
        if d.get("per_language", {}).get("es", {}).get("ci95", [0, 0])[0] > 0:
            better.append(f"{task} es")
        for cell, x in d.get("per_dataset_language", {}).items():
            dataset, _, lang = cell.rpartition("/")
            if lang in RULE_LANGUAGES and dataset not in PROXY_DATASETS and x["ci95"][1] < 0:
                worse.append(f"{task} {cell}")
        for lang, x in d.get("per_language", {}).items():
            if lang in RULE_LANGUAGES and x["ci95"][1] < 0 and "per_dataset_language" not in d:
                worse.append(f"{task} {lang}")
    return {"clearly_better_in_spanish": better, "clearly_worse_on_real_es_pt": worse,
            "ship": bool(better) and not worse}


def markdown(result: dict, candidate: str, in_use: str) -> str:
    lines = [f"# {candidate} against {in_use}", "",
             "Paired bootstrap over the same held-out items (2,000 resamples): Δ = candidate − in use, 95% interval.",
             ""]
    for task, r in result.items():
        if task == "verdict":
            continue
        key = "micro_f1" if "micro_f1" in r["candidate"]["overall"] else "macro_f1"
        d = r["difference"]
        lines += [f"## {task} ({key.replace('_', '-')})", "", "| cell | n | in use | candidate | Δ | 95% interval |",
                  "|---|---|---|---|---|---|"]
        cells = [("**all**", r["candidate"]["overall"], r["in_use"]["overall"], d["overall"])]
        for group in ("per_language", "per_dataset_language"):
            for cell, x in d.get(group, {}).items():
                cells.append((cell, r["candidate"][group][cell], r["in_use"][group][cell], x))
        for name, new, old, x in cells:
            lo, hi = x["ci95"]
            mark = " (clearly better)" if lo > 0 else " (clearly worse)" if hi < 0 else ""
            lines.append(f"| {name} | {new['n']} | {old[key]:.3f} | {new[key]:.3f} | {x['delta']:+.3f} | "
                         f"{lo:+.3f} to {hi:+.3f}{mark} |")
        lines.append("")
    v = result["verdict"]
    lines += ["## Release rule", "",
              f"Clearly better in Spanish: {', '.join(v['clearly_better_in_spanish']) or 'nothing'}. "
              "Clearly worse on a real Spanish or Portuguese set: "
              f"{', '.join(v['clearly_worse_on_real_es_pt']) or 'none'}. "
              f"Verdict: {'ship' if v['ship'] else 'do not ship'}.", ""]
    return "\n".join(lines)

"""Running a trained classifier on labelled items: the held-out evaluation written beside a model (against the
character baseline, in every precision the processor computes), and the scores of a labelled file."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from nlp import reports
from nlp.baseline import CharBaseline
from nlp.classifier import Classifier
from nlp.datasets import Example
from nlp.labels import MULTI_LABEL, TASK_LABELS
from nlp.metrics import (
    differences,
    macro_f1_difference,
    micro_f1_difference,
    multilabel_report,
    report,
    xenophobic_report,
)
from nlp.precision import resolve

OTHER_PRECISIONS = ("bf16", "int8")  # evaluated against fp32, the reference
POSITIVE = {"1", "true", "yes", "y", "si", "sí", "sim", "oui"}
NEGATIVE = {"0", "false", "no", "n", "não", "nao", "non"}


class LabelledFileError(ValueError):
    """A labelled file that cannot be read; the message names the file (and the record)."""


def evaluate_heldout(model_dir: Path, encoder_path: Path, train_sets: dict, test_sets: dict,
                     cache_dir: Path | None = None, device: str = "auto") -> dict:
    """Model (fp32; bf16 where the processor computes it natively; int8 dynamic quantization of the encoder) and
    character baseline on the held-out sets: evaluation.json and EVALUATION.md in model_dir. Each other
    precision's macro-F1 is compared with fp32's by a paired bootstrap over the items. Raises
    ModelNotAvailable when the model or its encoder is missing."""
    clf = Classifier(model_dir, encoder_path, cache_dir=cache_dir, device=device)
    others = {p: Classifier(model_dir, encoder_path, precision=p, device=device, cache_dir=cache_dir)
              for p in OTHER_PRECISIONS if resolve(p).name == p}
    out: dict = {}
    decided: dict = {}
    for task, examples in test_sets.items():
        if not examples:
            continue
        texts, langs = [e.text for e in examples], [e.language for e in examples]
        emb = clf.embed(texts)
        results = clf.decide(clf.probabilities(emb, task, texts), task, langs)
        other_results = {p: c.decide(c.probabilities(c.embed(texts), task, texts), task, langs)
                         for p, c in others.items()}
        base = CharBaseline(task).fit(train_sets[task]).predict(texts, langs)
        if task in MULTI_LABEL:
            (model_report, model_rows), (base_report, base_rows) = (
                multilabel_report(examples, task, results, TASK_LABELS[task]),
                multilabel_report(examples, task, base, TASK_LABELS[task]))
            out[task] = {"model": model_report, "baseline": base_report,
                         "difference": micro_f1_difference(model_rows, base_rows)}
            if task in clf.chars:
                head = clf.decide(clf.probabilities(emb, task, texts, head_only=True), task, langs, head_only=True)
                out[task]["head_only"] = multilabel_report(examples, task, head, TASK_LABELS[task])[0]
            continue
        decided[task] = (examples, results, base)
        (model_report, model_rows), (base_report, base_rows) = (report(examples, task, results, TASK_LABELS[task]),
                                                                report(examples, task, base, TASK_LABELS[task]))
        out[task] = {"model": model_report, "baseline": base_report,
                     "difference": differences(model_rows, base_rows, TASK_LABELS[task])}
        for p, other in other_results.items():
            out[task][p] = report(examples, task, other, TASK_LABELS[task])[0]
            out[task][p]["overall"]["same_decision"] = round(
                sum(a.label == b.label for a, b in zip(results, other)) / len(results), 4)
            out[task][p]["overall"]["difference_to_fp32"] = macro_f1_difference(
                [e.labels[task] for e in examples], [r.label for r in other], [r.label for r in results],
                TASK_LABELS[task])
        if task in clf.chars:
            head = clf.decide(clf.probabilities(emb, task, texts, head_only=True), task, langs, head_only=True)
            out[task]["head_only"] = report(examples, task, head, TASK_LABELS[task])[0]
    if {"hate", "migration"} <= set(decided) and (xenophobic := xenophobic_report(decided["hate"],
                                                                               decided["migration"])):
        out["xenophobic"] = xenophobic
    (model_dir / "evaluation.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    (model_dir / "EVALUATION.md").write_text(reports.evaluation_markdown(out), encoding="utf-8")
    return out


def read_labelled(path: Path, text_field: str, label_field: str, language_field: str | None) -> list[dict]:
    if not path.is_file():
        raise LabelledFileError(f"{path} not found")
    suffix = path.suffix.lower()
    rows: list[dict] = []
    with path.open(encoding="utf-8", newline="") as fh:
        if suffix in (".jsonl", ".ndjson", ".json"):
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise LabelledFileError(f"{path} line {n}: not JSON ({exc.msg})") from None
        elif suffix in (".csv", ".tsv"):
            rows = list(csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ","))
        else:
            raise LabelledFileError(f"{path}: unknown format {suffix or '(none)'}; use .jsonl or .csv")
    for n, row in enumerate(rows, 1):
        for name in (text_field, label_field) + ((language_field,) if language_field else ()):
            if name not in row:
                raise LabelledFileError(f"{path} record {n}: no field '{name}' (fields: {', '.join(sorted(row))})")
    return rows


def normalize_label(value, labels: list[str], multi: bool = False) -> str:
    text = str(value).strip().lower()
    if multi:  # "crime_insecurity,welfare_burden", a JSON list, or none / empty
        items = value if isinstance(value, list) else [v for v in text.replace(";", ",").split(",") if v.strip()]
        items = sorted({str(v).strip().lower() for v in items} - {"none", ""})
        unknown = [v for v in items if v not in labels]
        if unknown:
            raise LabelledFileError(f"label '{unknown[0]}' is not one of {', '.join(labels)}")
        return ",".join(items) or "none"
    if text in labels:
        return text
    if len(labels) == 2 and text in POSITIVE:
        return labels[1]
    if len(labels) == 2 and text in NEGATIVE:
        return labels[0]
    raise LabelledFileError(f"label '{value}' is not one of {', '.join(labels)} (or 1/0 for a binary task)")


def labelled_examples(path: Path, rows: list[dict], task: str, text_field: str, label_field: str,
                      language_field: str | None, identify: Callable[[str], str]) -> list[Example]:
    """The file's records as examples of `task`: the gold label normalized, the language read from
    `language_field` or (without one) identified from the text by `identify`."""
    examples = []
    for n, row in enumerate(rows, 1):
        text = str(row[text_field] or "")
        lang = str(row[language_field]) if language_field else identify(text)
        try:
            gold = normalize_label(row[label_field], TASK_LABELS[task], multi=task in MULTI_LABEL)
        except LabelledFileError as exc:
            raise LabelledFileError(f"{path} record {n}: {exc}") from None
        examples.append(Example(str(row.get("id", n)), text, lang, path.name, "eval", {task: gold}))
    return examples


def evaluate_examples(clf: Classifier, examples: list[Example], task: str, progress=None
                      ) -> tuple[dict, list[dict]]:
    """(report, per-item rows) of the classifier's `task` decisions on the examples."""
    texts = [e.text for e in examples]
    emb = clf.embed(texts, progress=progress)
    results = clf.decide(clf.probabilities(emb, task, texts), task, [e.language for e in examples])
    return (multilabel_report if task in MULTI_LABEL else report)(examples, task, results, TASK_LABELS[task])

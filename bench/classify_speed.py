"""Posts per second of the classifier on this machine: batched + length-bucketed fp32, the same with dynamic
int8 quantization, and a naive `transformers.pipeline("feature-extraction")` at batch size 1, in one run.

    .venv/bin/python bench/classify_speed.py [--n 300] [--model DIR] [--data FILE.jsonl]

Texts are the HatEval Spanish dev tweets from datasets_dir (read in place) unless --data gives a JSONL file
with a `text` field. Also reports how much int8 changes the hate decisions and macro-F1 (if labels exist).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np


def main() -> None:
    import transformers

    from nlp.classifier import Classifier
    from nlp.datasets import load_all
    from nlp.training import metrics
    from vigia.settings import load_settings

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    settings = load_settings()
    encoder = settings.models_dir / "multilingual-e5-small"
    if args.data:
        rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts, gold = [r["text"] for r in rows][:args.n], None
    else:
        exs = [e for e in load_all(settings.datasets_dir, only=["hateval2019"]) if e.split == "dev"
               and e.language == "es"][:args.n]
        texts, gold = [e.text for e in exs], [e.labels["hate"] for e in exs]
    langs = ["es"] * len(texts)
    results = {}
    for name, quantize in (("fp32", False), ("int8", True)):
        clf = Classifier(args.model or settings.classifier_dir, encoder, quantize=quantize)
        clf.predict(texts[:8], langs[:8])  # warm-up
        started = time.perf_counter()
        preds = clf.predict(texts, langs)
        seconds = time.perf_counter() - started
        results[name] = {"posts_per_s": round(len(texts) / seconds, 1), "heads": sorted(preds),
                         "hate": [r.label for r in preds["hate"]]}
        if gold:
            results[name]["hate_macro_f1"] = metrics(gold, results[name]["hate"], ["not_hateful", "hateful"])[
                "macro_f1"]
    from transformers import pipeline

    pipe = pipeline("feature-extraction", model=str(encoder), tokenizer=str(encoder), framework="pt")
    started = time.perf_counter()
    for text in texts:
        np.asarray(pipe("query: " + text, truncation=True, max_length=128))
    seconds = time.perf_counter() - started
    results["naive_pipeline_bs1"] = {"posts_per_s": round(len(texts) / seconds, 1), "heads": ["(encoder only)"]}
    agree = np.mean([a == b for a, b in zip(results["fp32"]["hate"], results["int8"]["hate"])])
    for r in results.values():
        r.pop("hate", None)
    print(json.dumps({"n": len(texts), "results": results, "int8_same_hate_decision": round(float(agree), 4)},
                     indent=1))


if __name__ == "__main__":
    main()

"""The hand labels of data/annotations/ (ids and labels only) joined with their texts from datasets_dir.

Each annotation names its dataset, file and row and carries the first 16 hex digits of the SHA-256 of the
text it was given; the join checks that hash, so a changed dataset file is caught instead of mislabelled.
The items of the first draws (Spanish, Portuguese) are split once, by a seeded hash of the text, into a half
that may train and a half that only evaluates (`gold-train` / `gold-test`). The second Spanish draw and the
French draw only evaluate (`gold-heldout`: drawn after models had been trained, they never change what trains),
the third Spanish draw only trains.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

from nlp.datasets import DatasetError, Example

csv.field_size_limit(sys.maxsize)
TEXT_COLUMNS = {"detoxis": "comment", "hateval2019": "text", "stereoimmigrants": "SENTENCE",
                "factck-br": "claimReviewed", "hatebr": "comentario", "told-br": "text", "mlma": "tweet"}
# pass 1, the reference labels: file → (language, use): "split" into a train and a test half by text, "test"
# (all held out) or "train". `myths_*` label migration and myths, `hate_*` hate; labels of one item in several
# files merge. The pass-2 files only measure agreement.
FILES = {"myths_es.jsonl": ("es", "split"), "myths_pt.jsonl": ("pt", "split"),
         "myths_es_2.jsonl": ("es", "test"), "hate_es_2.jsonl": ("es", "test"),
         "myths_es_3.jsonl": ("es", "train"), "hate_es_3.jsonl": ("es", "train"),
         "myths_fr.jsonl": ("fr", "test"), "hate_fr.jsonl": ("fr", "test")}
SPLIT_OF_USE = {"test": "gold-heldout", "train": "gold-train"}
SEED = 13


def _split(text_hash: str) -> str:
    x = int(hashlib.sha256(f"{SEED}:{text_hash}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "gold-test" if x < 0.5 else "gold-train"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _labels(item: dict) -> dict[str, str]:
    labels = {}
    if "about_migration" in item:
        myths = sorted(item["myths"]) if item.get("stance") == "repeats" else []
        labels["migration"] = "migration" if item["about_migration"] else "not_migration"
        labels["myth"] = ",".join(myths) or "none"
    if "hate" in item:
        labels["hate"] = "hateful" if item["hate"] else "not_hateful"
    return labels


def gold_examples(annotations_dir: Path, datasets_dir: Path) -> list[Example]:
    """Examples with labels `migration` and `myth` (comma-joined myths the text repeats, or `none`), and `hate`
    where it was labelled."""
    cache: dict[Path, list[dict]] = {}
    out: dict[str, Example] = {}
    for name, (language, use) in FILES.items():
        path = Path(annotations_dir) / name
        if not path.is_file():
            continue
        for item in _records(path):
            source = Path(datasets_dir) / item["dataset"] / item["file"]
            if source not in cache:
                if not source.is_file():
                    raise DatasetError(f"{source} (named by {path.name}) not found: set datasets_dir")
                delimiter = "\t" if source.suffix == ".tsv" else ","
                quoting = csv.QUOTE_NONE if item["dataset"] == "hateval2019" else csv.QUOTE_MINIMAL
                with source.open(encoding="utf-8", errors="replace", newline="") as fh:
                    cache[source] = list(csv.DictReader(fh, delimiter=delimiter, quoting=quoting))
            text = cache[source][item["row"]][TEXT_COLUMNS[item["dataset"]]]
            if hashlib.sha256(text.encode()).hexdigest()[:16] != item["text_sha256"]:
                raise DatasetError(f"{path.name}: row {item['row']} of {source} changed since it was annotated")
            ex_id = f"gold:{item['dataset']}:{item['file']}:{item['row']}"
            if ex_id in out:
                out[ex_id].labels.update(_labels(item))
                continue
            split = _split(item["text_sha256"]) if use == "split" else SPLIT_OF_USE[use]
            out[ex_id] = Example(ex_id, text, language, f"gold-{item['dataset']}", split, _labels(item))
    return list(out.values())


def agreement(annotations_dir: Path, reference: str, second: str) -> dict[str, float | None]:
    """Cohen's kappa between a reference label file and a second pass over some of its items, per binary label
    (`about_migration`, any myth repeated, each myth, `hate`); None where neither pass has a positive."""
    from sklearn.metrics import cohen_kappa_score

    def read(name: str) -> dict[tuple, dict]:
        return {(r["dataset"], r["file"], r["row"]): r for r in _records(Path(annotations_dir) / name)}

    first, again = read(reference), read(second)
    pairs = [(first[key], item) for key, item in again.items()]
    if "hate" in pairs[0][1]:
        labels = {"hate": lambda r: r["hate"]}
    else:
        myths = sorted({m for a, b in pairs for m in a["myths"] + b["myths"]})
        labels = {"about_migration": lambda r: r["about_migration"],
                  "repeats_a_myth": lambda r: r["stance"] == "repeats",
                  **{m: (lambda r, m=m: m in r["myths"]) for m in myths}}
    out: dict[str, float | None] = {}
    for name, get in labels.items():
        x, y = [get(a) for a, _ in pairs], [get(b) for _, b in pairs]
        out[name] = round(float(cohen_kappa_score(x, y)), 2) if any(x) or any(y) else None
    return out

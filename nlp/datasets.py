"""Loaders for the training and evaluation corpora under `datasets_dir` (../shared/datasets by default).

Nothing here copies text into the repository: examples are read from the configured path at training and
evaluation time, and only ids, labels and hashes are written anywhere. Each loader yields `Example`s with a
stable id (`<dataset>:<native id or row>`), the language, the split and the task labels it can support.

Label sources per task (weak or proxy labels are named as such in the model cards):
- `hate`: HatEval HS (es, en: hate against women or immigrants); HateBR offensive (pt, a proxy);
  DETOXIS toxicity (es, cross-dataset test only); MLMA (en, fr: not "normal", test only).
- `migration`: StereoImmigrants (es, all about immigration: 1); DETOXIS stereotype or intolerance
  against a group under immigration news (es: 1); MLMA group immigrants/refugees/hispanics (1) vs other
  groups (0) (en, fr); HatEval tweets without any migration cue in the gazetteer (es, en: 0, weak) and with
  one (1, weak); ToLD-Br xenophobia by ≥2 annotators (pt: 1) and HateBR (pt: 0, the corpus has
  essentially no migration content).
- both: the Chilean Datathon 2022 tweets (es: hate = Odio; migration = the "Comunidades Migrantes" community,
  which also catches nationality slurs outside migration; ≥ 2 of 3 annotators in train, the majority in test;
  its test split is divided by author: authors also in train and half the others train, the rest are held out,
  author-disjoint); the synthetic Latin American sets written for Vigía (`data/training/`, `written`), train only.
- `hate` and `migration` (pt): Fortuna et al. 2019 tweets, hate = the three annotators' combined label;
  migration = the hierarchical labels Migrants, Immigrants or Refugees (1) and hate against other groups only
  (0); one seeded split by text, so a text in both files lands in the same split.
- `frame`: StereoImmigrants T_TAX_1 (victim, economic resource, collective threat, personal threat) and
  its non-stereotype sentences (none).
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(sys.maxsize)

SEED = 13
FRAMES = {1: "victim", 2: "victim", 3: "economic_resource", 4: "collective_threat", 5: "personal_threat"}


class DatasetError(RuntimeError):
    """A dataset folder or file is missing or unreadable."""


@dataclass
class Example:
    id: str
    text: str
    language: str
    dataset: str
    split: str  # train | dev | test (a corpus with no split gets a fixed, seeded one)
    labels: dict[str, str] = field(default_factory=dict)


def _rows(path: Path, delimiter: str = ",") -> Iterable[dict]:
    if not path.is_file():
        raise DatasetError(f"{path} not found: set datasets_dir (VIGIA_DATASETS_DIR) to the shared datasets folder")
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t"
                                  else csv.QUOTE_MINIMAL)


def _seeded_split(key: str, test_share: float = 0.2, dev_share: float = 0.1) -> str:
    """A deterministic split from the id's hash: the same example always lands in the same split."""
    x = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if x < test_share else "dev" if x < test_share + dev_share else "train"


def hateval(root: Path, migration_cue: Callable[[str], bool] | None = None) -> Iterable[Example]:
    for lang in ("es", "en"):
        for split, name in (("train", f"train_{lang}.tsv"), ("dev", f"dev_{lang}.tsv")):
            for row in _rows(root / "hateval2019" / name, "\t"):
                text = row.get("text") or ""
                if not text.strip() or row.get("HS") not in ("0", "1"):
                    continue
                labels = {"hate": "hateful" if row["HS"] == "1" else "not_hateful"}
                if migration_cue is not None:
                    labels["migration"] = "migration" if migration_cue(text) else "not_migration"
                yield Example(f"hateval-{lang}:{row['id']}", text, lang, "hateval2019", split, labels)


def detoxis(root: Path) -> Iterable[Example]:
    for row in _rows(root / "detoxis" / "DATASET_DETOXIS_train.csv"):
        text = row.get("comment") or ""
        if not text.strip():
            continue
        labels = {"hate": "hateful" if row.get("toxicity") == "1" else "not_hateful"}
        if row.get("stereotype") == "1" or (row.get("intolerance") == "1" and row.get("target_group") == "1"):
            labels["migration"] = "migration"
        yield Example(f"detoxis:{row['comment_id']}", text, "es", "detoxis", "test", labels)


def stereoimmigrants(root: Path) -> Iterable[Example]:
    for name, stereo in (("stereotypes.csv", True), ("non-stereotypes.csv", False)):
        for i, row in enumerate(_rows(root / "stereoimmigrants" / name)):
            text = row.get("SENTENCE") or ""
            if not text.strip():
                continue
            labels = {"migration": "migration"}
            if stereo:
                try:
                    labels["frame"] = FRAMES[int(float(row.get("T_TAX_1") or 0))]
                except (ValueError, KeyError):
                    pass
            else:
                labels["frame"] = "none"
            ex_id = f"stereoimmigrants:{'s' if stereo else 'n'}{i}"
            yield Example(ex_id, text, "es", "stereoimmigrants", _seeded_split(ex_id), labels)


def hatebr(root: Path) -> Iterable[Example]:
    for row in _rows(root / "hatebr" / "HateBR.csv"):
        text = row.get("comentario") or ""
        if not text.strip() or row.get("label_final") not in ("0", "1"):
            continue
        ex_id = f"hatebr:{row['id']}"
        yield Example(ex_id, text, "pt", "hatebr", _seeded_split(ex_id),
                      {"hate": "hateful" if row["label_final"] == "1" else "not_hateful",
                       "migration": "not_migration"})


def toldbr(root: Path) -> Iterable[Example]:
    for i, row in enumerate(_rows(root / "told-br" / "ToLD-BR.csv")):
        text = row.get("text") or ""
        try:
            xeno = float(row.get("xenophobia") or 0)
        except ValueError:
            continue
        if xeno >= 2 and text.strip():
            ex_id = f"toldbr:{i}"
            yield Example(ex_id, text, "pt", "told-br", _seeded_split(ex_id), {"migration": "migration"})


def mlma(root: Path) -> Iterable[Example]:
    for lang in ("en", "fr"):
        for row in _rows(root / "mlma" / f"{lang}_dataset.csv"):
            text = row.get("tweet") or ""
            if not text.strip():
                continue
            labels = {"hate": "not_hateful" if row.get("sentiment") == "normal" else "hateful"}
            group = row.get("group") or ""
            labels["migration"] = "migration" if group in ("immigrants", "refugees", "hispanics") else "not_migration"
            ex_id = f"mlma-{lang}:{row['HITId']}"
            yield Example(ex_id, text, lang, "mlma", _seeded_split(ex_id), labels)


def _author_split(author: str, in_train: set[str]) -> str:
    """Chilean test tweets: train when the author also wrote training tweets, else half the authors held out."""
    if author in in_train:
        return "train"
    return "test" if _seeded_split(f"chile-author:{author}", test_share=0.5, dev_share=0.0) == "test" else "train"


def chile(root: Path) -> Iterable[Example]:
    folder = root / "chile-datathon2022"
    train_rows = list(_rows(folder / "tweets_train.csv"))
    authors = {row.get("author_id") or "" for row in train_rows}
    for name, rows, votes in (("train", train_rows, True), ("test", _rows(folder / "tweets_test.csv"), False)):
        for row in rows:
            text = row.get("text") or ""
            try:
                hate, migrant = int(row["Odio"]), int(row["Comunidades Migrantes"])
            except (KeyError, TypeError, ValueError):
                continue
            if not text.strip():
                continue
            cut = 2 if votes else 1
            split = "train" if votes else _author_split(row.get("author_id") or "", authors)
            labels = {"hate": "hateful" if hate >= cut else "not_hateful"}
            if not votes or migrant != 1:  # one vote of three on the community: neither label
                labels["migration"] = "migration" if migrant >= cut else "not_migration"
            yield Example(f"chile-{name}:{row['tweet_id']}", text, "es", "chile-datathon2022", split, labels)


FORTUNA_MIGRATION = ("Migrants", "Immigrants", "Refugees")
FORTUNA_ORIGIN = ("Origin", "Racism", "Latins", "Venezuelans", "South.Americans", "Africans", "Angolans",
                  "Argentines", "Mexicans", "Brazilians", "Black.people", "Muslims", "Islamists", "Arabic",
                  "East.europeans", "Nordestines", "Chinese", "Asians", "Iranians", "Egyptians", "Ucranians",
                  "Russians", "Japaneses", "Jews", "Indigenous")


def fortuna(root: Path) -> Iterable[Example]:
    folder = root / "fortuna-pt-hate"

    def ex_id(text: str) -> str:
        return "fortuna:" + hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]

    for row in _rows(folder / "2019-05-28_portuguese_hate_speech_binary_classification.csv"):
        text = row.get("text") or ""
        if text.strip() and row.get("hatespeech_comb") in ("0", "1"):
            i = ex_id(text)
            yield Example(i, text, "pt", "fortuna-pt-hate", _seeded_split(i),
                          {"hate": "hateful" if row["hatespeech_comb"] == "1" else "not_hateful"})
    for row in _rows(folder / "2019-05-28_portuguese_hate_speech_hierarchical_classification.csv"):
        text = row.get("text") or ""
        if not text.strip() or row.get("Hate.speech") != "1":
            continue
        if any(row.get(k) == "1" for k in FORTUNA_MIGRATION):
            label = "migration"
        elif not any(row.get(k) == "1" for k in FORTUNA_ORIGIN):
            label = "not_migration"
        else:
            continue
        i = ex_id(text)
        yield Example(i + ":h", text, "pt", "fortuna-pt-hate", _seeded_split(i), {"migration": label})


def written(folder: Path) -> list[Example]:
    """Training sets written for Vigía (synthetic, in the repository): `<folder>/<name>.jsonl`, one record per
    line with `id`, `language`, `text` and the labels `hate` and `migration`; dataset `vigia-<name>`."""
    import json

    out: list[Example] = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                labels = {task: row[task] for task in ("hate", "migration")}
                out.append(Example(row["id"], row["text"], row["language"], f"vigia-{path.stem}", "train", labels))
            except (ValueError, KeyError, TypeError) as exc:
                raise DatasetError(f"{path} line {n}: bad record ({type(exc).__name__}: {exc})") from None
    return out


LOADERS: dict[str, Callable[..., Iterable[Example]]] = {
    "hateval2019": hateval, "detoxis": detoxis, "stereoimmigrants": stereoimmigrants, "hatebr": hatebr,
    "told-br": toldbr, "mlma": mlma, "chile-datathon2022": chile, "fortuna-pt-hate": fortuna,
}


def load_all(root: Path, migration_cue: Callable[[str], bool] | None = None,
             only: Iterable[str] | None = None) -> list[Example]:
    root = Path(root).expanduser()
    if not root.is_dir():
        raise DatasetError(f"datasets folder {root} not found: set datasets_dir (VIGIA_DATASETS_DIR)")
    out: list[Example] = []
    found = [name for name in LOADERS if (root / name).is_dir() and (only is None or name in only)]
    if not found:
        raise DatasetError(f"none of the datasets ({', '.join(LOADERS)}) is in {root}: set datasets_dir "
                           "(VIGIA_DATASETS_DIR) to the shared datasets folder")
    for name in found:  # a dataset folder that is absent is simply not used
        loader = LOADERS[name]
        out.extend(loader(root, migration_cue) if name == "hateval2019" else loader(root))
    return out


def task_examples(examples: Iterable[Example], task: str) -> list[Example]:
    return [e for e in examples if task in e.labels]


def sample(examples: list[Example], n: int, seed: int = SEED) -> list[Example]:
    """A seeded, order-independent sample (sorted by id first so the input order does not matter)."""
    ordered = sorted(examples, key=lambda e: e.id)
    if n >= len(ordered):
        return ordered
    return sorted(random.Random(seed).sample(ordered, n), key=lambda e: e.id)


def data_hash(examples: Iterable[Example], task: str) -> str:
    """SHA-256 over (id, text, label) of the examples, sorted: recorded with every trained model."""
    h = hashlib.sha256()
    for e in sorted(examples, key=lambda e: e.id):
        h.update(f"{e.id}\t{e.text}\t{e.labels.get(task, '')}\n".encode())
    return h.hexdigest()

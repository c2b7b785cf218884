"""Vigía's functional test suite for anti-migrant hate in the region (HateCheck-style, synthetic).

Templates written for Vigía (`data/functional/templates/<language>.yaml`) are filled with each target's nouns
(or, for slur templates, with each derogatory term of the lexicon) into cases (`data/functional/cases.jsonl`).
Generation is deterministic: the same templates always give the same file, byte for byte. The split is by
template: a third of the templates of each language and functionality are held out as `test`; spelling
variants follow the template they vary. Every template is labelled twice: by its author (the functionality's
label, or the template's own) and in a second, blind pass over one rendered case per template
(`second_pass/labels.tsv`, keyed by an opaque id of `second_pass/sheet.tsv`); disagreements are settled in
`second_pass/adjudication.yaml`, which gives the gold label.

`python -m nlp.functional generate` writes the cases, `python -m nlp.functional sheet` the blind sheet;
`examples()` gives the cases as training `Example`s (dataset `vigia-functional`); `predict` and `report` score
a classifier on them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nlp.datasets import DatasetError, Example

SUITE_DIR = Path(__file__).resolve().parent.parent / "data" / "functional"
DATASET = "vigia-functional"
LANGUAGES = ("es", "pt", "en", "fr", "ht")
TARGETS = ("venezuelans", "haitians", "nicaraguans", "colombians", "bolivians", "peruvians", "cubans", "migrants",
           "refugees")
# functionality -> the author's hate label unless a template says otherwise
FUNCTIONALITIES: dict[str, str] = {
    "derogation": "hateful", "dehumanisation": "hateful", "threat": "hateful", "slur": "hateful",
    "myth": "hateful", "question": "hateful", "opinion": "hateful", "spelling": "hateful", "emoji": "hateful",
    "negated": "not_hateful", "counter": "not_hateful", "news": "not_hateful", "neutral": "not_hateful",
    "positive": "not_hateful", "reclaimed": "not_hateful",
}
HATEFUL = tuple(f for f, label in FUNCTIONALITIES.items() if label == "hateful")
CONTRASTS = tuple(f for f, label in FUNCTIONALITIES.items() if label == "not_hateful")
EXPLICIT = ("derogation", "dehumanisation", "threat", "slur")  # the "explicit hate"
VARIANTS = ("leet", "accents", "elongation")
PLACEHOLDERS = {"pl", "sg", "home", "slur", "slur_sg"}
HATE_LABELS, MIGRATION_LABELS = ("not_hateful", "hateful"), ("not_migration", "migration")
GENERAL_TARGETS = ("migrants", "refugees")
BY_TARGET = "by_target"  # an adjudicated migration label: about migration only when the target is a general one
TEST_EVERY = 3  # one template in three, per language and functionality, is held out


class SuiteError(DatasetError):
    """A template file, the second pass or the cases file is missing or malformed."""


@dataclass
class Template:
    id: str
    language: str
    functionality: str
    text: str
    hate: str
    migration: str
    variety: str | None = None
    myth: str | None = None
    source: str | None = None
    variant: str | None = None
    split: str = "train"
    second: dict[str, str] = field(default_factory=dict)
    gold: dict[str, str] = field(default_factory=dict)

    @property
    def uses_slur(self) -> bool:
        return "{slur" in self.text


@dataclass
class Language:
    code: str
    targets: dict[str, dict[str, str]]
    slurs: list[dict[str, str]]
    templates: list[Template]


# --- reading the templates -------------------------------------------------------------------------------

def read_language(path: Path) -> Language:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SuiteError(f"{path}: cannot read ({exc})") from None
    code = data.get("language")
    if code not in LANGUAGES:
        raise SuiteError(f"{path}: language '{code}' is not one of {', '.join(LANGUAGES)}")
    targets = data.get("targets") or {}
    if set(targets) != set(TARGETS):
        raise SuiteError(f"{path}: targets must be exactly {', '.join(TARGETS)}")
    for name, forms in targets.items():
        if set(forms) != {"pl", "sg", "home"}:
            raise SuiteError(f"{path}: target {name} needs pl, sg and home")
    slurs = data.get("slurs") or []
    for slur in slurs:
        if set(slur) != {"sg", "pl", "target", "lexicon"} or slur["target"] not in TARGETS:
            raise SuiteError(f"{path}: slur {slur} needs sg, pl, lexicon and a known target")
    templates = []
    for n, row in enumerate(data.get("templates") or [], 1):
        where = f"{path} template {n} ({row.get('id', 'no id')})"
        functionality = row.get("functionality")
        if functionality not in FUNCTIONALITIES:
            raise SuiteError(f"{where}: functionality '{functionality}' is not one of {', '.join(FUNCTIONALITIES)}")
        if not str(row.get("id", "")).startswith(f"{code}-"):
            raise SuiteError(f"{where}: id must start with '{code}-'")
        if functionality == "spelling":
            if row.get("variant") not in VARIANTS or not row.get("source"):
                raise SuiteError(f"{where}: a spelling template needs a source and a variant ({', '.join(VARIANTS)})")
        else:
            used = set(re.findall(r"{(\w+)}", row.get("text") or ""))
            if not used or not used <= PLACEHOLDERS:
                raise SuiteError(f"{where}: text needs placeholders among {', '.join(sorted(PLACEHOLDERS))}")
        hate = row.get("hate", FUNCTIONALITIES[functionality])
        migration = row.get("migration", "migration")
        if hate not in HATE_LABELS or migration not in MIGRATION_LABELS:
            raise SuiteError(f"{where}: bad label")
        templates.append(Template(row["id"], code, functionality, row.get("text", ""), hate, migration,
                                  row.get("variety"), row.get("myth"), row.get("source"), row.get("variant")))
    return Language(code, targets, slurs, templates)


def read_suite(folder: Path = SUITE_DIR) -> list[Language]:
    """Every language's templates, with their split, second-pass labels and gold labels."""
    folder = Path(folder)
    languages = [read_language(folder / "templates" / f"{code}.yaml") for code in LANGUAGES]
    by_id: dict[str, Template] = {}
    for lang in languages:
        for t in lang.templates:
            if t.id in by_id:
                raise SuiteError(f"template id {t.id} is used twice")
            by_id[t.id] = t
    for t in by_id.values():
        if t.source is not None:
            source = by_id.get(t.source)
            if source is None or source.language != t.language or source.source is not None:
                raise SuiteError(f"template {t.id}: source {t.source} is not a written template of {t.language}")
            t.text, t.variety, t.myth = source.text, source.variety, source.myth
            if _vary(t.text, t.variant, t.language).lower() == t.text.lower():
                raise SuiteError(f"template {t.id}: variant {t.variant} leaves {t.source} unchanged")
    _assign_splits(languages, by_id)
    _attach_second_pass(folder, by_id)
    return languages


def _assign_splits(languages: list[Language], by_id: dict[str, Template]) -> None:
    for lang in languages:
        groups: dict[str, list[Template]] = defaultdict(list)
        for t in lang.templates:
            if t.source is None:
                groups[t.functionality].append(t)
        for group in groups.values():
            for i, t in enumerate(sorted(group, key=lambda t: t.id)):
                t.split = "test" if i % TEST_EVERY == 1 else "train"
        for t in lang.templates:
            if t.source is not None:
                t.split = by_id[t.source].split


# --- rendering ------------------------------------------------------------------------------------------

LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "A": "4", "E": "3", "I": "1", "O": "0"})
WORD = re.compile(r"[^\W\d_]+")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _longest_word(text: str) -> str:
    words = [w for w in WORD.findall(re.sub(r"{\w+}", " ", text))]
    return max(words, key=lambda w: (len(w), -words.index(w))) if words else ""


def _vary(text: str, variant: str | None, language: str) -> str:
    """A spelling variant of a template's text (placeholders untouched): leet-speak of its longest word,
    accents and opening marks dropped and all lowercase, or its longest word elongated and shouted."""
    if variant is None:
        return text
    if variant == "accents":
        return _strip_accents(text).replace("¿", "").replace("¡", "").lower().rstrip(".")
    word = _longest_word(text)
    if variant == "leet":
        return text.replace(word, word.translate(LEET), 1)
    vowels = [i for i, c in enumerate(word) if c.lower() in "aeiouáéíóúàèòêôâ"]
    long = word[:vowels[-1] + 1] + word[vowels[-1]] * 5 + word[vowels[-1] + 1:] if vowels else word
    out = text.replace(word, long, 1)
    return out if out.endswith("?") else out + "!!!"


def _fill(text: str, values: dict[str, str], variant: str | None = None) -> str:
    out = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], text)
    return out if variant == "accents" else out[:1].upper() + out[1:]


def _fillings(template: Template, lang: Language) -> list[tuple[str, str, dict[str, str]]]:
    """(target, term, placeholder values) for each case a template makes."""
    if template.uses_slur:
        return [(s["target"], s["sg"], {"slur": s["pl"], "slur_sg": s["sg"], **lang.targets[s["target"]]})
                for s in lang.slurs]
    return [(target, forms["pl"], forms) for target, forms in lang.targets.items()]


def _values(template: Template, forms: dict[str, str]) -> dict[str, str]:
    if template.variant == "leet":
        return {k: v.translate(LEET) if k in ("pl", "sg", "slur", "slur_sg") else v for k, v in forms.items()}
    if template.variant == "accents":
        return {k: _strip_accents(v).lower() for k, v in forms.items()}
    return forms


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _strip_accents(text).lower()).strip("-")


def generate(folder: Path = SUITE_DIR) -> list[dict]:
    """Every case of the suite, in a fixed order (language, template, target)."""
    cases = []
    for lang in read_suite(folder):
        for t in lang.templates:
            text = _vary(t.text, t.variant, t.language)
            for target, term, forms in _fillings(t, lang):
                case = {"id": f"{t.id}-{_slug(term) if t.uses_slur else target}", "language": t.language,
                        "variety": t.variety, "functionality": t.functionality, "target": target, "term": term,
                        "template_id": t.id, "split": t.split, "text": _fill(text, _values(t, forms), t.variant),
                        "hate": t.gold["hate"], "migration": gold_migration(t, target)}
                if t.myth:
                    case["myth"] = t.myth
                case["annotations"] = {"author": {"hate": t.hate, "migration": t.migration},
                                       "second": dict(t.second)}
                case["synthetic"] = True
                cases.append(case)
    return cases


def gold_migration(template: Template, target: str) -> str:
    label = template.gold["migration"]
    if label == BY_TARGET:
        return "migration" if target in GENERAL_TARGETS else "not_migration"
    return label


def cases_jsonl(cases: Iterable[dict]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)


def write_cases(folder: Path = SUITE_DIR) -> Path:
    path = Path(folder) / "cases.jsonl"
    path.write_text(cases_jsonl(generate(folder)), encoding="utf-8")
    return path


# --- the second, blind labelling pass --------------------------------------------------------------------

def blind_key(template_id: str) -> str:
    return hashlib.sha256(f"vigia-functional-blind:{template_id}".encode()).hexdigest()[:10]


def blind_sheet(languages: list[Language]) -> list[tuple[str, str, str]]:
    """(key, language, text): one case per template, its target picked from the id's hash, sorted by the
    opaque key, so that the sheet shows neither functionality, template nor label."""
    rows = []
    for lang in languages:
        for t in lang.templates:
            fillings = _fillings(t, lang)
            target, term, forms = fillings[int(blind_key(t.id), 16) % len(fillings)]
            rows.append((blind_key(t.id), t.language, _fill(_vary(t.text, t.variant, t.language), _values(t, forms),
                                                                t.variant)))
    return sorted(rows)


def write_sheet(folder: Path = SUITE_DIR) -> Path:
    languages = [read_language(Path(folder) / "templates" / f"{code}.yaml") for code in LANGUAGES]
    by_id = {t.id: t for lang in languages for t in lang.templates}
    for t in by_id.values():
        if t.source is not None:
            t.text = by_id[t.source].text
    path = Path(folder) / "second_pass" / "sheet.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("key\tlanguage\ttext\n" + "".join(f"{k}\t{lang}\t{text}\n" for k, lang, text
                                                      in blind_sheet(languages)), encoding="utf-8")
    return path


def _attach_second_pass(folder: Path, by_id: dict[str, Template]) -> None:
    labels_path = folder / "second_pass" / "labels.tsv"
    if not labels_path.is_file():
        raise SuiteError(f"{labels_path} not found: the second labelling pass is missing")
    keys = {blind_key(t.id): t for t in by_id.values()}
    for n, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines()[1:], 2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] not in keys or parts[1] not in HATE_LABELS or parts[2] not in MIGRATION_LABELS:
            raise SuiteError(f"{labels_path} line {n}: expected key, hate label, migration label")
        keys[parts[0]].second = {"hate": parts[1], "migration": parts[2]}
    missing = [t.id for t in by_id.values() if not t.second]
    if missing:
        raise SuiteError(f"{labels_path}: no second label for {len(missing)} templates ({', '.join(missing[:3])} …)")
    adjudication_path = folder / "second_pass" / "adjudication.yaml"
    adjudication = (yaml.safe_load(adjudication_path.read_text(encoding="utf-8")) or {}
                    if adjudication_path.is_file() else {})
    for t in by_id.values():
        t.gold = {"hate": t.hate, "migration": t.migration}
        disagree = [task for task in ("hate", "migration") if t.second[task] != t.gold[task]]
        if disagree and t.id not in adjudication:
            raise SuiteError(f"{adjudication_path}: the passes disagree on {t.id} ({', '.join(disagree)}) and no "
                             "decision is recorded")
        decision = adjudication.get(t.id) or {}
        for task in ("hate", "migration"):
            if task in decision:
                labels = HATE_LABELS if task == "hate" else MIGRATION_LABELS + (BY_TARGET,)
                if decision[task] not in labels:
                    raise SuiteError(f"{adjudication_path}: {t.id}: bad {task} label {decision[task]!r}")
                t.gold[task] = decision[task]


def kappa(first: list[str], second: list[str]) -> float | None:
    """Cohen's kappa of two labellings; None where chance agreement is 1 (a single label on both sides)."""
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second)) / n
    c1, c2 = Counter(first), Counter(second)
    expected = sum(c1[k] * c2[k] for k in set(c1) | set(c2)) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


def _agreement_cell(templates: list[Template], task: str) -> dict:
    first = [t.hate if task == "hate" else t.migration for t in templates]
    second = [t.second[task] for t in templates]
    k = kappa(first, second)
    return {"n": len(templates), "agree": sum(a == b for a, b in zip(first, second)),
            "percent": round(100 * sum(a == b for a, b in zip(first, second)) / len(templates), 1),
            "kappa": None if k is None else round(k, 3)}


def agreement(languages: list[Language]) -> dict:
    """Author against second pass, per template: overall, per language and per functionality, per task."""
    templates = [t for lang in languages for t in lang.templates]
    out: dict = {}
    for task in ("hate", "migration"):
        out[task] = {"overall": _agreement_cell(templates, task),
                     "per_language": {c: _agreement_cell([t for t in templates if t.language == c], task)
                                      for c in LANGUAGES},
                     "per_functionality": {f: _agreement_cell([t for t in templates if t.functionality == f], task)
                                           for f in FUNCTIONALITIES}}
    out["disagreements"] = [{"template": t.id, "author": {"hate": t.hate, "migration": t.migration},
                             "second": t.second, "gold": t.gold} for t in templates
                            if t.second != {"hate": t.hate, "migration": t.migration}]
    return out


def agreement_markdown(agr: dict) -> str:
    """The agreement tables of data/functional/README.md (a test checks that the README shows these)."""
    def fmt(cell: dict) -> str:
        k = "–" if cell["kappa"] is None else f"{cell['kappa']:.3f}"
        return f"{cell['agree']}/{cell['n']} ({cell['percent']:.1f} %) | {k}"

    lines = ["| | templates | hate: agreement | hate: κ | migration: agreement | migration: κ |",
             "|---|---|---|---|---|---|"]
    rows = [("**all**", "overall", None)] + [(c, "per_language", c) for c in LANGUAGES]
    rows += [(f, "per_functionality", f) for f in FUNCTIONALITIES]
    for name, key, cell in rows:
        h = agr["hate"][key] if cell is None else agr["hate"][key][cell]
        m = agr["migration"][key] if cell is None else agr["migration"][key][cell]
        lines.append(f"| {name} | {h['n']} | {fmt(h)} | {fmt(m)} |")
    return "\n".join(lines)


def coverage_markdown(cases: list[dict]) -> str:
    """Cases per functionality × language and per target × language (test-split cases in brackets)."""
    def table(key: str, names: Iterable[str]) -> list[str]:
        count = Counter((c[key], c["language"]) for c in cases)
        test = Counter((c[key], c["language"]) for c in cases if c["split"] == "test")
        out = [f"| {key} | " + " | ".join(LANGUAGES) + " | all |", "|---" * (len(LANGUAGES) + 2) + "|"]
        for name in names:
            cells = [f"{count[name, lang]} ({test[name, lang]})" for lang in LANGUAGES]
            total = sum(count[name, lang] for lang in LANGUAGES)
            out.append(f"| {name} | " + " | ".join(cells) + f" | {total} |")
        totals = [f"{sum(1 for c in cases if c['language'] == lang)}" for lang in LANGUAGES]
        out.append("| **all** | " + " | ".join(totals) + f" | {len(cases)} |")
        return out

    return "\n".join(table("functionality", FUNCTIONALITIES) + [""] + table("target", TARGETS))


# --- using the cases -------------------------------------------------------------------------------------

def read_cases(path: Path = SUITE_DIR / "cases.jsonl", split: str | None = None) -> list[dict]:
    """The committed cases (`split`: train, test or None for all)."""
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"{path} not found (run `python -m nlp.functional generate`)")
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            case = json.loads(line)
            if case["hate"] not in HATE_LABELS or case["migration"] not in MIGRATION_LABELS or not case["text"]:
                raise ValueError("bad label or empty text")
        except (ValueError, KeyError, TypeError) as exc:
            raise SuiteError(f"{path} line {n}: bad case ({type(exc).__name__}: {exc})") from None
        if split is None or case["split"] == split:
            cases.append(case)
    return cases


def examples(path: Path = SUITE_DIR / "cases.jsonl", split: str | None = "train") -> list[Example]:
    """The cases as `Example`s of dataset `vigia-functional` (labels `hate`, `migration`, and `myth` on the
    myth cases); the `train` split by default, since the `test` split holds the held-out templates."""
    return [Example(c["id"], c["text"], c["language"], DATASET, c["split"],
                    {"hate": c["hate"], "migration": c["migration"], **({"myth": c["myth"]} if "myth" in c else {})})
            for c in read_cases(path, split)]


def predict(classifier, cases: list[dict], progress: Callable[[int], None] | None = None) -> list[dict]:
    """The classifier's hate (and, where it has the head, migration) decision on each case."""
    texts, langs = [c["text"] for c in cases], [c["language"] for c in cases]
    emb = classifier.embed(texts, progress=progress)
    out = [{"id": c["id"]} for c in cases]
    for task in ("hate", "migration"):
        if task in classifier.tasks:
            for row, result in zip(out, classifier.decide(classifier.probabilities(emb, task, texts), task, langs)):
                row[task] = result.label
                row[f"{task}_score"] = round(float(result.positive_score), 4)
    return out


def _cell(pairs: list[tuple[str, str]]) -> dict:
    correct = sum(gold == pred for gold, pred in pairs)
    return {"n": len(pairs), "correct": correct, "accuracy": round(correct / len(pairs), 4) if pairs else None}


def _grouped(cases: list[dict], predictions: dict[str, dict], task: str, key: Callable[[dict], str | None]) -> dict:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for c in cases:
        k = key(c)
        if k is not None:
            groups[k].append((c[task], predictions[c["id"]][task]))
    return {k: _cell(v) for k, v in groups.items()}


def report(cases: list[dict], predictions: list[dict]) -> dict:
    """Accuracy per functionality, target, language (and language × functionality), and the headline shares:
    explicit hate recognized and non-hateful contrasts kept non-hateful, per language."""
    by_id = {p["id"]: p for p in predictions}
    if set(by_id) != {c["id"] for c in cases}:
        raise SuiteError("the predictions do not cover exactly the cases")
    order = {"functionality": list(FUNCTIONALITIES), "target": list(TARGETS), "language": list(LANGUAGES)}

    def ordered(cells: dict, names: list[str]) -> dict:
        return {k: cells[k] for k in names if k in cells}

    out: dict = {"n": len(cases), "templates": len({c["template_id"] for c in cases})}
    for task in ("hate", "migration"):
        if not all(task in p for p in predictions):
            continue
        r = {"overall": _cell([(c[task], by_id[c["id"]][task]) for c in cases])}
        for name, names in order.items():
            r[f"per_{name}"] = ordered(_grouped(cases, by_id, task, lambda c, n=name: c[n]), names)
        r["per_language_functionality"] = {
            lang: ordered(_grouped([c for c in cases if c["language"] == lang], by_id, task,
                                   lambda c: c["functionality"]), order["functionality"])
            for lang in LANGUAGES if any(c["language"] == lang for c in cases)}
        out[task] = r
    if "hate" in out:
        def share(funcs: tuple[str, ...]) -> dict:
            cells = _grouped(cases, by_id, "hate", lambda c: c["language"] if c["functionality"] in funcs else None)
            cells = ordered(cells, order["language"])
            total = _cell([(c["hate"], by_id[c["id"]]["hate"]) for c in cases if c["functionality"] in funcs])
            return {**cells, "all": total}

        out["headline"] = {"explicit_hate_recognized": share(EXPLICIT), "hate_recognized": share(HATEFUL),
                           "contrasts_kept": share(CONTRASTS)}
    return out


def quick_sample(cases: list[dict]) -> list[dict]:
    """One case per template (its target picked from the template id's hash, as on the blind sheet): a small,
    fixed slice for a fast regression test."""
    by_template: dict[str, list[dict]] = defaultdict(list)
    for c in cases:
        by_template[c["template_id"]].append(c)
    return [group[int(blind_key(tid), 16) % len(group)] for tid, group in by_template.items()]


def figures(rep: dict) -> dict:
    """The figures a baseline records and a regression check compares: the headline shares per language and
    hate accuracy per functionality (each with its n)."""
    out = {f"{name}/{lang}": cell for name, cells in rep["headline"].items() for lang, cell in cells.items()}
    out.update({f"hate/{f}": cell for f, cell in rep["hate"]["per_functionality"].items()})
    return {k: {"n": v["n"], "accuracy": v["accuracy"]} for k, v in out.items() if v["n"]}


def regressions(rep: dict, baseline: dict, tolerance: float = 0.02) -> list[str]:
    """Every figure of `baseline` (from `figures`) that `rep` falls below by more than the tolerance, or by
    more than one case where a cell is small."""
    now = figures(rep)
    out = []
    for key, before in baseline.items():
        cell = now.get(key)
        if cell is None:
            out.append(f"{key}: missing (baseline {before['accuracy']:.3f} of {before['n']})")
            continue
        allowed = max(tolerance, 1 / before["n"])
        if cell["accuracy"] < before["accuracy"] - allowed - 1e-9:
            out.append(f"{key}: {cell['accuracy']:.3f} of {cell['n']} < baseline {before['accuracy']:.3f} "
                       f"of {before['n']}")
    return out


def main(argv: list[str]) -> int:
    commands = {"generate": write_cases, "sheet": write_sheet}
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m nlp.functional generate|sheet", file=sys.stderr)
        return 2
    print(commands[argv[0]]())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

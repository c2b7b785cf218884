"""Vigía's functional test suite (data/functional/): its invariants, its loader, `vigia models functional` on a
tiny classifier, and the shipped model against its recorded baseline."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO
from nlp import functional as suite
from vigia.cli.main import cli

SUITE = REPO / "data" / "functional"
SHIPPED = REPO / "data" / "models" / "vigia-xeno-e5"


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return suite.read_cases(SUITE / "cases.jsonl")


def test_regenerating_the_cases_gives_the_committed_file_byte_for_byte():
    assert suite.cases_jsonl(suite.generate(SUITE)).encode() == (SUITE / "cases.jsonl").read_bytes()


def test_the_suite_covers_every_functionality_language_and_target(cases):
    assert len(cases) >= 3000
    assert len({c["id"] for c in cases}) == len(cases)
    cells = Counter((c["functionality"], c["language"]) for c in cases)
    assert {(f, lang) for f in suite.FUNCTIONALITIES for lang in suite.LANGUAGES} <= set(cells)
    assert {(c["target"], c["language"]) for c in cases} == {(t, lang) for t in suite.TARGETS
                                                           for lang in suite.LANGUAGES}
    assert all(c["synthetic"] is True and c["text"].strip() and "{" not in c["text"] for c in cases)
    assert all(c["hate"] == suite.FUNCTIONALITIES[c["functionality"]] for c in cases)


def test_the_split_is_by_template_with_held_out_templates_in_every_cell(cases):
    split_of: dict[str, set[str]] = {}
    for c in cases:
        split_of.setdefault(c["template_id"], set()).add(c["split"])
    assert all(len(splits) == 1 for splits in split_of.values())
    templates = {c["template_id"]: c for c in cases}
    for lang in suite.LANGUAGES:
        for f in suite.FUNCTIONALITIES:
            splits = Counter(t["split"] for t in templates.values() if t["language"] == lang
                             and t["functionality"] == f)
            assert splits["train"] and splits["test"], (lang, f, splits)
    share = sum(t["split"] == "test" for t in templates.values()) / len(templates)
    assert 0.25 <= share <= 0.45
    # a spelling variant is held out exactly when the template it varies is
    sources = {t.id: t.source for lang in suite.read_suite(SUITE) for t in lang.templates if t.source}
    assert sources and all(templates[v]["split"] == templates[s]["split"] for v, s in sources.items())


def test_every_case_has_two_labellings_and_gold_follows_the_adjudication(cases):
    adjudication = yaml.safe_load((SUITE / "second_pass" / "adjudication.yaml").read_text(encoding="utf-8"))
    for c in cases:
        first, second = c["annotations"]["author"], c["annotations"]["second"]
        assert set(first) == set(second) == {"hate", "migration"}
        decision = adjudication.get(c["template_id"], {})
        if first != second:
            assert decision, c["id"]
        expected = decision.get("migration", first["migration"])
        if expected == suite.BY_TARGET:
            expected = "migration" if c["target"] in suite.GENERAL_TARGETS else "not_migration"
        assert c["migration"] == expected, c["id"]


def test_the_blind_sheet_shows_no_label_and_is_the_committed_one():
    languages = suite.read_suite(SUITE)
    sheet = (SUITE / "second_pass" / "sheet.tsv").read_text(encoding="utf-8").splitlines()
    assert sheet[0] == "key\tlanguage\ttext"
    assert sheet[1:] == [f"{k}\t{lang}\t{text}" for k, lang, text in suite.blind_sheet(languages)]
    assert len(sheet) - 1 == sum(len(lang.templates) for lang in languages)
    ids = {t.id for lang in languages for t in lang.templates}
    assert not any(i in line or "hateful" in line for line in sheet for i in ids)


def test_the_readme_shows_the_agreement_and_coverage_the_data_give(cases):
    readme = (SUITE / "README.md").read_text(encoding="utf-8")
    agreement = suite.agreement(suite.read_suite(SUITE))
    assert suite.agreement_markdown(agreement) in readme
    assert suite.coverage_markdown(cases) in readme
    for d in agreement["disagreements"]:
        assert d["template"] in readme


def test_myths_and_slurs_come_from_the_project_lexicon_and_taxonomy(cases):
    taxonomy = yaml.safe_load((REPO / "data" / "myths" / "taxonomy.yaml").read_text(encoding="utf-8"))["myths"]
    assert {c["myth"] for c in cases if "myth" in c} == set(taxonomy)
    # a myth template and its spelling variants carry the myth
    assert all("myth" in c for c in cases if c["functionality"] == "myth")
    assert all(c["functionality"] in ("myth", "spelling") for c in cases if "myth" in c)
    lexicon = yaml.safe_load((REPO / "data" / "lexicons" / "targets.yaml").read_text(encoding="utf-8"))
    listed = {(s["lang"], form): s["group"] for s in lexicon["slurs"] for form in s["forms"]}
    stigmatizing = {(s["lang"], form) for s in lexicon["stigmatizing_terms"] for form in s["forms"]}
    for lang in suite.read_suite(SUITE):
        for slur in lang.slurs:
            if slur["lexicon"] == "slur":
                assert listed[lang.code, slur["sg"]] == slur["target"] and (lang.code, slur["pl"]) in listed
            elif slur["lexicon"] == "stigmatizing":
                assert (lang.code, slur["pl"]) in stigmatizing
    spanish = {form for (lang, form) in listed if lang == "es"}
    used = {c["term"] for c in cases if c["language"] == "es" and c["functionality"] == "slur"}
    assert {s["term"] for s in lexicon["slurs"] if s["lang"] == "es"} <= used <= spanish


def test_the_loader_gives_the_train_split_as_examples(cases):
    examples = suite.examples(SUITE / "cases.jsonl")
    train = [c for c in cases if c["split"] == "train"]
    assert [e.id for e in examples] == [c["id"] for c in train]
    assert {e.dataset for e in examples} == {"vigia-functional"} and {e.split for e in examples} == {"train"}
    by_id = {c["id"]: c for c in train}
    for e in examples:
        c = by_id[e.id]
        assert (e.text, e.language, e.labels["hate"], e.labels["migration"]) == (
            c["text"], c["language"], c["hate"], c["migration"])
        assert e.labels.get("myth") == c.get("myth")
    assert len(suite.examples(SUITE / "cases.jsonl", split="test")) == len(cases) - len(train)


def test_a_malformed_template_is_named(tmp_path: Path):
    folder = tmp_path / "suite"
    (folder / "templates").mkdir(parents=True)
    text = (SUITE / "templates" / "es.yaml").read_text(encoding="utf-8")
    (folder / "templates" / "es.yaml").write_text(text.replace("functionality: threat", "functionality: menace", 1),
                                                  encoding="utf-8")
    with pytest.raises(suite.SuiteError, match="es-threat-01.*menace"):
        suite.read_language(folder / "templates" / "es.yaml")


def test_the_report_is_computed_from_the_predictions(cases):
    sample = suite.quick_sample([c for c in cases if c["split"] == "test"])
    # predictions that call every third case hateful and every other case about migration
    predictions = [{"id": c["id"], "hate": "hateful" if i % 3 == 0 else "not_hateful",
                    "migration": "migration" if i % 2 else "not_migration"} for i, c in enumerate(sample)]
    report = suite.report(sample, predictions)
    assert_report_matches(report, sample, {p["id"]: p for p in predictions})


def assert_report_matches(report: dict, cases: list[dict], predictions: dict[str, dict]) -> None:
    def accuracy(selected: list[dict], task: str = "hate") -> float:
        return round(sum(c[task] == predictions[c["id"]][task] for c in selected) / len(selected), 4)

    assert report["n"] == len(cases)
    for task in ("hate", "migration"):
        assert report[task]["overall"]["accuracy"] == accuracy(cases, task)
        for key in ("functionality", "target", "language"):
            for name, cell in report[task][f"per_{key}"].items():
                selected = [c for c in cases if c[key] == name]
                assert (cell["n"], cell["accuracy"]) == (len(selected), accuracy(selected, task))
    head = report["headline"]
    for lang in suite.LANGUAGES:
        explicit = [c for c in cases if c["language"] == lang and c["functionality"] in suite.EXPLICIT]
        contrasts = [c for c in cases if c["language"] == lang and c["hate"] == "not_hateful"]
        recognized = sum(predictions[c["id"]]["hate"] == "hateful" for c in explicit) / len(explicit)
        kept = sum(predictions[c["id"]]["hate"] == "not_hateful" for c in contrasts) / len(contrasts)
        assert head["explicit_hate_recognized"][lang]["accuracy"] == round(recognized, 4)
        assert head["contrasts_kept"][lang]["accuracy"] == round(kept, 4)


def test_vigia_models_functional_runs_a_classifier_on_the_suite(trained: Path, models_dir: Path, cases,
                                                                tmp_path: Path):
    small = suite.quick_sample([c for c in cases if c["split"] == "test"])[::3]
    cases_file = tmp_path / "cases.jsonl"
    cases_file.write_text(suite.cases_jsonl(small), encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    env = {"VIGIA_MODELS_DIR": str(models_dir)}
    result = CliRunner().invoke(cli, ["models", "functional", "--model", str(trained), "--cases", str(cases_file),
                                      "--predictions", str(predictions), "--json"], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = {r["id"]: r for r in map(json.loads, predictions.read_text(encoding="utf-8").splitlines())}
    assert set(rows) == {c["id"] for c in small}
    assert all(r["hate"] in suite.HATE_LABELS and 0.0 <= r["hate_score"] <= 1.0 for r in rows.values())
    assert set(report["hate"]["per_language"]) == {c["language"] for c in small}
    assert set(report["headline"]) == {"explicit_hate_recognized", "hate_recognized", "contrasts_kept"}
    assert_report_matches(report, small, rows)

    text = CliRunner().invoke(cli, ["models", "functional", "--model", str(trained), "--cases", str(cases_file)],
                              env=env, catch_exceptions=False)
    assert text.exit_code == 0 and "explicit hate recognized" in text.output
    assert f"{len(small)} cases in" in text.output.splitlines()[-1]


def test_vigia_models_functional_refuses_a_bad_baseline_in_one_line(tmp_path: Path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["models", "functional", "--against", str(bad)])
    assert result.exit_code != 0
    assert "not a functional baseline" in result.output and "Traceback" not in result.output


def test_the_shipped_model_keeps_its_recorded_functional_figures(models_dir: Path, cases):
    """The regression check on a fixed slice (one case per held-out template); `vigia models functional
    --against data/functional/baseline.json` checks the whole test split."""
    from nlp.classifier import Classifier

    baseline = json.loads((SUITE / "baseline.json").read_text(encoding="utf-8"))
    sample = suite.quick_sample([c for c in cases if c["split"] == baseline["split"]])
    clf = Classifier(SHIPPED, models_dir / "multilingual-e5-small")
    report = suite.report(sample, suite.predict(clf, sample))
    assert set(suite.figures(report)) == set(baseline["quick"])
    assert suite.regressions(report, baseline["quick"], baseline["tolerance"]) == []

"""The one reader of the myth taxonomy: the file's myths in order, read again when the file changes, plain errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nlp.taxonomy import TaxonomyError, myth_ids, myth_names, read_taxonomy
from vigia.counter.library import CounterError, load_taxonomy_ids

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "data" / "myths" / "taxonomy.yaml"


def test_the_project_taxonomy_reads_as_the_file_says():
    raw = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["myths"]
    assert myth_ids(TAXONOMY) == list(raw) and len(raw) >= 5
    assert myth_names(TAXONOMY)["jobs_wages"] == raw["jobs_wages"]["name"]
    assert read_taxonomy(TAXONOMY)["jobs_wages"]["cues"] == raw["jobs_wages"]["cues"]


def test_a_changed_file_is_read_again(tmp_path: Path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("myths:\n  a: {name: {es: Uno}}\n", encoding="utf-8")
    assert myth_names(path) == {"a": {"es": "Uno"}}
    path.write_text("myths:\n  b: {name: {es: Dos}}\n  a: {}\n", encoding="utf-8")
    assert myth_ids(path) == ["b", "a"] and myth_names(path)["a"] == {}


@pytest.mark.parametrize(("content", "message"), [
    (None, "file not found"),
    ("myths: [", "cannot read: "),
    ("myths: [jobs_wages]\n", "field 'myths': expected a mapping of myth ids"),
    ("", "field 'myths': expected a mapping of myth ids"),
])
def test_a_bad_taxonomy_is_one_plain_error_naming_the_file(tmp_path: Path, content: str | None, message: str):
    path = tmp_path / "taxonomy.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=f"^{path}: {message}"):
        read_taxonomy(path)
    with pytest.raises(CounterError, match=f"^{path}: {message}"):  # the counter library's error, same words
        load_taxonomy_ids(path)


def test_reading_the_taxonomy_loads_no_model():
    code = "import sys, nlp.taxonomy, vigia.counter.library; print(sorted({'torch', 'spacy'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]"

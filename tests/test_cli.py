"""The `vigia` command line, driven as a user drives it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from vigia.cli.main import cli

BROKEN = Path(__file__).resolve().parent / "data" / "broken.csv"


def vigia(*args: str, ok: bool = True) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


@pytest.fixture
def imported(isolated: Path) -> str:
    return vigia("import", str(BROKEN), "--map", "likes=engagement.likes")


def quarantine_entries(data_dir: Path) -> list[dict]:
    return [json.loads(line) for path in sorted((data_dir / "quarantine").glob("*.jsonl"))
            for line in path.read_text().splitlines()]


def test_import_keeps_good_rows_and_quarantines_bad_ones(imported: str, isolated: Path):
    assert "8 seen, 3 new, 0 updated, 0 unchanged, 5 quarantined" in imported
    assert "columns not mapped to any field (ignored): extra_column" in imported
    entries = {e["ref"]: e for e in quarantine_entries(isolated)}
    assert {ref: (e["field"], e["reason"][:40]) for ref, e in entries.items()} == {
        "broken.csv line 3": ("created_at", entries["broken.csv line 3"]["reason"][:40]),
        "broken.csv line 5": ("country", entries["broken.csv line 5"]["reason"][:40]),
        "broken.csv line 6": ("text", "Field required"),
        "broken.csv line 7": ("engagement.likes", entries["broken.csv line 7"]["reason"][:40]),
        "broken.csv line 9": (None, "1 more cells than columns"),
    }
    assert "datetime" in entries["broken.csv line 3"]["reason"]
    assert entries["broken.csv line 5"]["record"]["country"] == "Chile"


def test_importing_twice_adds_nothing(imported: str):
    again = vigia("import", str(BROKEN), "--map", "likes=engagement.likes")
    assert "0 new, 0 updated, 3 unchanged" in again
    assert "3 matching posts" in vigia("search")


def test_search_with_text_and_filters(imported: str):
    out = vigia("search", "venezolanos")
    assert "x:1" in out and "1 matching posts" in out
    assert "0 matching posts" in vigia("search", "venezolanos", "--country", "cl")
    out = vigia("search", "--country", "CR", "--json")
    posts = [json.loads(line) for line in out.splitlines()]
    assert [p["id"] for p in posts] == ["x:7"]
    assert posts[0]["author"].startswith("a_") and "@rosa" not in out and posts[0]["author_raw"] is None
    assert vigia("search", "--target", "haitians", "--json").count('"id"') == 1


def test_search_rejects_a_label_without_a_task(imported: str):
    out = vigia("search", "--label", "hateful", ok=False)
    assert "need a task" in out and "Traceback" not in out


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_is_complete_and_redacted(imported: str, tmp_path: Path, fmt: str):
    out_file = tmp_path / f"out.{fmt}"
    assert "3 posts written" in vigia("export", "--format", fmt, "-o", str(out_file))
    if fmt == "csv":
        rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    else:
        rows = pq.read_table(out_file).to_pylist()
    assert sorted(r["id"] for r in rows) == ["x:1", "x:3", "x:7"]
    contact = next(r for r in rows if r["id"] == "x:7")["text"]
    assert "[EMAIL]" in contact and "[PHONE]" in contact and "example.org" not in contact
    raw_file = tmp_path / f"raw.{fmt}"
    vigia("export", "--format", fmt, "-o", str(raw_file), "--raw", "--country", "CR")
    assert "rosa.m@example.org" in (raw_file.read_bytes().decode("utf-8", "ignore") if fmt != "parquet"
                                    else str(pq.read_table(raw_file).to_pylist()))


def test_export_with_filters(imported: str, tmp_path: Path):
    out_file = tmp_path / "co.jsonl"
    assert "1 posts written" in vigia("export", "-o", str(out_file), "--country", "CO")


def test_export_follows_the_file_extension_and_refuses_a_contradicting_format(imported: str, tmp_path: Path):
    out_file = tmp_path / "posts.csv"
    assert "(csv, redacted)" in vigia("export", "-o", str(out_file))
    assert sorted(r["id"] for r in csv.DictReader(out_file.open(encoding="utf-8"))) == ["x:1", "x:3", "x:7"]
    parquet = tmp_path / "posts.parquet"
    vigia("export", "-o", str(parquet))
    assert pq.read_table(parquet).num_rows == 3
    clash = tmp_path / "clash.csv"
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "-o", str(clash)])
    assert result.exit_code != 0 and "contradicts" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and not clash.exists()
    plain = tmp_path / "posts.txt"
    assert "(jsonl, redacted)" in vigia("export", "-o", str(plain))


def test_store_flag_overrides_the_default(imported: str, tmp_path: Path):
    other = tmp_path / "other.db"
    assert "0 matching posts" in vigia("search", "--store", f"sqlite:///{other}")
    vigia("import", str(BROKEN), "--store", f"sqlite:///{other}")
    assert "matching posts" in vigia("search", "--store", f"sqlite:///{other}")


def test_classify_reenriches_after_a_lexicon_change(imported: str, tmp_path: Path, monkeypatch):
    assert "3 seen, 0 updated, 3 unchanged" in vigia("classify").splitlines()[-1].replace("0 new, ", "")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("groups:\n  demo_group:\n    terms:\n      es: [empleo]\n")
    monkeypatch.setenv("VIGIA_LEXICON_PATH", str(lexicon))
    assert "2 updated, 1 unchanged" in vigia("classify")  # x:1 gains a group, x:3 loses 'haitianos'
    assert "x:1" in vigia("search", "--target", "demo_group")
    assert "0 matching posts" in vigia("search", "--target", "haitians")


def test_doctor_reports_checks(imported: str):
    out = vigia("doctor")
    assert "store:" in out and "holds 3 posts" in out and "everything looks right" in out


def test_doctor_fails_with_advice(isolated: Path, monkeypatch):
    monkeypatch.setenv("VIGIA_LEXICON_PATH", "/nonexistent/lexicon.yaml")
    out = vigia("doctor", ok=False)
    assert "FAIL target lexicon" in out and "fix:" in out


@pytest.mark.parametrize("args,message", [
    (["import", "missing.csv"], "does not exist"),
    (["import", str(BROKEN), "--profile", "nope"], "no import profile 'nope'"),
    (["import", str(BROKEN), "--map", "oops"], "COLUMN=FIELD"),
    (["search", "--store", "ftp://x"], "no store backend"),
    (["search", "--store", "sqlite:///"], "names no database file"),
])
def test_errors_are_one_line_without_traceback(isolated: Path, args: list[str], message: str):
    result = subprocess.run([sys.executable, "-m", "vigia", *args], capture_output=True, text=True)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in result.stderr


def test_a_bad_config_file_is_one_line(tmp_path: Path):
    (tmp_path / "vigia.toml").write_text("batch_size = -1\n")
    result = subprocess.run([sys.executable, "-m", "vigia", "search"], capture_output=True, text=True)
    assert result.returncode == 1 and "batch_size" in result.stderr and "Traceback" not in result.stderr

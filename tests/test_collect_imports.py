"""Imports of other tools' exports through the declared column mappings of data/import_profiles/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recorded import DATA, quarantined
from vigia.cli.main import cli
from vigia.settings import load_settings
from vigia.store import open_store

IMPORTS = DATA / "imports"


def run_import(*args: str):
    result = CliRunner().invoke(cli, ["import", *args])
    assert result.exit_code == 0, result.output
    with open_store(load_settings().resolved_store_url) as store:
        return result.output, {p.native_id: p for p in store.iter_posts()}


def test_crowdtangle_export(isolated: Path):
    output, posts = run_import(str(IMPORTS / "crowdtangle.csv"), "--profile", "crowdtangle")
    assert "2 seen, 1 new, 0 updated, 0 unchanged, 1 quarantined" in output
    post = posts["1001"]
    assert post.platform == "facebook" and post.created_at.isoformat() == "2026-03-01T19:00:00+00:00"
    assert post.engagement.likes == 20 and post.engagement.shares == 5 and post.links == ["https://diario.example/nota"]
    assert post.source == "Página Sintética" and post.country == "CO"
    assert [e["field"] for e in quarantined(isolated)] == ["created_at"]


def test_meta_content_library_export(isolated: Path):
    output, posts = run_import(str(IMPORTS / "meta_content_library.csv"), "--profile", "meta_content_library")
    assert "2 seen, 1 new, 0 updated, 0 unchanged, 1 quarantined" in output
    post = posts["9001"]
    assert post.platform == "facebook" and post.created_at.isoformat() == "2026-03-02T10:00:00+00:00"
    assert post.engagement.likes == 12 and post.engagement.views == 400 and post.source == "Grupo Sintético"
    assert post.author.startswith("a_") and "haitians" in post.targets
    assert "is_branded_content" in output and "modified_time" in output  # reported as not mapped
    assert [e["field"] for e in quarantined(isolated)] == ["text"]


def test_4cat_export_needs_a_platform(isolated: Path):
    output, posts = run_import(str(IMPORTS / "4cat.csv"), "--profile", "4cat", "--platform", "telegram")
    assert "2 seen, 1 new, 0 updated, 0 unchanged, 1 quarantined" in output
    post = posts["501"]
    assert post.platform == "telegram" and post.thread_id == "500" and post.engagement.views == 1200
    assert post.created_at.isoformat() == "2026-03-03T09:00:00+00:00"
    assert [e["field"] for e in quarantined(isolated)] == ["created_at"]


def test_junkipedia_export_across_platforms(isolated: Path):
    output, posts = run_import(str(IMPORTS / "junkipedia.csv"), "--profile", "junkipedia")
    assert "3 seen, 2 new, 0 updated, 0 unchanged, 1 quarantined" in output
    assert posts["j-1"].platform == "telegram" and posts["j-1"].engagement.shares == 4
    video = posts["j-2"]
    assert video.platform == "youtube" and video.title == "Migración en Perú"
    assert video.created_at.isoformat() == "2026-03-04T13:30:00+00:00" and video.engagement.replies == 7
    assert [e["field"] for e in quarantined(isolated)] == ["platform"]


@pytest.mark.parametrize("name", ["crowdtangle", "meta_content_library", "4cat", "junkipedia"])
def test_every_profile_has_its_fixture_and_readme_entry(name: str):
    assert (IMPORTS / f"{name}.csv").is_file()
    assert f"`{name}`" in (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_a_latin1_csv_is_detected_and_said(isolated: Path):
    output, posts = run_import(str(IMPORTS / "latin1.csv"))
    assert "2 seen, 2 new, 0 updated, 0 unchanged, 0 quarantined" in output
    encoding_line = next(line for line in output.splitlines() if line.startswith("encoding: "))
    assert encoding_line.endswith("(detected)") and ("cp1252" in encoding_line or "latin" in encoding_line)
    assert posts["latin1-1"].text.startswith("Migración: los niños venezolanos ya estudian en Perú")
    assert "Cúcuta" in posts["latin1-2"].text


def test_a_latin1_csv_with_its_encoding_given(isolated: Path):
    output, posts = run_import(str(IMPORTS / "latin1.csv"), "--encoding", "latin-1")
    assert "encoding: latin-1 (given with --encoding)" in output
    assert "2 seen, 2 new" in output and "señor alcalde" in posts["latin1-1"].text


def test_an_unknown_encoding_is_one_clear_error(isolated: Path):
    result = CliRunner().invoke(cli, ["import", str(IMPORTS / "latin1.csv"), "--encoding", "klingon-8"])
    assert result.exit_code != 0 and "unknown encoding 'klingon-8'" in result.output
    assert "Traceback" not in result.output


def test_an_absurdly_nested_jsonl_line_is_quarantined_and_the_rest_imported(isolated: Path):
    output, posts = run_import(str(IMPORTS / "nested.jsonl"))
    assert "encoding: utf-8-sig (valid UTF-8)" in output
    assert "4 seen, 2 new, 0 updated, 0 unchanged, 2 quarantined" in output
    assert set(posts) == {"ok-1", "ok-2"}
    too_deep, deep = quarantined(isolated)
    assert "nested.jsonl line 2" in too_deep["ref"] and "nested too deeply" in too_deep["reason"]
    assert "nested.jsonl line 4" in deep["ref"] and "nested more than 64 levels deep" in deep["reason"]

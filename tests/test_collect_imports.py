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

"""Erasure requests reach the store, the quarantine and the export registry, and are audited."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import incoming
from vigia.cli.main import cli
from vigia.ingest.pipeline import Pipeline
from vigia.privacy import audit
from vigia.privacy.pseudonym import pseudonymize
from vigia.store import open_store


def vigia(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_forget_an_author_everywhere(settings, enricher, tmp_path: Path, isolated: Path):
    records = [(f"r{i}", incoming(native_id=str(i), author_handle="@ana" if i < 3 else "@luis",
                                  mentions=["@ana"] if i == 4 else [])) for i in range(6)]
    records.append(("bad", incoming(native_id="99", author_handle="@ana", created_at="nunca")))
    with open_store(settings.resolved_store_url) as store:
        Pipeline(settings, store, enricher, collector="test").process(records)
    first = vigia("export", "-o", str(tmp_path / "all.jsonl"))
    vigia("export", "-o", str(tmp_path / "luis.jsonl"), "--country", "PE")  # holds nothing
    pseudonym = pseudonymize("mastodon", "ana", settings.pseudonym_secret())

    out = vigia("forget", "--author", pseudonym)
    assert "3 posts deleted, 1 quarantined records removed, 1 earlier exports marked" in out
    assert "1 other posts no longer mention them" in out  # luis's post that named her keeps no trace of her
    assert "3 matching posts" in vigia("search")
    assert pseudonym not in vigia("search", "--json")
    quarantine = "".join(p.read_text() for p in (isolated / "quarantine").glob("*.jsonl"))
    assert "@ana" not in quarantine
    export_id = first.rsplit("export id ", 1)[1].strip()
    events = [json.loads(line) for line in (isolated / "exports" / "registry.jsonl").read_text().splitlines()]
    marks = [e for e in events if e["event"] == "contains_erased_posts"]
    assert [(m["export_id"], m["posts"]) for m in marks] == [(export_id, 3)]
    actions = [e["action"] for e in audit.entries(isolated)]
    assert actions == ["export", "export", "forget"]


def test_forget_needs_exactly_one_criterion(isolated: Path):
    result = CliRunner().invoke(cli, ["forget"])
    assert result.exit_code != 0 and "exactly one" in result.output

"""A page whose records are mostly unreadable raises a parser alert on the source (`monitor --status`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigia.ingest.health import source_health
from recorded import collect, quarantined, started, vigia, write_sources
from vigia.settings import load_settings
from vigia.store import open_store


@pytest.fixture
def changed():
    yield from started("mastodon_changed")


def test_most_records_unreadable_is_a_parser_alert_not_only_quarantine(changed, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "masto-cambiado", "spider": "mastodon",
        "options": {"instance": changed.base, "hashtags": ["migrantes"], "limit": 3, "delay": 0}}])
    run = collect("masto-cambiado")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "masto-cambiado: 3 seen, 1 new, 0 updated, 0 unchanged, 2 quarantined" in run.stdout
    assert len(quarantined(isolated)) == 2  # the quarantine lines stay
    with open_store(load_settings().resolved_store_url) as store:
        [health] = source_health(store, load_settings().sources)
    assert health.status == "parser"
    [alert] = health.parser_alerts
    assert (alert["records"], alert["unreadable"]) == (3, 2) and "/api/v1/timelines/tag/migrantes" in alert["url"]
    status = vigia("monitor", "--status")
    assert status.returncode == 0
    line = status.stdout.strip()
    assert line.split()[:2] == ["masto-cambiado", "parser"]
    assert "parser alert: 2 of 3 records unreadable on " in line and "missing field" in line

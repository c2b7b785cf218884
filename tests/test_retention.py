"""Retention removes old text and keeps what was counted."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from conftest import incoming
from vigia.cli.main import cli
from vigia.ingest.pipeline import Pipeline
from vigia.model import utcnow
from vigia.privacy import audit
from vigia.store import Filters, SearchQuery, open_store


def test_old_text_goes_counts_and_labels_stay(settings, enricher, isolated):
    now = utcnow()
    records = [(f"r{i}", incoming(native_id=str(i), text=f"Los venezolanos de Cúcuta, aviso {i}",
                                  title="Titular", links=["https://a.example/x"],
                                  created_at=(now - timedelta(days=days)).isoformat()))
               for i, days in enumerate([400, 380, 10])]
    with open_store(settings.resolved_store_url) as store:
        Pipeline(settings, store, enricher, collector="test").process(records)
        before = store.counts_over_time(interval="day", split_by="target")

    dry = CliRunner().invoke(cli, ["retention", "--days", "365", "--dry-run"])
    assert "2 posts would lose their text" in dry.output
    out = CliRunner().invoke(cli, ["retention", "--days", "365"])
    assert out.exit_code == 0 and "2 posts lost their text" in out.output
    assert "0 posts lost" in CliRunner().invoke(cli, ["retention", "--days", "365"]).output  # idempotent

    with open_store(settings.resolved_store_url) as store:
        old = store.get("mastodon:0")
        assert old.text_removed_at and "Cúcuta" not in old.text and old.title is None and old.links == []
        assert old.targets == ["venezuelans"] and old.label_for("language") is not None
        assert store.get("mastodon:2").text.endswith("aviso 2")
        assert store.search(SearchQuery(text="cucuta")).total == 1
        assert store.counts_over_time(interval="day", split_by="target") == before
        assert store.count(Filters(targets=["venezuelans"])) == 3
    assert [e["action"] for e in audit.entries(isolated)] == ["retention", "retention"]
    assert "3 seen, 0 new, 0 updated, 3 unchanged" in CliRunner().invoke(cli, ["classify"]).output


def test_retention_needs_a_period(isolated):
    result = CliRunner().invoke(cli, ["retention"])
    assert result.exit_code != 0 and "no retention period" in result.output

"""Shared fixtures: every test runs in its own data directory with no vigia.toml and no VIGIA_* leaking in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigia.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO / "tests" / "data" / "datasets"  # tiny samples in the corpora's own formats


def pytest_sessionfinish(session, exitstatus):
    from stores import ElasticCluster, ElasticNode

    ElasticNode.stop()
    ElasticCluster.stop()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith("VIGIA_"):
            monkeypatch.delenv(name)
    data_dir = tmp_path / "vigia-data"
    monkeypatch.setenv("VIGIA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(tmp_path / "models"))  # never the developer's model cache
    monkeypatch.chdir(tmp_path)
    return data_dir


@pytest.fixture
def settings(isolated: Path) -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def enricher():
    from nlp import Enricher

    return Enricher(("es", "pt", "en", "fr", "ht"), REPO / "data" / "lexicons" / "targets.yaml",
                    taxonomy_path=REPO / "data" / "myths" / "taxonomy.yaml")


def incoming(**overrides) -> dict:
    """A valid raw record as collectors hand it in; override any field."""
    record = {
        "platform": "mastodon",
        "native_id": "1001",
        "source": "#migrantes@mastodon.example",
        "url": "https://mastodon.example/@ana/1001",
        "text": "Los venezolanos que llegaron a Cúcuta buscan trabajo.",
        "created_at": "2026-03-04T10:00:00-05:00",
        "country": "CO",
        "author_handle": "@ana",
        "engagement": {"likes": 3, "shares": 1},
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not ...}


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator:
    from vigia.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "store.db")
    yield store
    store.close()


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory) -> Path:
    """A models_dir holding the bootstrapped encoder (built once per session, in seconds)."""
    from nlp.bootstrap import bootstrap

    root = tmp_path_factory.mktemp("models")
    bootstrap(root / "multilingual-e5-small")
    return root


@pytest.fixture(scope="session")
def trained(models_dir: Path, tmp_path_factory) -> Path:
    """A tiny classifier (hate, migration) trained through `vigia train` on the synthetic miniature corpora only
    (the repository's written training sets are left out, so the tests' expectations stay tied to them)."""
    from click.testing import CliRunner

    from vigia.cli.main import cli

    out = tmp_path_factory.mktemp("trained") / "tiny"
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(DATASETS)}
    result = CliRunner().invoke(cli, ["train", "hate", "migration", "--sample", "40", "--exclude", "vigia-latam",
                                      "--exclude", "vigia-caribbean", "--exclude", "vigia-functional",
                                      "--output", str(out)],
                                catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.output
    line = result.output
    assert "trained hate, migration (frozen, " in line and "held-out: hate macro-F1" in line
    return out

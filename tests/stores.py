"""How the tests get one of each store backend. A new backend adds its factory here."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from vigia.store import Store
from vigia.store.elastic import ElasticStore
from vigia.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "deploy" / "elasticsearch" / "node.sh"


class ElasticNode:
    """The real node the tests use: TEST_ELASTICSEARCH_URL if set, else one started by deploy/elasticsearch/."""

    url: str | None = None
    started = False
    state: str | None = None

    @classmethod
    def get(cls) -> str:
        if cls.url is None:
            given = os.environ.get("TEST_ELASTICSEARCH_URL")
            if given:
                cls.url = given
            else:
                cls.state = tempfile.mkdtemp(prefix="vigia-es-test-")
                env = {**os.environ, "VIGIA_ES_STATE": cls.state}
                out = subprocess.run([str(NODE), "start"], capture_output=True, text=True, timeout=600, env=env)
                assert out.returncode == 0, f"could not start Elasticsearch:\n{out.stderr}"
                cls.url, cls.started = out.stdout.strip().splitlines()[-1], True
        return cls.url

    @classmethod
    def stop(cls) -> None:
        if cls.started:
            env = {**os.environ, "VIGIA_ES_STATE": cls.state}
            subprocess.run([str(NODE), "stop"], capture_output=True, timeout=120, env=env)
            shutil.rmtree(cls.state, ignore_errors=True)
            cls.url, cls.started = None, False


def fresh_elastic(tmp: Path) -> Store:
    """A new corpus on the shared node, so tests never see each other's posts."""
    return ElasticStore.from_url(f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}")


STORE_FACTORIES: dict[str, Callable[[Path], Store]] = {
    "sqlite": lambda tmp: SQLiteStore(tmp / "contract.db"),
    "elasticsearch": fresh_elastic,
}

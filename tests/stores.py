"""How the tests get one of each store backend. A new backend adds its factory here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
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


class ElasticCluster:
    """Two nodes of one cluster on loopback, started by `vigia es start --cluster` the first time a test asks: `n1`
    forms the cluster, `n2` joins it. Small heaps: the session's single node runs beside them."""

    NAMES = ("n1", "n2")
    HEAP = "320m"
    root: str | None = None
    name = f"vigia-test-{uuid.uuid4().hex[:6]}"
    urls: dict[str, str] = {}

    @classmethod
    def get(cls) -> dict[str, str]:
        """{node name: URL} of the two nodes, once both are in the cluster. A test that kills a node stops the
        cluster when it is done (stop), and the next test gets a new one."""
        if not cls.urls:
            cls.root = tempfile.mkdtemp(prefix="vigia-es-cluster-")
            first = cls._launch("n1")
            transport = Path(cls.state("n1")) / "transport_port"  # written before the node starts
            while not transport.exists() and first.poll() is None:
                time.sleep(0.2)
            second = cls._launch("n2")
            for name, process in (("n1", first), ("n2", second)):
                out, err = process.communicate(timeout=600)
                assert process.returncode == 0, f"could not start cluster node {name}:\n{err}"
                cls.urls[name] = out.strip().splitlines()[-1]
            cls.wait(nodes=2)
        return dict(cls.urls)

    @classmethod
    def state(cls, name: str) -> str:
        return f"{cls.root}/{name}"

    @classmethod
    def _env(cls, name: str) -> dict[str, str]:
        env = {**os.environ, "VIGIA_ES_STATE": cls.state(name), "VIGIA_ES_CLUSTER": cls.name,
               "VIGIA_ES_NODE_NAME": name, "VIGIA_ES_HEAP": cls.HEAP}
        transport = Path(cls.state("n1")) / "transport_port"
        if name != "n1" and transport.exists():
            env["VIGIA_ES_SEED_HOSTS"] = f"127.0.0.1:{transport.read_text().strip()}"
        return env

    @classmethod
    def _launch(cls, name: str) -> subprocess.Popen:
        """`vigia es start --cluster …` for one node (n2 joins n1's transport address)."""
        command = [sys.executable, "-m", "vigia", "es", "start", "--cluster", cls.name, "--node-name", name,
                   "--heap", cls.HEAP, "--state", cls.state(name)]
        seeds = cls._env(name).get("VIGIA_ES_SEED_HOSTS")
        if seeds:
            command += ["--join", seeds]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)

    @classmethod
    def node(cls, name: str, action: str) -> str:
        """node.sh ACTION (start, stop, kill, transport) for one node; its last output line."""
        out = subprocess.run([str(NODE), action], capture_output=True, text=True, timeout=600, env=cls._env(name))
        assert out.returncode == 0, f"node.sh {action} {name} failed:\n{out.stderr}"
        return (out.stdout.strip().splitlines() or [""])[-1]

    @classmethod
    def wait(cls, nodes: int, status: str = "yellow", via: str = "n1") -> dict:
        """The cluster's health once it has `nodes` nodes and at least `status`, asked of node `via`."""
        from elasticsearch import Elasticsearch

        with Elasticsearch(cls.urls[via], request_timeout=120) as client:
            health = client.cluster.health(wait_for_nodes=str(nodes), wait_for_status=status, timeout="90s")
        assert not health["timed_out"], health
        return dict(health)

    @classmethod
    def stop(cls) -> None:
        if cls.root is not None:
            for name in reversed(cls.NAMES):
                subprocess.run([str(NODE), "stop"], capture_output=True, timeout=120, env=cls._env(name))
            shutil.rmtree(cls.root, ignore_errors=True)
            cls.root, cls.urls = None, {}


def fresh_elastic(tmp: Path) -> Store:
    """A new corpus on the shared node, so tests never see each other's posts."""
    return ElasticStore.from_url(f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}")


STORE_FACTORIES: dict[str, Callable[[Path], Store]] = {
    "sqlite": lambda tmp: SQLiteStore(tmp / "contract.db"),
    "elasticsearch": fresh_elastic,
}

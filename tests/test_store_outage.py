"""The store goes down in the middle of an ingest: every post still arrives, exactly once."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from stores import NODE
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings
from vigia.store import open_store

TOTAL = 50_000


@pytest.fixture
def own_node():
    """A node of this test's own, since it is killed and restarted."""
    state = tempfile.mkdtemp(prefix="vigia-es-outage-")
    env = {**os.environ, "VIGIA_ES_STATE": state}

    def node(action: str) -> str:
        out = subprocess.run([str(NODE), action], capture_output=True, text=True, env=env, timeout=300)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    yield node
    node("stop")
    shutil.rmtree(state, ignore_errors=True)


def records():
    for i in range(TOTAL):
        yield f"r{i}", {"platform": "x", "native_id": str(i), "text": f"post número {i} sobre migración",
                        "created_at": f"2026-0{1 + i % 9}-1{i % 10}T12:00:00Z", "author_handle": f"@u{i % 97}"}


def test_a_killed_and_restarted_node_loses_nothing_and_duplicates_nothing(own_node, isolated: Path):
    url = own_node("start").splitlines()[-1] + "/outage"
    settings = load_settings(store_url=url, batch_size=1000)
    store = open_store(url)
    pipeline = Pipeline(settings, store, enricher=None, collector="outage-test")
    outcome = {}
    ingest = threading.Thread(target=lambda: outcome.update(summary=pipeline.process(records())))
    ingest.start()
    deadline = time.monotonic() + 300
    while store.count() < 8_000:  # let a good part arrive, then crash the node mid-ingest
        assert ingest.is_alive() and time.monotonic() < deadline, "the ingest stopped before the crash"
        time.sleep(0.2)
    own_node("kill")
    time.sleep(5)
    assert own_node("start").splitlines()[-1] + "/outage" == url  # same address after the restart
    ingest.join(timeout=600)
    first = outcome["summary"]
    assert first.seen == TOTAL and first.quarantined == 0
    assert first.spooled + first.replayed > 0  # the outage really hit this run
    assert first.new + first.spooled + first.replayed >= TOTAL  # every post was stored or spooled

    store.client.cluster.health(index=store.alias, wait_for_status="yellow", timeout="120s")
    for _ in range(10):  # the next runs replay the spool as soon as the store takes writes again
        second = Pipeline(settings, store, enricher=None, collector="outage-test").process([])
        if not pipeline.spool.pending():
            break
        time.sleep(3)
    assert second.spooled == 0 and pipeline.spool.pending() == 0
    assert store.count() == TOTAL
    assert len({p.id for p in store.iter_posts(batch_size=5000)}) == TOTAL
    store.close()

"""`vigia stack up|down`: the production stack as local processes, end to end: Elasticsearch from node.sh, the
monitor collecting a local fixture feed and classifying it, the console answering, and down stopping it all."""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from recorded import started, vigia, write_sources

from vigia.store import SearchQuery, open_store


@pytest.fixture
def web():
    yield from started("news")


@pytest.fixture
def data_dir(monkeypatch):
    """A data_dir the unprivileged Elasticsearch user can reach (node.sh runs the node as vigia-es under root)."""
    path = Path(tempfile.mkdtemp(prefix="vigia-stack-"))
    path.chmod(0o711)
    monkeypatch.setenv("VIGIA_DATA_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_stack_up_collects_classifies_and_serves_and_down_stops_everything(web, data_dir, tmp_path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "news-test", "spider": "news", "interval_minutes": 60,
        "options": {"feeds": [{"url": f"{web.base}/migracion/rss", "outlet": "Diario Sintético", "country": "CO"}],
                    "delay": 0}}])
    port = free_port()
    up = vigia("stack", "up", "--port", str(port), timeout=300)
    try:
        assert up.returncode == 0, up.stderr[-3000:]
        assert up.stdout.splitlines()[-1].startswith(f"stack up: console on http://127.0.0.1:{port}, store http://")
        assert "one-time password" in up.stdout
        state = json.loads((data_dir / "stack" / "stack.json").read_text())
        pids = {name: int((data_dir / "stack" / f"{name}.pid").read_text()) for name in ("console", "monitor")}
        es_pid = int((Path(state["elasticsearch"]) / "es.pid").read_text())
        assert all(alive(pid) for pid in [*pids.values(), es_pid])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as answer:
            assert answer.read() == b"ok"

        # the monitor collects the feed on its first round; each post is classified on the way in
        found = []
        with open_store(state["store_url"]) as store:
            for _ in range(120):
                found = store.search(SearchQuery(text="Cúcuta")).posts
                if found:
                    break
                time.sleep(1)
        assert found, (data_dir / "stack" / "logs" / "monitor.log").read_text()[-3000:]
        post = found[0]
        assert post.url == f"{web.base}/2026/04/familias-venezolanas-cucuta" and post.language == "es"
        assert "venezuelans" in post.targets and post.labels  # the pipeline's classification

        status = vigia("stack", "status")
        assert "console: running" in status.stdout and "monitor: running" in status.stdout
    finally:
        down = vigia("stack", "down", timeout=180)
    assert down.returncode == 0, down.stderr
    assert down.stdout.strip().startswith("stack down: stopped console, monitor") and "elasticsearch" in down.stdout
    assert not any(alive(pid) for pid in [*pids.values(), es_pid])
    assert not (data_dir / "stack" / "stack.json").exists()
    assert vigia("stack", "down").stdout.strip() == "stack down: nothing was running"

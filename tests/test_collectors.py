"""Collectors hand items to vigia.ingest.pipeline: a real crawl over real HTTP against a local server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vigia.settings import load_settings
from vigia.store import open_store

FIXTURES = Path(__file__).resolve().parent / "data" / "collector"
REPO = Path(__file__).resolve().parent.parent


class Recorded(SimpleHTTPRequestHandler):
    """Serves the fixtures: /robots.txt, /feed/pageN.json, /private/pageN.json; logs every path asked for."""

    requested: list[str] = []
    agents: set[str] = set()

    def translate_path(self, path: str) -> str:
        Recorded.requested.append(path)
        Recorded.agents.add(self.headers.get("User-Agent", ""))
        return str(FIXTURES / Path(path.split("?")[0]).name)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    Recorded.requested, Recorded.agents = [], set()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Recorded, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def crawl(base: str, store_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", str(FIXTURES / "feed_spider.py"), "-a", f"base={base}",
         "-s", f"VIGIA_STORE_URL={store_url}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", "LOG_LEVEL=INFO"],
        cwd=REPO, capture_output=True, text=True, timeout=120)


def test_crawl_reaches_the_store_through_the_pipeline(server: str, isolated: Path, tmp_path: Path):
    store_url = f"sqlite://{tmp_path / 'crawl.db'}"
    result = crawl(server, store_url)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "vigia: 4 seen, 3 new, 0 updated, 0 unchanged, 1 quarantined" in result.stderr
    assert "/private/page3.json" not in Recorded.requested  # robots.txt obeyed
    assert "/robots.txt" in Recorded.requested
    assert len(Recorded.agents) == 1 and Recorded.agents.pop().startswith("Vigia/0.")
    with open_store(store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
    assert set(posts) == {"501", "502", "504"}
    assert posts["501"].targets == ["venezuelans"] and posts["501"].provenance.collector == "spider:testfeed"
    assert posts["501"].author.startswith("a_") and posts["501"].author == posts["502"].author
    quarantine = load_settings().quarantine_dir
    entries = [json.loads(line) for f in quarantine.glob("*.jsonl") for line in f.read_text().splitlines()]
    assert [(e["field"], e["record"]["native_id"]) for e in entries] == [("created_at", "503")]
    assert "testfeed item 3" in entries[0]["ref"]

    again = crawl(server, store_url)
    assert "vigia: 4 seen, 0 new, 0 updated, 3 unchanged, 1 quarantined" in again.stderr

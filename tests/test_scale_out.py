"""Scale-out on a two-node Elasticsearch cluster on loopback: three collectors store their posts unlabelled (the
first stage) while two classification workers, as on two machines, label them (the second stage); one worker is
killed mid-run and the other takes its slice over. Every post is stored, and labelled exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from conftest import incoming
from recorded import FAST, serve, write_sources
from stores import ElasticCluster
from test_classify_workers import TEXTS, counts, label_sets, version_of
from vigia.store import open_store

SOURCES = ("mastodon", "bluesky", "news")


@pytest.fixture
def servers():
    """The three platforms' recorded responses, each on its own local server."""
    running = {name: serve(name) for name in SOURCES}
    yield {name: recorded for name, (recorded, _) in running.items()}
    for _, httpd in running.values():
        httpd.shutdown()
        httpd.server_close()


def vigia(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vigia", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def finished(process: subprocess.Popen, timeout: int = 600) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return out


def versions(url: str, corpus: str) -> dict[str, int]:
    """Each post's document version: one more for every write of the post."""
    with Elasticsearch(url, request_timeout=60) as client:
        client.indices.refresh(index=f"{corpus}-posts")
        hits = client.search(index=f"{corpus}-posts", query={"match_all": {}}, size=10_000, version=True, source=False,
                             fields=["id"])["hits"]["hits"]
    return {hit["_id"]: hit["_version"] for hit in hits}


def synthetic(path: Path, first: int, count: int) -> Path:
    path.write_text("".join(json.dumps(incoming(native_id=str(i), url=f"https://mastodon.example/@ana/{i}",
                                                text=f"{TEXTS[i % len(TEXTS)]} ({i})", synthetic=True)) + "\n"
                            for i in range(first, first + count)), encoding="utf-8")
    return path


def test_three_collectors_and_two_workers_one_killed_label_every_post_once(servers, trained: Path, models_dir: Path,
                                                                            tmp_path: Path):
    urls = ElasticCluster.get()
    corpus = f"s{uuid.uuid4().hex[:12]}"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("VIGIA_")},
           "VIGIA_DATA_DIR": str(tmp_path / "data"), "VIGIA_MODELS_DIR": str(models_dir),
           "VIGIA_CLASSIFIER_DIR": str(trained), "VIGIA_STORE_URL": f"{urls['n1']}/{corpus}",
           "VIGIA_ELASTIC_SHARDS": "2", "VIGIA_ELASTIC_REPLICAS": "1", "VIGIA_CLASSIFY_ON_COLLECT": "false",
           "VIGIA_CLASSIFY_SLICES": "2", "VIGIA_CLASSIFY_BATCH_SIZE": "1", "VIGIA_CLASSIFY_LEASE_TTL_S": "4",
           "VIGIA_CLASSIFY_POLL_S": "0.3"}
    on_n2 = {**env, "VIGIA_STORE_URL": f"{urls['n2']}/{corpus}"}
    mastodon, bluesky, news = (servers[name].base for name in SOURCES)
    write_sources(tmp_path / "vigia.toml", [
        {"name": "mastodon-co", "spider": "mastodon", "options": {
            "instance": mastodon, "hashtags": ["migrantes", "privado"], "queries": ["venezolanos"],
            "access_token": "tok", "limit": 3, "delay": 0, "country": "CO"}},
        {"name": "bluesky-pe", "spider": "bluesky", "options": {
            "pds": bluesky, "api_base": bluesky + "/unused", "queries": ["venezolanos"],
            "authors": ["prensa.test.example"], "identifier": "vigia.test.example", "app_password": "app-pass",
            "limit": 2, "delay": 0, "country": "PE"}},
        {"name": "news-latam", "spider": "news", "options": {
            "feeds": [{"url": f"{news}/migracion/rss", "outlet": "Diario Sintético", "country": "CO"},
                      {"url": f"{news}/jornal/atom", "country": "BR", "language": "pt"}], "delay": 0}}])

    # first stage: three collectors at once (two through n1, one through n2) and a bulk import, stored unlabelled
    collectors = [vigia("collect", "mastodon-co", *FAST, env=env), vigia("collect", "bluesky-pe", *FAST, env=on_n2),
                  vigia("collect", "news-latam", *FAST, env=env),
                  vigia("import", str(synthetic(tmp_path / "bulk.jsonl", 0, 60)), env=on_n2)]
    outputs = [finished(process) for process in collectors]
    new = {name: int(line.split(" new")[0].rsplit(" ", 1)[1]) for name, out in zip(
        ("mastodon-co", "bluesky-pe", "news-latam"), outputs[:3]) for line in out.splitlines()
        if line.startswith(f"{name}: ")}
    assert all(new.values()) and "60 seen, 60 new" in outputs[3], outputs
    stored = versions(urls["n1"], corpus)
    assert len(stored) == sum(new.values()) + 60
    version = version_of(trained)
    assert not any(label_sets(env["VIGIA_STORE_URL"], version).values())  # no model ran while collecting

    # second stage: two workers, as on two machines, one through each node; the second follows new posts
    doomed = vigia("classify", "--workers", "1", env=env)
    survivor = vigia("classify", "--follow", "--workers", "1", "--idle-exit", "15", env=on_n2)
    try:
        deadline = time.monotonic() + 300
        with open_store(env["VIGIA_STORE_URL"]) as store:
            while not (sum(bool(t) for t in label_sets(env["VIGIA_STORE_URL"], version).values()) >= 3
                       and any(f":{doomed.pid}:" in lease["owner"] for lease in store.leases())):
                assert doomed.poll() is None and time.monotonic() < deadline, doomed.stderr.read()[-2000:]
                time.sleep(0.05)
        os.kill(doomed.pid, signal.SIGKILL)  # mid-run, holding a slice it never gives back
        doomed.wait()
        with open_store(env["VIGIA_STORE_URL"]) as store:
            assert any(f":{doomed.pid}:" in lease["owner"] for lease in store.leases())
        late = finished(vigia("import", str(synthetic(tmp_path / "late.jsonl", 1000, 10)), env=env))
        assert "10 seen, 10 new" in late
        out = finished(survivor)
    finally:
        for process in (doomed, survivor):
            if process.poll() is None:
                process.kill()

    total = counts("1 worker:", out)
    assert total["slices taken over"] >= 1 and total["conflicts"] == 0, out
    sets = label_sets(env["VIGIA_STORE_URL"], version)
    assert len(sets) == len(stored) + 10  # nothing lost
    with open_store(env["VIGIA_STORE_URL"]) as store:
        bare = {post.id for post in store.iter_posts() if not post.classified_text.strip()}  # a repost, no text
    assert len(bare) == 1 and {pid: len(times) for pid, times in sets.items()} == {
        pid: 0 if pid in bare else 1 for pid in sets}  # every post with text labelled, once
    after = versions(urls["n2"], corpus)
    assert {pid: after[pid] - before for pid, before in stored.items()} == {
        pid: 0 if pid in bare else 1 for pid in stored}  # one write of its labels: none twice
    assert all(after[pid] == 2 for pid in after.keys() - stored.keys())  # stored, then labelled once
    with open_store(env["VIGIA_STORE_URL"]) as store:
        assert store.leases() == []

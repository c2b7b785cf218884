"""The two stages: posts stored without the model (classify_on_collect = false), then labelled by classification
workers (`vigia classify --workers N [--follow]`) sharing the work through leases in the store; on SQLite and on the
real Elasticsearch node."""

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

from conftest import incoming
from stores import ElasticNode
from vigia.labels.review_training import model_key, read_manifest
from vigia.store import open_store

TEXTS = [  # written for these tests (synthetic)
    "Los venezolanos que llegaron a Cúcuta buscan trabajo en la cosecha.",
    "Fuera los migrantes, que se vayan todos de aquí.",
    "La feria de comida haitiana en Santiago reunió a cientos de vecinos.",
    "Os venezuelanos em Roraima abriram uma padaria no centro.",
    "Refugees from Nicaragua opened a clinic in San José.",
    "El alcalde anunció nuevas rutas de bus para el barrio norte.",
]


@pytest.fixture(params=["sqlite", "elasticsearch"])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'two-stages.db'}"
    return f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def workers_env(trained: Path, models_dir: Path, store_url: str, monkeypatch, tmp_path: Path) -> dict[str, str]:
    """Settings of the tests' commands: the tiny model, the store, and the two stages."""
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_CLASSIFIER_DIR": str(trained), "VIGIA_STORE_URL": store_url,
           "VIGIA_CLASSIFY_ON_COLLECT": "false", "VIGIA_CLASSIFY_POLL_S": "0.3", "VIGIA_CLASSIFY_SLICES": "3",
           "VIGIA_CLASSIFY_BATCH_SIZE": "4"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "vigia", *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vigia", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def import_posts(tmp_path: Path, first: int, count: int) -> None:
    """`count` posts through `vigia import`, stored at once without the model (classify_on_collect = false)."""
    path = tmp_path / f"posts-{first}.jsonl"
    path.write_text("".join(json.dumps(incoming(native_id=str(i), url=f"https://mastodon.example/@ana/{i}",
                                                text=f"{TEXTS[i % len(TEXTS)]} ({i})", synthetic=True)) + "\n"
                            for i in range(first, first + count)), encoding="utf-8")
    out = run("import", str(path))
    assert f"{count} seen, {count} new" in out.stdout


def store_in_process(first: int, count: int) -> None:
    """Posts through the pipeline without the model, as a collector with classify_on_collect = false stores them."""
    from vigia.ingest.pipeline import Pipeline
    from vigia.settings import load_settings

    settings = load_settings()
    assert not settings.classify_on_collect
    records = [(f"record {i}", incoming(native_id=str(i), url=f"https://mastodon.example/@ana/{i}",
                                        text=f"{TEXTS[i % len(TEXTS)]} ({i})", synthetic=True))
               for i in range(first, first + count)]
    with open_store(settings.resolved_store_url) as store:
        assert Pipeline.from_settings(settings, store, "test").process(records).new == count


def version_of(trained: Path) -> str:
    from nlp.classifier import VERSION

    return f"{VERSION}+{model_key(read_manifest(trained))}"


def label_sets(store_url: str, version: str) -> dict[str, list]:
    """Per post, the times the model version's labels were written (one per write)."""
    with open_store(store_url) as store:
        return {post.id: sorted({lab.labelled_at for lab in post.labels if lab.model_version == version})
                for post in store.iter_posts()}


def counts(line_prefix: str, output: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith(line_prefix))
    words = line.split(": ", 1)[1].split(" in ")[0].split(", ")
    return {" ".join(w.split()[1:]): int(w.split()[0]) for w in words}


def test_posts_stored_without_the_model_are_labelled_once_by_two_workers(workers_env, trained: Path,
                                                                          store_url: str, tmp_path: Path):
    import_posts(tmp_path, 0, 14)
    version = version_of(trained)
    with open_store(store_url) as store:
        stored = list(store.iter_posts())
    assert len(stored) == 14
    for post in stored:  # normalised, pseudonymised and cued, but no classifier label
        assert post.author and post.author != "@ana" and post.language
        assert not any(lab.model_version == version for lab in post.labels)
    assert any(post.targets for post in stored)  # the lexicon ran
    out = run("classify", "--workers", "2").stdout
    total = counts("2 workers:", out)
    assert total["labelled"] == 14 and total["conflicts"] == 0
    assert sum(counts("worker ", line)["labelled"] for line in out.splitlines() if line.startswith("worker ")) == 14
    sets = label_sets(store_url, version)
    assert len(sets) == 14 and all(len(times) == 1 for times in sets.values())
    with open_store(store_url) as store:
        assert store.leases() == []  # every slice given back
    again = run("classify", "--workers", "1").stdout
    assert counts("1 worker:", again)["labelled"] == 0


def test_two_workers_racing_on_one_slice_label_every_post_once(workers_env, trained: Path, store_url: str,
                                                                tmp_path: Path, monkeypatch):
    import_posts(tmp_path, 0, 16)
    # one slice and leases that expire at once: the two commands (as on two machines) work the same posts
    monkeypatch.setenv("VIGIA_CLASSIFY_SLICES", "1")
    monkeypatch.setenv("VIGIA_CLASSIFY_LEASE_TTL_S", "0.001")
    racers = [start("classify", "--workers", "1") for _ in range(2)]
    outputs = [racer.communicate(timeout=300) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), [err[-2000:] for _, err in outputs]
    labelled = [counts("1 worker:", out)["labelled"] for out, _ in outputs]
    assert sum(labelled) == 16  # a post the other wrote first is a conflict, not a second label set
    sets = label_sets(store_url, version_of(trained))
    assert len(sets) == 16 and all(len(times) == 1 for times in sets.values())


def test_a_killed_workers_slice_is_taken_over_after_its_lease_expires(workers_env, trained: Path, store_url: str,
                                                                      tmp_path: Path, monkeypatch):
    import_posts(tmp_path, 0, 40)
    version = version_of(trained)
    monkeypatch.setenv("VIGIA_CLASSIFY_SLICES", "1")
    monkeypatch.setenv("VIGIA_CLASSIFY_BATCH_SIZE", "1")
    monkeypatch.setenv("VIGIA_CLASSIFY_LEASE_TTL_S", "4")
    doomed = start("classify", "--workers", "1")
    try:
        deadline = time.monotonic() + 300
        while not any(label_sets(store_url, version).values()):
            assert doomed.poll() is None and time.monotonic() < deadline, doomed.stderr.read()[-2000:]
            time.sleep(0.05)
    finally:
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait()
    done_before = sum(bool(times) for times in label_sets(store_url, version).values())
    assert 0 < done_before < 40  # killed mid-run
    with open_store(store_url) as store:
        assert [lease["name"] for lease in store.leases()] == [f"classify:{version}:0"]  # never given back
    out = run("classify", "--workers", "1").stdout  # waits for the lease to expire, then takes the slice over
    total = counts("1 worker:", out)
    assert total["slices taken over"] == 1 and total["labelled"] == 40 - done_before
    sets = label_sets(store_url, version)
    assert len(sets) == 40 and all(len(times) == 1 for times in sets.values())


def test_following_workers_label_posts_stored_after_they_started(workers_env, trained: Path, store_url: str,
                                                                 tmp_path: Path):
    import_posts(tmp_path, 0, 5)
    version = version_of(trained)
    follower = start("classify", "--follow", "--workers", "1", "--idle-exit", "10")
    try:
        deadline = time.monotonic() + 300
        while not all(label_sets(store_url, version).values()):
            assert follower.poll() is None and time.monotonic() < deadline, follower.stderr.read()[-2000:]
            time.sleep(0.2)
        store_in_process(100, 6)  # stored while it follows
        out, err = follower.communicate(timeout=300)  # labels them, then is idle for 10 s and exits
    finally:
        if follower.poll() is None:
            follower.kill()
    assert follower.returncode == 0, err[-2000:]
    assert counts("1 worker:", out)["labelled"] == 11
    sets = label_sets(store_url, version)
    assert len(sets) == 11 and all(len(times) == 1 for times in sets.values())


def test_sigterm_stops_following_workers_after_their_batch(workers_env, trained: Path, store_url: str,
                                                           tmp_path: Path):
    import_posts(tmp_path, 0, 3)
    version = version_of(trained)
    follower = start("classify", "--follow", "--workers", "2")
    try:
        deadline = time.monotonic() + 300
        while not all(label_sets(store_url, version).values()):
            assert follower.poll() is None and time.monotonic() < deadline, follower.stderr.read()[-2000:]
            time.sleep(0.2)
        follower.send_signal(signal.SIGTERM)
        out, err = follower.communicate(timeout=120)
    finally:
        if follower.poll() is None:
            follower.kill()
    assert follower.returncode == 0, err[-2000:]
    assert counts("2 workers:", out)["labelled"] == 3 and out.count("worker ") == 2
    with open_store(store_url) as store:
        assert store.leases() == []


def test_worker_options_are_checked_in_one_line(workers_env):
    for args, message in ((["--workers", "2", "--outdated"], "--outdated and filters do not apply"),
                          (["--workers", "2", "--platform", "x"], "--outdated and filters do not apply"),
                          (["--idle-exit", "3"], "--idle-exit goes with --follow")):
        done = subprocess.run([sys.executable, "-m", "vigia", "classify", *args], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode != 0 and message in done.stderr and "Traceback" not in done.stderr, done.stderr

"""The HTTP API against the classifier in-process: texts/s through POST /v1/analyze on loopback (a real uvicorn
server in a thread), one text per request and batched, and through Analyzer.analyze with no HTTP at all."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

BATCH = 25


def _texts(n: int, tag: str) -> list[str]:
    """n demo texts, each made unique so that no measurement reads another's cached embeddings."""
    from bench.e2e import raw_records

    return [f"{raw['text']} ({tag} {i})" for i, (_, raw) in enumerate(raw_records(n, seed="api"))]


def _post(url: str, key: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1) if seconds > 0 else 0.0


def run(n: int, settings, workdir: Path) -> dict:
    import uvicorn

    from vigia.api import keys
    from vigia.api.analysis import Analyzer
    from vigia.api.app import create_app
    from vigia.settings import ConsoleUser

    settings = settings.model_copy(update={
        "api_rate_limit": 0, "api_max_texts": max(BATCH, 1),
        "console_users": [ConsoleUser(username="bench", role="viewer", password_hash="unused")]})
    analyzer = Analyzer(settings)
    if analyzer.classifier is None:
        raise SystemExit(f"bench api: {'; '.join(analyzer.warnings)}")
    analyzer.analyze(_texts(BATCH, "warm-up"))  # loads what the first batches would (the myth cues, anchors)
    result: dict = {"texts": n, "batch": BATCH, "model": analyzer.model_version}

    for where in ("main thread", "worker thread"):  # uvicorn runs /v1/analyze in a worker thread
        rates: dict = {}

        def in_process(where=where, rates=rates) -> None:
            texts = _texts(n, f"in-process, one, {where}")
            started = time.perf_counter()
            for text in texts:
                analyzer.analyze([text])
            rates["batch1"] = _rate(n, time.perf_counter() - started)
            texts = _texts(n, f"in-process, batched, {where}")
            started = time.perf_counter()
            for i in range(0, n, BATCH):
                analyzer.analyze(texts[i:i + BATCH])
            rates["batched"] = _rate(n, time.perf_counter() - started)

        if where == "main thread":
            in_process()
        else:
            worker = threading.Thread(target=in_process)
            worker.start()
            worker.join()
        result[f"in_process_{where.split()[0]}"] = rates
    result["in_process_batch1_texts_per_s"] = result["in_process_worker"]["batch1"]
    result["in_process_batched_texts_per_s"] = result["in_process_worker"]["batched"]

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, analyzer), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url, key = f"http://127.0.0.1:{port}/v1/analyze", keys.issue(settings, "bench")
    try:
        _post(url, key, {"text": "warm-up", "do_not_store": True})
        texts = _texts(n, "http, one")
        started = time.perf_counter()
        for text in texts:
            _post(url, key, {"text": text, "do_not_store": True})
        seconds = time.perf_counter() - started
        result["http_batch1_requests_per_s"] = result["http_batch1_texts_per_s"] = _rate(n, seconds)
        texts = _texts(n, "http, batched")
        started, requests = time.perf_counter(), 0
        for i in range(0, n, BATCH):
            answer = _post(url, key, {"texts": texts[i:i + BATCH], "do_not_store": True})
            assert len(answer["results"]) == len(texts[i:i + BATCH])
            requests += 1
        seconds = time.perf_counter() - started
        result["http_batched_requests_per_s"] = _rate(requests, seconds)
        result["http_batched_texts_per_s"] = _rate(n, seconds)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    result["http_overhead_batch1"] = round(result["in_process_batch1_texts_per_s"]
                                           / max(result["http_batch1_texts_per_s"], 1e-9), 2)
    return result


def markdown(r: dict) -> str:
    return "\n".join([
        f"{r['texts']} demo texts through `POST /v1/analyze` on loopback (uvicorn, one worker) and through the "
        f"same Analyzer in-process; model {r['model']}; batches of {r['batch']}.", "",
        "| what | requests/s | texts/s |", "|---|---:|---:|",
        f"| HTTP, one text per request | {r['http_batch1_requests_per_s']} | {r['http_batch1_texts_per_s']} |",
        f"| HTTP, batched | {r['http_batched_requests_per_s']} | {r['http_batched_texts_per_s']} |",
        f"| in-process (worker thread, as the server runs it), one text per call | | "
        f"{r['in_process_worker']['batch1']} |",
        f"| in-process (worker thread), batched | | {r['in_process_worker']['batched']} |",
        f"| in-process (main thread), one text per call | | {r['in_process_main']['batch1']} |",
        f"| in-process (main thread), batched | | {r['in_process_main']['batched']} |", "",
        f"At one text per request, in-process (worker thread) is {r['http_overhead_batch1']}× the HTTP rate. "
        "The main-thread rows are there because they differ: on a small shared machine torch's CPU kernels "
        "have been seen far slower on the main thread than on another.", ""])

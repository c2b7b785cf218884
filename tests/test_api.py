"""`vigia api` over real HTTP on loopback: a real server process with the tiny trained classifier, called with
urllib and with Google's own client library built from the server's discovery document."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigia.api.limits import RateLimiter
from vigia.cli.main import cli
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings
from vigia.store import open_store

REPO = Path(__file__).resolve().parent.parent
RATE_LIMIT = 40
HATE_ES = "Los venezolanos son una plaga, que se vayan todos de aquí. Vienen a delinquir."
TEXTS = {
    "es": HATE_ES,
    "pt": "Os venezuelanos são uma praga, tem que expulsar todos eles do Brasil.",
    "en": "Migrants are vermin and should all be thrown out of this country.",
}
CONFIG = """
api_rate_limit = {rate}
api_store_analyzed = true

[[console_users]]
username = "ana"
role = "admin"
password_hash = "scrypt$16384$8$1$unused$unused"

[[console_users]]
username = "vera"
role = "viewer"
password_hash = "scrypt$16384$8$1$unused$unused"
"""


def load_posts(config: Path, data_dir: Path) -> None:
    """Five Mastodon posts (one with an e-mail address and a link) and a news item, through the real pipeline."""
    settings = load_settings(config, data_dir=data_dir)
    records = [(f"post {i}", {"platform": "mastodon", "native_id": str(i), "url": f"https://mastodon.example/@ana/{i}",
                             "text": f"Los venezolanos llegaron a Cúcuta, día {i}.", "language": "es",
                             "created_at": f"2026-03-0{i}T10:00:00Z", "country": "PE" if i == 5 else "CO",
                             "author_handle": "@ana"}) for i in range(1, 6)]
    records[1][1]["text"] = "Escríbanme a ana@example.org, más en https://example.org/x sobre los migrantes."
    records.append(("news", {"platform": "news", "url": "https://news.example/a", "text": "Noticia sobre migración.",
                             "created_at": "2026-03-02T10:00:00Z", "language": "es"}))
    with open_store(settings.resolved_store_url) as store:
        summary = Pipeline(settings, store, None, "test").process(records)
    assert summary.new == 6, summary.line()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, root: Path, env: dict[str, str], url: str):
        self.root, self.env, self.url = root, env, url

    def vigia(self, *args: str):
        """Run a real `vigia` command against this server's settings and data."""
        return CliRunner().invoke(cli, ["--config", str(self.root / "vigia.toml"), *args], env=self.env)

    def key(self, user: str) -> str:
        result = self.vigia("api", "key", user)
        assert result.exit_code == 0, result.output
        return result.stdout.strip().splitlines()[-1]

    def call(self, method: str, path: str, body: dict | None = None, key: str | None = None,
             bearer: str | None = None) -> tuple[int, dict, dict]:
        request = urllib.request.Request(self.url + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Content-Type": "application/json"})
        if bearer:
            request.add_header("Authorization", f"Bearer {bearer}")
        if key:
            request.full_url += ("&" if "?" in path else "?") + f"key={key}"
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read()), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read()), dict(exc.headers)


@pytest.fixture(scope="module")
def server(trained: Path, models_dir: Path, tmp_path_factory) -> Server:
    root = tmp_path_factory.mktemp("api")
    (root / "vigia.toml").write_text(CONFIG.format(rate=RATE_LIMIT), encoding="utf-8")
    env = {"VIGIA_DATA_DIR": str(root / "data"), "VIGIA_CLASSIFIER_DIR": str(trained),
           "VIGIA_MODELS_DIR": str(models_dir), "VIGIA_CONFIG": str(root / "vigia.toml")}
    load_posts(root / "vigia.toml", root / "data")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vigia", "api", "--port", str(port)], cwd=root,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("VIGIA_")}, **env,
             "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + "/$discovery/rest?version=v1alpha1", timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"vigia api did not start: {process.stdout.read()}")
            time.sleep(0.3)
    yield Server(root, env, url)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def admin(server: Server) -> str:
    return server.key("ana")


@pytest.fixture(scope="module")
def viewer(server: Server) -> str:
    return server.key("vera")


# ---- keys, roles, limits ----

def test_no_key_no_answer(server: Server):
    status, body, _ = server.call("POST", "/v1/analyze", {"text": HATE_ES})
    assert status == 403 and body["error"]["status"] == "PERMISSION_DENIED"
    status, body, _ = server.call("POST", "/v1/analyze", {"text": HATE_ES}, key="vigia_nope_x")
    assert status == 400 and body["error"]["details"][0]["reason"] == "API_KEY_INVALID"
    status, body, headers = server.call("GET", "/v1/counts", bearer="not-a-key")
    assert status == 401 and body["error"]["status"] == "UNAUTHENTICATED" and headers["www-authenticate"] == "Bearer"


def test_keys_are_hashed_at_rest_and_belong_to_console_users(server: Server, admin: str):
    stored = (server.root / "data" / "api-keys.json").read_text()
    assert admin not in stored and admin.split("_")[1] in stored  # the id, never the key
    result = server.vigia("api", "key", "mallory")
    assert result.exit_code != 0 and "'mallory' is not a console user" in result.output
    assert "Traceback" not in result.output


def test_a_revoked_key_gets_no_answer(server: Server):
    key = server.key("vera")
    assert server.call("GET", "/v1/counts", key=key)[0] == 200
    result = server.vigia("api", "key", "vera", "--revoke")
    assert result.exit_code == 0 and "revoked" in result.output
    status, body, _ = server.call("GET", "/v1/counts", key=key)
    assert status == 400 and body["error"]["message"].startswith("API key not valid")


def test_each_key_has_its_own_rate_limit(server: Server, admin: str):
    key = server.key("ana")
    answers = [server.call("GET", "/v1/counts", bearer=key) for _ in range(RATE_LIMIT + 1)]
    assert [a[0] for a in answers[:RATE_LIMIT]] == [200] * RATE_LIMIT
    status, body, headers = answers[-1]
    assert status == 429 and body["error"]["status"] == "RESOURCE_EXHAUSTED" and int(headers["retry-after"]) >= 1
    assert server.call("GET", "/v1/counts", key=admin)[0] == 200  # another key is not held back


def test_the_bucket_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.allow("k")[0] for _ in range(3)] == [True, True, False]
    assert limiter.allow("k")[1] == pytest.approx(30.0)
    now[0] = 30.0
    assert limiter.allow("k")[0] and not limiter.allow("k")[0]
    assert RateLimiter(0).allow("k") == (True, 0.0)


def test_every_call_is_audited(server: Server, viewer: str):
    server.call("GET", "/v1/posts/nope", key=viewer)
    server.call("GET", "/v1/counts")
    lines = [json.loads(line) for line in (server.root / "data" / "audit.jsonl").read_text().splitlines()]
    calls = [line for line in lines if line["action"] == "api.call"]
    assert calls[-2]["actor"] == "vera" and calls[-2]["endpoint"] == "GET /v1/posts/nope" and calls[-2]["status"] == 404
    assert calls[-1]["actor"] == "anonymous" and calls[-1]["status"] == 403
    assert any(line["action"] == "api.key" and line["user"] == "vera" for line in lines)


# ---- /v1/analyze ----

def test_analyze_gives_every_label_for_one_or_many_texts(server: Server, admin: str, trained: Path):
    manifest = json.loads((trained / "manifest.json").read_text())
    status, body, _ = server.call("POST", "/v1/analyze", {"texts": list(TEXTS.values())}, bearer=admin)
    assert status == 200 and body["model"] == f"{manifest['name']} {manifest['version']}"
    assert [r["language"]["code"] for r in body["results"]] == ["es", "pt", "en"]
    first = body["results"][0]
    assert first["hate"]["label"] in ("hateful", "not_hateful") and 0 <= first["hate"]["probability"] <= 1
    assert first["migration"]["label"] in ("migration", "not_migration")
    assert first["xenophobic"] == (first["hate"]["label"] == "hateful" and first["migration"]["label"] == "migration")
    assert any(c["kind"] == "target" and c["text"] == "venezolanos" for c in first["cues"])
    assert {lab["task"] for lab in first["labels"]} >= {"hate", "migration"}
    assert any(m["myth"] == "crime_insecurity" for m in first["myths"])
    status, single, _ = server.call("POST", "/v1/analyze", {"text": TEXTS["es"]}, key=admin)
    assert single["results"][0]["hate"] == first["hate"]  # one text or a batch: the same answer


def test_analyze_adds_counter_messages_on_request(server: Server, viewer: str):
    status, body, _ = server.call("POST", "/v1/analyze", {"text": HATE_ES, "counter_messages": True,
                                                          "do_not_store": True}, key=viewer)
    counter = body["results"][0]["counter_messages"]
    assert status == 200 and counter["library_language"] == "es"
    assert counter["responses"] and all(r["sources"] for r in counter["responses"])


def test_analyze_refuses_bad_requests_in_googles_shape(server: Server, admin: str):
    for bad in ({}, {"text": "  "}, {"text": "a", "texts": ["b"]}, {"texts": "not a list"}):
        status, body, _ = server.call("POST", "/v1/analyze", bad, key=admin)
        assert status == 400 and body["error"]["status"] == "INVALID_ARGUMENT", bad


# ---- posts and counts ----

def test_a_viewer_gets_redacted_posts_and_an_admin_raw_ones(server: Server, viewer: str, admin: str):
    status, body, _ = server.call("GET", "/v1/posts/mastodon:2?raw=false", key=viewer)
    assert status == 200 and "[EMAIL]" in body["text"] and "ana@example.org" not in body["text"]
    assert body["url"] is None
    status, body, _ = server.call("GET", "/v1/posts/mastodon:2?raw=true", key=viewer)
    assert status == 403 and body["error"]["status"] == "PERMISSION_DENIED"
    status, body, _ = server.call("GET", "/v1/posts/mastodon:2?raw=true", key=admin)
    assert "ana@example.org" in body["text"] and body["url"] == "https://mastodon.example/@ana/2"
    status, page, _ = server.call("GET", "/v1/posts?platform=mastodon", key=viewer)
    assert all("@" not in p["text"] for p in page["posts"])


def test_posts_are_cursor_paged_with_every_filter(server: Server, viewer: str):
    seen, cursor, pages = [], None, 0
    while True:
        path = "/v1/posts?platform=mastodon&limit=2&sort=date" + (f"&cursor={cursor}" if cursor else "")
        status, body, _ = server.call("GET", path, key=viewer)
        assert status == 200 and body["total"] == 5
        seen += [p["id"] for p in body["posts"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3 and sorted(seen) == [f"mastodon:{i}" for i in range(1, 6)]
    status, body, _ = server.call("GET", "/v1/posts?country=pe&language=es", key=viewer)
    assert [p["id"] for p in body["posts"]] == ["mastodon:5"]
    status, body, _ = server.call("GET", f"/v1/posts?platform=news&cursor={cursor or 'eyJvIjogMiwgImYiOiAieCJ9'}",
                                  key=viewer)
    assert status == 400 and "another query" in body["error"]["message"]
    status, body, _ = server.call("GET", "/v1/posts?label=hateful", key=viewer)
    assert status == 400 and "need a task" in body["error"]["message"]


def test_counts_total_over_time_and_top_values(server: Server, viewer: str):
    status, body, _ = server.call("GET", "/v1/counts?platform=mastodon&interval=day&facet=country", key=viewer)
    assert status == 200 and body["total"] == 5
    assert sum(b["count"] for b in body["buckets"]) == 5
    assert body["top"][0] == {"value": "CO", "count": 4}
    status, body, _ = server.call("GET", "/v1/counts?facet=shoe_size", key=viewer)
    assert status == 400 and "unknown facet" in body["error"]["message"]


def test_estimate_is_the_corrected_share_vigia_estimate_gives(server: Server, viewer: str):
    status, body, _ = server.call("GET", "/v1/estimate?estimate_task=hate&estimate_label=hateful&platform=mastodon",
                                  key=viewer)
    assert status == 400 and "nothing to estimate" in body["error"]["message"]  # loaded without the classifier
    classified = server.vigia("classify")
    assert classified.exit_code == 0, classified.output
    status, body, _ = server.call("GET", "/v1/estimate?estimate_task=hate&estimate_label=hateful", key=viewer)
    assert status == 200 and len(body["estimates"]) == 1, body
    cli_run = server.vigia("estimate", "--task", "hate", "--label", "hateful", "--json")
    assert cli_run.exit_code == 0, cli_run.output
    expected = json.loads(cli_run.stdout)
    got = body["estimates"][0]
    for key in ("estimate", "ci_low", "ci_high", "classify_and_count", "method", "n_posts", "error_rates_from"):
        assert got[key] == expected[key]
    assert got["ci_low"] <= got["estimate"] <= got["ci_high"]
    status, body, _ = server.call("GET", "/v1/estimate?estimate_task=shoe&estimate_label=x", key=viewer)
    assert status == 400 and body["error"]["message"]


# ---- the Perspective-compatible endpoint ----

def analyze_body(text: str, *attributes: str, **extra) -> dict:
    return {"comment": {"text": text}, "requestedAttributes": {a: {} for a in attributes}, **extra}


def test_perspective_request_and_response_shape(server: Server, admin: str):
    body = analyze_body(HATE_ES, "IDENTITY_ATTACK", "XENOPHOBIA", "MIGRATION", "MYTH_CRIME_INSECURITY",
                        spanAnnotations=True, clientToken="t-1", doNotStore=True)
    status, answer, _ = server.call("POST", "/v1alpha1/comments:analyze", body, key=admin)
    assert status == 200 and answer["clientToken"] == "t-1"
    assert answer["languages"] == ["es"] and answer["detectedLanguages"] == ["es"]
    scores = {name: a["summaryScore"] for name, a in answer["attributeScores"].items()}
    assert all(s["type"] == "PROBABILITY" and 0 <= s["value"] <= 1 for s in scores.values())
    assert scores["XENOPHOBIA"]["value"] == pytest.approx(
        scores["IDENTITY_ATTACK"]["value"] * scores["MIGRATION"]["value"], abs=1e-3)
    assert scores["MYTH_CRIME_INSECURITY"]["value"] > 0  # the baseline detector's cue "vienen a delinquir"
    spans = answer["attributeScores"]["IDENTITY_ATTACK"]["spanScores"]
    assert [HATE_ES[s["begin"]:s["end"]] for s in spans] == [
        "Los venezolanos son una plaga, que se vayan todos de aquí.", "Vienen a delinquir."]
    _, labels, _ = server.call("POST", "/v1/analyze", {"text": HATE_ES, "do_not_store": True}, key=admin)
    assert scores["IDENTITY_ATTACK"]["value"] == pytest.approx(labels["results"][0]["hate"]["probability"], abs=1e-4)


def test_score_threshold_leaves_low_scores_out(server: Server, admin: str):
    text = "Hoy hace buen tiempo en Lima y vamos a la playa."

    def scored(threshold: float) -> list[str]:
        body = analyze_body(text, "MIGRATION", doNotStore=True)
        body["requestedAttributes"]["IDENTITY_ATTACK"] = {"scoreThreshold": threshold, "scoreType": "PROBABILITY"}
        status, answer, _ = server.call("POST", "/v1alpha1/comments:analyze", body, key=admin)
        assert status == 200
        return list(answer["attributeScores"])

    value = server.call("POST", "/v1alpha1/comments:analyze", analyze_body(text, "IDENTITY_ATTACK", doNotStore=True),
                        key=admin)[1]["attributeScores"]["IDENTITY_ATTACK"]["summaryScore"]["value"]
    assert value < 0.999
    assert scored(value) == ["MIGRATION", "IDENTITY_ATTACK"]
    assert scored(min(1.0, value + 0.001)) == ["MIGRATION"]


@pytest.mark.parametrize("body,status,error_type,message", [
    (analyze_body(HATE_ES, "PROFANITY", languages=["es"]), 400, "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
     "Attribute PROFANITY does not support request languages: es"),
    (analyze_body(HATE_ES, "IDENTITY_ATTACK", languages=["de"]), 400, "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
     "Attribute IDENTITY_ATTACK does not support request languages: de"),
    (analyze_body("Die Ausländer sollen alle sofort nach Hause gehen und nie wieder kommen.", "IDENTITY_ATTACK"),
     400, "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE", "Attribute IDENTITY_ATTACK does not support request languages: und"),
    (analyze_body("", "IDENTITY_ATTACK"), 400, "COMMENT_EMPTY", "Comment must be non-empty."),
    (analyze_body(HATE_ES), 400, "NO_REQUESTED_ATTRIBUTES", "Requested attributes must be non-empty."),
    (analyze_body("a" * 20481, "IDENTITY_ATTACK"), 400, "COMMENT_TOO_LONG", "Comment text too long"),
    (analyze_body(HATE_ES, "TOXICITY", "SEXUALLY_EXPLICIT"), 400, "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
     "Attribute TOXICITY does not support request languages"),
])
def test_perspective_errors_keep_perspectives_shape(server: Server, admin: str, body, status, error_type, message):
    code, answer, _ = server.call("POST", "/v1alpha1/comments:analyze", body, key=admin)
    error = answer["error"]
    assert code == status and error["code"] == status and error["status"] == "INVALID_ARGUMENT"
    assert error["message"].startswith(message)
    assert error["details"][0]["errorType"] == error_type


def test_unsupported_attributes_are_dropped_on_request(server: Server, admin: str):
    body = analyze_body(HATE_ES, "PROFANITY", "XENOPHOBIA", dropUnsupportedAttributes=True, doNotStore=True)
    status, answer, _ = server.call("POST", "/v1alpha1/comments:analyze", body, key=admin)
    assert status == 200 and list(answer["attributeScores"]) == ["XENOPHOBIA"]


def test_do_not_store_is_honoured(server: Server, admin: str):
    def stored() -> int:
        return server.call("GET", "/v1/counts?platform=api", key=admin)[1]["total"]

    before = stored()
    text = "Los haitianos llegaron a Santiago y buscan trabajo en la construcción."
    server.call("POST", "/v1alpha1/comments:analyze", analyze_body(text, "MIGRATION", doNotStore=True), key=admin)
    server.call("POST", "/v1/analyze", {"text": text, "do_not_store": True}, key=admin)
    assert stored() == before
    server.call("POST", "/v1alpha1/comments:analyze", analyze_body(text, "MIGRATION"), key=admin)
    assert stored() == before + 1  # this server's operator turned api_store_analyzed on


def test_googles_client_library_works_by_changing_only_the_address(server: Server, admin: str):
    from googleapiclient import discovery
    from googleapiclient.errors import HttpError

    client = discovery.build("commentanalyzer", "v1alpha1", developerKey=admin, static_discovery=False,
                             discoveryServiceUrl=server.url + "/$discovery/rest?version=v1alpha1",
                             cache_discovery=False)
    for language, text in TEXTS.items():
        answer = client.comments().analyze(body={
            "comment": {"text": text}, "requestedAttributes": {"IDENTITY_ATTACK": {}, "XENOPHOBIA": {}},
            "languages": [language], "doNotStore": True}).execute()
        assert answer["languages"] == [language] and answer["detectedLanguages"] == [language]
        assert set(answer["attributeScores"]) == {"IDENTITY_ATTACK", "XENOPHOBIA"}
        assert (answer["attributeScores"]["XENOPHOBIA"]["summaryScore"]["value"]
                <= answer["attributeScores"]["IDENTITY_ATTACK"]["summaryScore"]["value"])
    with pytest.raises(HttpError) as refused:
        client.comments().analyze(body={"comment": {"text": TEXTS["es"]},
                                        "requestedAttributes": {"PROFANITY": {}}}).execute()
    assert refused.value.resp.status == 400
    assert json.loads(refused.value.content)["error"]["details"][0]["errorType"] == \
        "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"


def test_the_discovery_document_points_at_this_server(server: Server):
    with urllib.request.urlopen(server.url + "/$discovery/rest?version=v1alpha1") as response:
        document = json.loads(response.read())
    assert document["rootUrl"] == document["baseUrl"] == server.url + "/"
    assert document["resources"]["comments"]["methods"]["analyze"]["path"] == "v1alpha1/comments:analyze"
    assert "XENOPHOBIA" in document["schemas"]["AnalyzeCommentRequest"]["properties"]["requestedAttributes"][
        "description"]
    with urllib.request.urlopen(server.url + "/openapi.json") as response:
        assert "/v1/analyze" in json.loads(response.read())["paths"]


def test_with_a_myth_head_each_trained_myth_is_an_attribute_scored_with_migration():
    """The shipped model's manifest decides the attributes; MYTH_* is P(migration) · P(myth) from its heads."""
    from types import SimpleNamespace

    from nlp import Annotation
    from vigia.api.analysis import Analysis
    from vigia.api.perspective import attribute_set

    manifest = json.loads((REPO / "data" / "models" / "vigia-xeno-e5" / "manifest.json").read_text())
    supported = attribute_set(SimpleNamespace(manifest=manifest), ["crime_insecurity", "disease"])
    assert supported.myth_head and "MYTH_CRIME_INSECURITY" in supported.names
    assert "MYTH_DISEASE" not in supported.names  # untrained in the shipped model: not offered
    annotation = Annotation("es", 0.99, probabilities={
        "hate": {"not_hateful": 0.2, "hateful": 0.8}, "migration": {"not_migration": 0.5, "migration": 0.5},
        "myth": {"crime_insecurity": 0.6}})
    analysis = Analysis("texto", annotation)
    assert supported.score("IDENTITY_ATTACK", analysis) == 0.8
    assert supported.score("XENOPHOBIA", analysis) == pytest.approx(0.4)
    assert supported.score("MYTH_CRIME_INSECURITY", analysis) == pytest.approx(0.3)

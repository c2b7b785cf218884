"""`vigia alerts run` end to end: a local SMTP server and a local webhook receive each new alert exactly once."""

from __future__ import annotations

import json
import socket
import threading
from datetime import datetime, time, timedelta, timezone
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from recorded import FAST, started, vigia, write_sources
from vigia.alerting.notify import mask_url
from vigia.cli.main import cli
from vigia.ingest.health import record_failure
from vigia.model import Post, Provenance
from vigia.settings import SourceConfig
from vigia.store.sqlite import SQLiteStore

TOKEN = "s3cr3t-hook-token"
YESTERDAY = datetime.now(timezone.utc).date() - timedelta(days=1)
SPIKE_DAY = YESTERDAY - timedelta(days=1)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd's controller needs a real port number, not 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def webhook():
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], received
    server.shutdown()


def post(i: int, day, myth: str) -> Post:
    at = datetime.combine(day, time(12), timezone.utc) + timedelta(seconds=i)
    return Post(id=f"mastodon:{i}", native_id=str(i), platform="mastodon", source="#migrantes@mastodon.example",
                text=f"Texto sintético {i}", language="es", country="CO", created_at=at, collected_at=at,
                myths=[myth], provenance=Provenance(collector="test", run_id="r1", raw_hash=f"h{i}", synthetic=True))


@pytest.fixture
def corpus(isolated: Path, tmp_path: Path, monkeypatch) -> SQLiteStore:
    """40 days of one `disease` and one `jobs_wages` post a day, 30 more `disease` posts the day before yesterday,
    and a configured source whose last run failed."""
    first = YESTERDAY - timedelta(days=39)
    posts = [post(n * 2 + k, first + timedelta(days=n), myth) for n in range(40)
             for k, myth in enumerate(("disease", "jobs_wages"))]
    posts += [post(1000 + k, SPIKE_DAY, "disease") for k in range(30)]
    store = SQLiteStore(tmp_path / "store.db")
    store.upsert(posts)
    source = SourceConfig(name="mastodon-migrantes", spider="mastodon")
    record_failure(store, source, "HTTP 503 from the instance")
    (tmp_path / "vigia.toml").write_text('console_url = "https://vigia.example.org/"\nconsole_language = "en"\n'
                                         '[[sources]]\nname = "mastodon-migrantes"\nspider = "mastodon"\n')
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{store.path}")
    yield store
    store.close()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["alerts", "run", *args])
    return result.exit_code, result.output


def test_each_new_alert_reaches_mail_and_webhook_once(corpus, smtp, webhook, monkeypatch):
    controller, inbox = smtp
    port, received = webhook
    mail = f"mailto://127.0.0.1:{controller.port}?from=vigia@example.org&to=equipo@example.org"
    hook = f"json://127.0.0.1:{port}/hooks/{TOKEN}"
    dead = f"json://alerts:{TOKEN}@127.0.0.1:9/hooks"  # nothing listens on the discard port
    monkeypatch.setenv("VIGIA_NOTIFY_URLS", f"{mail} {hook} {dead}")

    code, output = run()
    assert code == 0, output
    assert TOKEN not in output and "json://***@127.0.0.1:9/***" in output  # the failing URL, masked
    myth_title = f"Vigía: the myth “Migrants spread disease” rose on {SPIKE_DAY}"
    source_title = "Vigía: source mastodon-migrantes is failing"
    assert f"sent: {myth_title}" in output and f"sent: {source_title}" in output
    assert "2 alerts found, 2 sent, 0 already sent" in output

    subjects = sorted(str(make_header(decode_header(m["Subject"]))) for m in inbox.messages)
    assert subjects == sorted([myth_title, source_title])
    assert sorted(body["title"] for _, body in received) == sorted([myth_title, source_title])
    assert {path for path, _ in received} == {f"/hooks/{TOKEN}"}
    spike = next(body["message"] for _, body in received if body["title"] == myth_title)
    assert (f"rose to 31 of 32 posts collected on {SPIKE_DAY} (96.9 %), against 50.0 % over the 28 days before "
            f"(×1.9 the usual share; 16.0 expected;") in spike
    assert (f"https://vigia.example.org/explorar?since={SPIKE_DAY}&until={SPIKE_DAY}&myth=disease") in spike
    failing = next(body["message"] for _, body in received if body["title"] == source_title)
    assert "HTTP 503 from the instance" in failing and "https://vigia.example.org/fuentes" in failing

    code, output = run()
    assert code == 0 and "2 alerts found, 0 sent, 2 already sent" in output
    assert len(inbox.messages) == 2 and len(received) == 2


@pytest.fixture
def telegram():
    yield from started("telegram")


def test_the_monitor_sends_the_new_alerts_after_each_round(corpus, telegram, webhook, tmp_path, monkeypatch):
    port, received = webhook
    write_sources(tmp_path / "vigia.toml", [
        {"name": "tg", "spider": "telegram", "options": {"base": telegram.base, "channels": ["noticias_frontera"],
                                                         "delay": 0}}],
        console_url="https://vigia.example.org/", console_language="en")
    monkeypatch.setenv("VIGIA_NOTIFY_URLS", f"json://127.0.0.1:{port}/hooks/{TOKEN}")
    run = vigia("monitor", "--once", *FAST, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "tg: 5 seen, 4 new" in run.stdout
    [line] = [line for line in run.stdout.splitlines() if line.startswith("alerts: ")]
    assert "alerts found" in line and " 0 sent" not in line and TOKEN not in run.stdout + run.stderr
    titles = [body["title"] for _, body in received]
    assert titles.count(f"Vigía: the myth “Migrants spread disease” rose on {SPIKE_DAY}") == 1


def test_without_notify_urls_it_says_what_to_set_and_a_dry_run_sends_nothing(corpus):
    code, output = run()
    assert code != 0 and "no notify_urls" in output and "Traceback" not in output
    code, output = run("--dry-run")
    assert code == 0 and "would send: Vigía: the myth" in output and "2 alerts found, 2 sent" in output
    code, output = run("--dry-run")
    assert "2 sent, 0 already sent" in output  # a dry run remembers nothing


def test_secrets_in_notify_urls_are_masked():
    assert mask_url(f"mailtos://alerts:{TOKEN}@mail.example.org?to=a@example.org") == \
        "mailtos://***@mail.example.org/***"
    assert mask_url(f"tgram://123456:{TOKEN}/12345") == "tgram://***/***"
    assert mask_url(f"slack://T1/B2/{TOKEN}") == "slack://***/***"
    assert mask_url(f"json://127.0.0.1:8080/hooks/{TOKEN}") == "json://127.0.0.1:8080/***"
    assert mask_url("not a url") == "***"

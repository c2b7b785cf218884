"""`vigia collect` and `vigia monitor`, the spider contract, politeness settings, health and Retry-After."""

from __future__ import annotations

import inspect
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from scrapy.settings import Settings as ScrapySettings
from scrapy.spiderloader import SpiderLoader

from collectors.base import SourceOptions, VigiaSpider, parse_link_header
from collectors.middlewares import retry_after_seconds
from recorded import DATA, FAST, started, vigia, write_sources
from vigia.cli.main import cli
from vigia.ingest.health import health_of, record_failure, source_health
from vigia.settings import SourceConfig, load_settings
from vigia.store import open_store

REPO = Path(__file__).resolve().parent.parent


def spiders() -> dict[str, type]:
    settings = ScrapySettings()
    settings.setmodule("collectors.settings")
    loader = SpiderLoader.from_settings(settings)
    return {name: loader.load(name) for name in loader.list()}


def test_every_spider_keeps_the_contract():
    """One spider per file named after it, its own options and mapping, recorded fixtures and a test."""
    found = spiders()
    assert {"news", "gdelt", "mastodon", "bluesky", "telegram", "reddit", "youtube"} <= set(found)
    problems = []
    for name, cls in sorted(found.items()):
        if not issubclass(cls, VigiaSpider):
            problems.append(f"{name}: not a VigiaSpider")
            continue
        if Path(inspect.getfile(cls)).stem != name:
            problems.append(f"{name}: lives in {Path(inspect.getfile(cls)).name}")
        if not cls.platform or not issubclass(cls.Options, SourceOptions) or cls.Options is SourceOptions:
            problems.append(f"{name}: needs a platform and its own Options")
        if cls.to_item is VigiaSpider.to_item:
            problems.append(f"{name}: maps records in no to_item()")
        for needed in (DATA / name / "README.md", DATA / name / "routes.yaml", REPO / "tests" / f"test_spider_{name}.py"):
            if not needed.is_file():
                problems.append(f"{name}: missing {needed.relative_to(REPO)}")
        if f"`{name}`" not in (REPO / "README.md").read_text(encoding="utf-8"):
            problems.append(f"{name}: not documented in README.md")
    assert problems == []


def test_polite_defaults():
    settings = ScrapySettings()
    settings.setmodule("collectors.settings")
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2 and settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings["USER_AGENT"].startswith("Vigia/") and not settings.getbool("HTTPCACHE_ENABLED")
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert spiders()["gdelt"].custom_settings["DOWNLOAD_DELAY"] >= 5


def test_retry_after_and_link_headers():
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT", now=datetime(2026, 10, 21, 7, 27, 30,
                                                                            tzinfo=timezone.utc).timestamp()) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    links = parse_link_header('<https://m.example/api?max_id=5>; rel="next", <https://m.example/api?min_id=9>; rel="prev"')
    assert links == {"next": "https://m.example/api?max_id=5", "prev": "https://m.example/api?min_id=9"}


def test_health_flags_a_source_that_silently_stopped():
    source = SourceConfig(name="s", spider="telegram")
    now = datetime(2026, 4, 10, 12, tzinfo=timezone.utc)
    assert health_of(source, None, now).status == "never run"
    run = {"run_at": "2026-04-10T11:00:00Z", "finished": True, "fetched": 20, "new": 0, "errors": 0,
           "last_new_at": "2026-04-07T11:00:00Z", "stale_after_hours": 48}
    stale = health_of(source, {"health": run, "runs": [run]}, now)
    assert stale.status == "stale" and stale.since_new == timedelta(days=3, hours=1)
    assert "stale" in stale.line() and "73.0h ago" in stale.line()
    fresh = health_of(source, {"health": {**run, "last_new_at": "2026-04-10T09:00:00Z"}}, now)
    assert fresh.status == "ok"
    assert health_of(source, {"health": {**run, "finished": False}}, now).status == "failing"
    assert health_of(source, {"health": {**run, "fetched": 0, "errors": 3}}, now).status == "failing"


def test_collect_errors_are_one_line(tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [
        {"name": "bad-option", "spider": "mastodon", "options": {"limit": 500}},
        {"name": "bad-spider", "spider": "myspace"},
        {"name": "typo", "spider": "telegram", "options": {"chanels": ["x"]}}])
    for args, message in ((["collect", "nope"], "no source 'nope' in the settings (configured: bad-option, bad-spider, typo)"),
                          (["collect", "bad-option"], "source 'bad-option': option 'limit': Input should be less than or equal to 40"),
                          (["collect", "bad-spider"], "source 'bad-spider': no spider 'myspace' (known: bluesky, gdelt"),
                          (["collect", "typo"], "source 'typo': option 'chanels': Extra inputs are not permitted"),
                          (["monitor", "--source", "nope"], "no source 'nope'")):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and message in result.output, (args, result.output)
        assert "Traceback" not in result.output


@pytest.fixture
def telegram():
    yield from started("telegram")


def test_monitor_runs_due_sources_keeps_going_and_records_health(telegram, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [
        {"name": "tg", "spider": "telegram", "interval_minutes": 60,
         "options": {"base": telegram.base, "channels": ["noticias_frontera"], "delay": 0}},
        {"name": "broken", "spider": "telegram", "options": {"base": "http://127.0.0.1:9", "channels": ["x"],
                                                               "delay": 0}},
        {"name": "off", "spider": "telegram", "enabled": False, "options": {"channels": ["x"]}}])
    first = vigia("monitor", "--once", *FAST)
    assert first.returncode == 1, first.stderr[-3000:]
    assert "monitoring 2 sources: tg, broken" in first.stdout
    assert "tg: 5 seen, 4 new, 0 updated, 0 unchanged, 1 quarantined" in first.stdout
    assert "broken: FAILED: source 'broken': every request failed" in first.stdout
    assert "1 of 2 sources failed" in first.stderr

    status = vigia("monitor", "--status")
    lines = {line.split()[0]: line for line in status.stdout.splitlines()}
    assert "ok" in lines["tg"].split()[1] and "5 fetched, 4 new, 1 errors" in lines["tg"]
    assert lines["broken"].split()[1] == "failing" and "last error" in lines["broken"]
    assert lines["off"].split()[1:3] == ["never", "run"]

    again = vigia("monitor", "--once", *FAST)  # nothing is due again before its interval
    assert again.returncode == 0 and "tg:" not in again.stdout and "broken" not in again.stdout.split("\n", 1)[1]
    with open_store(load_settings().resolved_store_url) as store:
        assert [h.status for h in source_health(store, load_settings().sources)] == ["ok", "failing", "never run"]
        record_failure(store, load_settings().sources[0], "killed")
        assert store.get_checkpoint("tg")["runs"][0]["last_error"] == "killed"
        assert store.get_checkpoint("tg")["cursor"] == {"noticias_frontera": "203"}  # a failure keeps the cursor


def test_retry_after_gives_up_on_long_waits():
    import asyncio

    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Request, Response
    from scrapy.utils.test import get_crawler

    from collectors.middlewares import RetryAfterMiddleware

    crawler = get_crawler(settings_dict={"RETRY_AFTER_MAX": 10})
    crawler.stats.open_spider()
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/api")
    plain_503 = Response(request.url, status=503, request=request)
    assert asyncio.run(middleware.process_response(request, plain_503)) is plain_503  # Scrapy's retry handles it
    long_wait = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    with pytest.raises(IgnoreRequest, match=r"Retry-After 3600s.*gave up"):
        asyncio.run(middleware.process_response(request, long_wait))
    assert crawler.stats.get_value("vigia/rate_limited/gave_up") == 1


def test_monitor_runs_sources_concurrently_and_skips_one_another_runner_holds(telegram, isolated: Path,
                                                                               tmp_path: Path):
    from vigia.ingest.source_lock import SKIPPED_EXIT, source_lock

    write_sources(tmp_path / "vigia.toml", [
        {"name": "tg", "spider": "telegram", "options": {"base": telegram.base, "channels": ["noticias_frontera"],
                                                         "delay": 0}},
        {"name": "tg-held", "spider": "telegram", "options": {"base": telegram.base, "channels": ["noticias_frontera"],
                                                              "delay": 0}}],
        monitor_concurrency=2)
    settings = load_settings()
    with source_lock(settings.data_dir, "tg-held"):  # another monitor is collecting it right now
        by_hand = vigia("collect", "tg-held", *FAST)
        assert by_hand.returncode == SKIPPED_EXIT and "Traceback" not in by_hand.stderr
        assert "source 'tg-held' is being collected by another run" in by_hand.stderr
        run = vigia("monitor", "--once", *FAST)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "tg: 5 seen, 4 new" in run.stdout
    assert "tg-held: skipped: source 'tg-held' is being collected by another run" in run.stdout
    with open_store(settings.resolved_store_url) as store:
        assert store.get_checkpoint("tg-held") is None  # never crawled, never marked failing
    again = vigia("collect", "tg-held", *FAST)  # the lock went with its holder
    assert again.returncode == 0 and "tg-held: 5 seen, 0 new" in again.stdout


def test_a_monitor_cycle_loads_the_classifier_once_for_all_its_sources(telegram, trained: Path, models_dir: Path,
                                                                       isolated: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))  # the encoder the tiny classifier was trained on
    write_sources(tmp_path / "vigia.toml", [
        {"name": "tg-frontera", "spider": "telegram",
         "options": {"base": telegram.base, "channels": ["noticias_frontera"], "delay": 0}},
        {"name": "tg-respuestas", "spider": "telegram",
         "options": {"base": telegram.base, "channels": ["canal_respuestas"], "delay": 0}}],
        classifier_dir=str(trained), monitor_concurrency=2)
    run = vigia("monitor", "--once", *FAST, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    # both crawls of the cycle ran in one process, through one load of the encoder and the classifier
    assert "cycle: 2 sources in one process, NLP components loaded 1 time\n" in run.stdout
    assert "tg-frontera: 5 seen, 4 new" in run.stdout and "tg-respuestas: " in run.stdout
    assert "FAILED" not in run.stdout and "lexicon-only" not in run.stderr
    with open_store(load_settings().resolved_store_url) as store:
        posts = list(store.iter_posts())
    classified = {p.source for p in posts if p.label_for("hate") is not None}  # the classifier's, not the lexicon's
    assert classified == {"t.me/noticias_frontera", "t.me/canal_respuestas"}


def test_a_source_past_its_timeout_fails_alone_and_the_cycle_goes_on(telegram, isolated: Path, tmp_path: Path):
    import socket

    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        write_sources(tmp_path / "vigia.toml", [
            {"name": "silent", "spider": "telegram",
             "options": {"base": f"http://127.0.0.1:{silent.getsockname()[1]}", "channels": ["x"], "delay": 0}},
            {"name": "tg", "spider": "telegram",
             "options": {"base": telegram.base, "channels": ["noticias_frontera"], "delay": 0}}],
            monitor_concurrency=2)
        run = vigia("monitor", "--once", "--timeout", "3", *FAST)
    finally:
        silent.close()
    assert run.returncode == 1, run.stderr[-3000:]
    assert "silent: FAILED: stopped after 3s (--timeout)" in run.stdout
    assert "tg: 5 seen, 4 new" in run.stdout and "1 of 2 sources failed" in run.stderr
    with open_store(load_settings().resolved_store_url) as store:
        assert store.get_checkpoint("silent")["health"]["last_error"] == "stopped after 3s (--timeout)"

"""A crawl's one way into Vigía (vigia.ingest.crawl): one store for its checkpoints and health, kept after it closes."""

from __future__ import annotations

from datetime import datetime, timezone

from vigia.ingest.crawl import Crawl
from vigia.ingest.health import add_run, health_of, record_failure, run_health
from vigia.settings import SourceConfig, load_settings, user_agent
from vigia.store import open_store
from vigia.times import parse_time, utc_iso


def test_one_store_serves_the_checkpoint_and_the_health_of_a_crawl(settings):
    source = SourceConfig(name="tg", spider="telegram")
    now = datetime(2026, 4, 10, 12, 0, tzinfo=timezone.utc)
    with Crawl(settings) as crawl:
        assert crawl.checkpoint("tg") == {} and crawl.health(source).status == "never run"
        store = crawl.store
        health = run_health({}, now, "telegram", True, "finished", fetched=5, new=2, errors=0, last_error=None,
                            stale_after_hours=48, quarantined=0)
        crawl.save_checkpoint("tg", add_run({"cursor": {"channel": 41}}, health))
        assert crawl.store is store  # opened once, however many parts of the crawl ask
        assert crawl.health(source).line().startswith("tg")
    with open_store(settings.resolved_store_url) as again:
        state = again.get_checkpoint("tg")
    assert state["cursor"] == {"channel": 41} and state["runs"] == [state["health"]]
    assert state["health"]["last_new_at"] == "2026-04-10T12:00:00Z" and state["health"]["quarantined"] == 0
    assert health_of(source, state, now).status == "ok"


def test_a_failure_is_recorded_with_the_same_health_as_a_run(settings):
    source = SourceConfig(name="tg", spider="telegram")
    first = datetime(2026, 4, 10, 12, 0, tzinfo=timezone.utc)
    with Crawl(settings) as crawl:
        crawl.save_checkpoint("tg", add_run({}, run_health({}, first, "telegram", True, "finished", fetched=3, new=1,
                                                           errors=0, last_error=None, stale_after_hours=6)))
        record_failure(crawl.store, source, "killed", now=datetime(2026, 4, 10, 13, 0, tzinfo=timezone.utc))
        state = crawl.checkpoint("tg")
    failed, earlier = state["runs"]
    assert failed == state["health"] and failed["finished"] is False and failed["last_error"] == "killed"
    assert failed["last_new_at"] == earlier["last_new_at"] == "2026-04-10T12:00:00Z"
    assert failed["stale_after_hours"] == 6 and set(earlier) <= set(failed)


def test_times_and_the_user_agent_have_one_definition(tmp_path):
    stamp = parse_time("2026-04-10T09:30:00Z")
    assert stamp.tzinfo is not None and utc_iso(stamp) == "2026-04-10T09:30:00Z"
    assert parse_time("2026-04-10T06:30:00-03:00") == stamp
    config = tmp_path / "vigia.toml"
    config.write_text('contact_email = "equipo@vigia.example"\n', encoding="utf-8")
    assert user_agent().startswith("Vigia/") and "contact" not in user_agent()
    assert user_agent(load_settings(config)).endswith("; contact: equipo@vigia.example)")

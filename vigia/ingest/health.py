"""Health of each source, read from the checkpoints its runs leave in the store (no Scrapy needed).

Every run writes `health` (its last run) and `runs` (the last 20) into the source's checkpoint (`add_run`):
run_at, finished, fetched, new, errors, last_new_at, last_error. `source_health` turns that into a status a
person can act on: "ok", "stale" (nothing new for longer than the source's stale_after_hours: a collector
that silently stopped), "failing" (the last run did not finish or only had errors), "parser" (the last run
met a page whose records were mostly unreadable: the source's format changed, see collectors/parser_health.py),
or "never run".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from vigia.settings import SourceConfig
from vigia.store import Store
from vigia.times import parse_time, utc_iso

HEALTH_RUNS_KEPT = 20


@dataclass(frozen=True)
class SourceHealth:
    source: str
    spider: str
    enabled: bool
    status: str
    last_run_at: datetime | None = None
    fetched: int = 0
    new: int = 0
    errors: int = 0
    last_new_at: datetime | None = None
    since_new: timedelta | None = None
    last_error: str | None = None
    parser_alerts: tuple[dict[str, Any], ...] = ()

    @property
    def parser_alert(self) -> str | None:
        """The last run's first parser alert, in words (None when its pages parsed)."""
        if not self.parser_alerts:
            return None
        first = self.parser_alerts[0]
        more = f" (and {len(self.parser_alerts) - 1} more pages)" if len(self.parser_alerts) > 1 else ""
        return (f"{first.get('unreadable')} of {first.get('records')} records unreadable on {first.get('url')}"
                f"{more}: {first.get('reason')}")

    def line(self) -> str:
        if self.last_run_at is None:
            return f"{self.source:<24} {self.status:<9} never run"
        since = "never" if self.since_new is None else f"{self.since_new.total_seconds() / 3600:.1f}h ago"
        text = (f"{self.source:<24} {self.status:<9} last run {self.last_run_at:%Y-%m-%d %H:%M}Z: "
                f"{self.fetched} fetched, {self.new} new, {self.errors} errors; last new item {since}")
        text += f"; parser alert: {self.parser_alert}" if self.parser_alert else ""
        return text + (f"; last error: {self.last_error}" if self.last_error and self.status != "ok" else "")


def _time(value: Any) -> datetime | None:
    return parse_time(value) if isinstance(value, str) and value else None


def run_health(previous: dict[str, Any], now: datetime, spider: str, finished: bool, reason: str, fetched: int,
               new: int, errors: int, last_error: str | None, stale_after_hours: float,
               **counts: Any) -> dict[str, Any]:
    """The health a run leaves: its counts (`counts` are the extra ones a crawl knows), and when something was new."""
    return {"run_at": utc_iso(now), "spider": spider, "finished": finished, "reason": reason, "fetched": fetched,
            "new": new, "errors": errors, **counts,
            "last_new_at": utc_iso(now) if new else previous.get("last_new_at"), "last_error": last_error,
            "stale_after_hours": stale_after_hours}


def add_run(state: dict[str, Any], health: dict[str, Any]) -> dict[str, Any]:
    """The checkpoint with this run as its health, in front of the runs kept."""
    return {**state, "health": health, "runs": ([health] + list(state.get("runs") or []))[:HEALTH_RUNS_KEPT]}


def health_of(source: SourceConfig, state: dict[str, Any] | None, now: datetime | None = None) -> SourceHealth:
    now = now or datetime.now(timezone.utc)
    health = (state or {}).get("health")
    if not health:
        return SourceHealth(source.name, source.spider, source.enabled, "never run")
    last_new = _time(health.get("last_new_at"))
    first_run = _time(((state or {}).get("runs") or [health])[-1].get("run_at"))
    since_new = now - last_new if last_new else None
    stale_after = timedelta(hours=float(health.get("stale_after_hours") or 48))
    fetched, new, errors = health.get("fetched", 0), health.get("new", 0), health.get("errors", 0)
    alerts = tuple(health.get("parser_alerts") or ())
    if not health.get("finished", False) or (errors and not fetched):
        status = "failing"
    elif alerts:
        status = "parser"
    elif (since_new if since_new is not None else (now - first_run if first_run else timedelta(0))) > stale_after:
        status = "stale"
    else:
        status = "ok"
    return SourceHealth(source.name, source.spider, source.enabled, status, _time(health.get("run_at")), fetched,
                        new, errors, last_new, since_new, health.get("last_error"), alerts)


def source_health(store: Store, sources: list[SourceConfig], now: datetime | None = None) -> list[SourceHealth]:
    """The health of every configured source, in the order of the settings."""
    return [health_of(s, store.get_checkpoint(s.name), now) for s in sources]


def record_failure(store: Store, source: SourceConfig, reason: str, now: datetime | None = None) -> None:
    """Note a run that died before it could write its own health (crash, timeout, bad configuration)."""
    now = now or datetime.now(timezone.utc)
    state = dict(store.get_checkpoint(source.name) or {})
    previous = state.get("health") or {}
    health = run_health(previous, now, source.spider, finished=False, reason="failed", fetched=0, new=0, errors=1,
                        last_error=reason, stale_after_hours=previous.get("stale_after_hours", 48))
    store.set_checkpoint(source.name, add_run(state, health))

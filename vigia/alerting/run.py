"""`vigia alerts run`: evaluate the alert rules on the newest complete days and send each new alert once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from nlp.taxonomy import TaxonomyError, myth_names
from vigia.alerting.ledger import SentLedger
from vigia.alerting.notices import Notice, source_notice, spike_notice
from vigia.alerting.notify import Notifier
from vigia.alerting.saved_searches import SavedSearches
from vigia.alerting.search_rules import search_notices
from vigia.analysis.alerts import MYTH, find_alerts
from vigia.errors import ConfigError
from vigia.ingest.health import source_health
from vigia.settings import Settings
from vigia.store import Filters, SearchQuery, Store

LOOKBACK_DAYS = 7


@dataclass
class AlertRun:
    found: int = 0
    sent: list[Notice] = field(default_factory=list)
    already_sent: int = 0
    failed: list[str] = field(default_factory=list)  # "title: masked URL" of each delivery that failed

    def line(self) -> str:
        text = f"{self.found} alerts found, {len(self.sent)} sent, {self.already_sent} already sent"
        return text + (f", {len(self.failed)} deliveries failed" if self.failed else "")


def first_day(store: Store) -> date | None:
    """The first day the store holds posts for (the baselines never reach before it)."""
    oldest = store.search(SearchQuery(limit=1, descending=False)).posts
    return oldest[0].created_at.date() if oldest else None


def pending_notices(settings: Settings, store: Store, until: date, days: int = LOOKBACK_DAYS,
                    now: datetime | None = None) -> list[Notice]:
    """Every alert of the days until-days+1..until (spikes, saved searches' rules) and of the sources now."""
    language, console = settings.console_language, settings.resolved_console_url
    notices: list[Notice] = []
    history_start = first_day(store)
    if history_start is not None:
        try:
            names = myth_names(settings.myth_taxonomy_path)
        except TaxonomyError as exc:
            raise ConfigError(str(exc)) from None
        start = until - timedelta(days=days - 1)
        spikes = find_alerts(store, Filters(), start, until, history_start,
                             classifier_dir=settings.classifier_dir if settings.classifier_dir.is_dir() else None)
        for alert in sorted(spikes, key=lambda a: (a.day, a.kind, str(a.subject))):
            name = names.get(alert.subject or "", {}) if alert.kind == MYTH else {}
            notices.append(spike_notice(alert, language, console, name.get(language) or name.get("es")))
    tested = [until - timedelta(days=back) for back in range(days - 1, -1, -1)]
    notices += search_notices(store, SavedSearches(settings.data_dir).all(), tested, language, console)
    for health in source_health(store, settings.sources, now):
        notice = source_notice(health, language, console)
        if notice is not None:
            notices.append(notice)
    return notices


def last_complete_day(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).date() - timedelta(days=1)


def run_alerts(settings: Settings, store: Store, until: date | None = None, days: int = LOOKBACK_DAYS,
               dry_run: bool = False) -> AlertRun:
    """Send every alert not sent before to the notify_urls, and remember it once at least one URL took it."""
    notifier = Notifier(settings.notify_urls)
    if not notifier and not dry_run:
        raise ConfigError("no notify_urls: set VIGIA_NOTIFY_URLS or notify_urls in vigia.toml "
                          "(see vigia.example.toml), or use --dry-run")
    notices = pending_notices(settings, store, until or last_complete_day(), days)
    ledger = SentLedger(settings.data_dir)
    sent_before = ledger.keys()
    run = AlertRun(found=len(notices))
    for notice in notices:
        if notice.key in sent_before:
            run.already_sent += 1
            continue
        if dry_run:
            run.sent.append(notice)
            continue
        delivery = notifier.send(notice.title, notice.message(settings.console_language))
        run.failed += [f"{notice.title}: {url}" for url in delivery.failed]
        if delivery.sent:
            ledger.add(notice.key, notice.title)
            sent_before.add(notice.key)
            run.sent.append(notice)
    return run

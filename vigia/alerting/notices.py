"""What an alert says: what rose, by how much against what baseline, and the console view behind it.

Each notice has a key that names the alert, not the run that found it, so the ledger sends it once:
a spike by its kind, subject and day; a source by its status and the last time it brought something new
(a source that keeps failing is one episode until something new arrives).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from vigia.analysis.alerts import MYTH, Alert
from vigia.i18n import text
from vigia.ingest.health import SourceHealth
from vigia.times import utc_iso

SOURCE_PROBLEMS = ("stale", "failing", "parser")


def say(name: str, language: str, /, **values: object) -> str:
    """The text of `alerts.<name>` in `language`."""
    return text(f"alerts.{name}", language, **values)


@dataclass(frozen=True)
class Notice:
    key: str
    title: str
    body: str
    link: str

    def message(self, language: str) -> str:
        return f"{self.body}\n\n{say('see', language, link=self.link)}"


def console_link(console_url: str, page: str, **params: str | list[str] | None) -> str:
    kept = {name: value for name, value in params.items() if value}
    return f"{console_url.rstrip('/')}/{page}" + (f"?{urlencode(kept, doseq=True)}" if kept else "")


def percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def times(share: float, baseline: float) -> str:
    return f"×{share / baseline:.1f}" if baseline else "—"


def spike_notice(alert: Alert, language: str, console_url: str, myth_name: str | None = None,
                 countries: list[str] | None = None) -> Notice:
    """A myth-share or xenophobic-share spike, in words, with the link to its posts in Explorar."""
    day = alert.day.isoformat()
    values = dict(day=day, observed=alert.observed, total=alert.total, share=percent(alert.share),
                  baseline=percent(alert.baseline_share), days=alert.baseline_days, ratio=times(alert.share,
                                                                                                 alert.baseline_share),
                  expected=f"{alert.expected:.1f}", p=f"{alert.p_value:.1g}")
    if alert.kind == MYTH:
        name = myth_name or alert.subject or ""
        title = say("myth_title", language, myth=name, day=day)
        body = say("myth", language, myth=name, **values)
        link = console_link(console_url, "explorar", since=day, until=day, myth=alert.subject, country=countries)
    else:
        title = say("share_title", language, day=day)
        body = say("share", language, **values)
        if alert.estimated is not None and alert.estimated_baseline is not None:
            body += " " + say("share_estimated", language, estimated=percent(alert.estimated),
                               estimated_baseline=percent(alert.estimated_baseline))
        link = console_link(console_url, "explorar", since=day, until=day, country=countries)
    return Notice(f"spike:{alert.kind}:{alert.subject or '-'}:{day}", title, body, link)


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "—"


def source_notice(health: SourceHealth, language: str, console_url: str) -> Notice | None:
    """A quiet, failing or misparsing source, in words, with the link to Fuentes; None for a healthy one."""
    if not health.enabled or health.status not in SOURCE_PROBLEMS:
        return None
    hours = f"{health.since_new.total_seconds() / 3600:.0f}" if health.since_new is not None else "—"
    body = say(f"source_{health.status}", language, source=health.source, last_run=_when(health.last_run_at),
                last_new=_when(health.last_new_at), hours=hours, error=health.last_error or "—",
                parser=health.parser_alert or "—")
    episode = utc_iso(health.last_new_at) if health.last_new_at else "never"
    return Notice(f"source:{health.source}:{health.status}:{episode}",
                  say("source_title", language, source=health.source,
                       status=say(f"status_{health.status}", language)),
                  body, console_link(console_url, "fuentes"))

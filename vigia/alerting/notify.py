"""Delivery of alert messages through Apprise (e-mail, Slack, Telegram, Matrix, Teams, webhooks), secrets masked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from vigia.errors import ConfigError

_USERINFO = re.compile(r"^(?P<scheme>[a-z0-9+.-]+://)(?P<userinfo>[^/@]*@)?(?P<host>[^/?#]*)(?P<rest>.*)$", re.I)
# a host worth showing: a domain name, an IPv4 address or localhost, with an optional port (a bot token is none)
_HOST = re.compile(r"^(localhost|\d{1,3}(\.\d{1,3}){3}|([a-z0-9-]+\.)+[a-z]{2,})(:\d{1,5})?$", re.I)


def mask_url(url: str) -> str:
    """The URL as it may be shown or logged: scheme and host only; user, password, path, query and anything in the
    host's place that is not a host name (Telegram's or Slack's tokens) hidden."""
    match = _USERINFO.match(url.strip())
    if not match:
        return "***"
    userinfo = "***@" if match["userinfo"] else ""
    rest = "/***" if match["rest"].strip("/") else ""
    host = match["host"] if _HOST.match(match["host"]) else "***"
    return f"{match['scheme']}{userinfo}{host}{rest}"


@dataclass(frozen=True)
class Delivery:
    """The outcome of sending one message to every configured URL."""

    sent: tuple[str, ...]  # masked URLs that took the message
    failed: tuple[str, ...]  # masked URLs that did not

    @property
    def ok(self) -> bool:
        return not self.failed


class Notifier:
    """Sends messages to the configured Apprise URLs, one URL at a time so each failure is named (masked)."""

    def __init__(self, urls: Sequence[SecretStr | str]):
        import apprise

        self._targets: list[tuple[str, apprise.Apprise]] = []
        for url in urls:
            secret = url.get_secret_value() if isinstance(url, SecretStr) else url
            target = apprise.Apprise()
            if not target.add(secret):
                raise ConfigError(f"notify_urls: '{mask_url(secret)}' is not a URL Apprise supports")
            self._targets.append((mask_url(secret), target))

    def __bool__(self) -> bool:
        return bool(self._targets)

    def send(self, title: str, body: str, attach: Path | None = None) -> Delivery:
        """Send to every URL (with a file attached, where given)."""
        import apprise

        sent, failed = [], []
        for masked, target in self._targets:
            (sent if target.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT,
                                   attach=str(attach) if attach else None) else failed).append(masked)
        return Delivery(tuple(sent), tuple(failed))

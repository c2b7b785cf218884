"""The console's log-in kept across reloads and tabs: a signed token with an expiry, for a cookie.

The token is `username.session_id.expires.signature`, signed (HMAC-SHA256) with a secret of data_dir over the user's
current password hash too, so a changed password (or a new one-time admin password) ends every session of the user.
A logged-out session's id is revoked server-side until its expiry, so a copied cookie stops working too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

from vigia.auth import TOKEN_USER
from vigia.settings import ConsoleUser, Settings

COOKIE = "vigia_session"


def account(settings: Settings, username: str) -> ConsoleUser | None:
    """The account a session of `username` belongs to, as the settings hold it now."""
    for user in settings.console_users:
        if hmac.compare_digest(user.username, username):
            return user
    if not settings.console_users and settings.console_token_hash and username == TOKEN_USER:
        return ConsoleUser(username=TOKEN_USER, role="admin", password_hash=settings.console_token_hash)
    return None


def _signature(secret: str, body: str, password_hash: str) -> str:
    mac = hmac.new(secret.encode(), f"{body}|{password_hash}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue(settings: Settings, user: ConsoleUser, now: datetime | None = None) -> tuple[str, int]:
    """A session token for `user` and its lifetime in seconds."""
    now = now or datetime.now(timezone.utc)
    seconds = int(settings.console_session_hours * 3600)
    name = base64.urlsafe_b64encode(user.username.encode()).decode().rstrip("=")
    body = f"{name}.{secrets.token_urlsafe(12)}.{int((now + timedelta(seconds=seconds)).timestamp())}"
    return f"{body}.{_signature(settings.console_session_secret(), body, user.password_hash)}", seconds


def _parts(token: str) -> tuple[str, str, int, str] | None:
    try:
        name, session_id, expires, signature = token.split(".")
        username = base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode()
        return username, session_id, int(expires), signature
    except (ValueError, UnicodeDecodeError):
        return None


def verify(settings: Settings, token: str | None, now: datetime | None = None) -> ConsoleUser | None:
    """The account of a valid, unexpired, not revoked token, or None."""
    parts = _parts(token or "")
    if parts is None:
        return None
    username, session_id, expires, signature = parts
    now = now or datetime.now(timezone.utc)
    user = account(settings, username)
    if user is None or expires < now.timestamp() or session_id in Revocations(settings.data_dir).ids(now):
        return None
    body = token.rsplit(".", 1)[0]
    return user if hmac.compare_digest(signature, _signature(settings.console_session_secret(), body,
                                                             user.password_hash)) else None


class Revocations:
    """Session ids logged out before their expiry, in data_dir/console_sessions_revoked.json."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / "console_sessions_revoked.json"

    def _read(self) -> dict[str, int]:
        return json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}

    def ids(self, now: datetime) -> set[str]:
        return {sid for sid, expires in self._read().items() if expires >= now.timestamp()}

    def revoke(self, token: str | None, now: datetime | None = None) -> None:
        parts = _parts(token or "")
        if parts is None:
            return
        now = now or datetime.now(timezone.utc)
        kept = {sid: exp for sid, exp in self._read().items() if exp >= now.timestamp()}
        kept[parts[1]] = parts[2]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(kept), encoding="utf-8")

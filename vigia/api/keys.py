"""API keys: one or more per console user, kept only as SHA-256 hashes in `<data_dir>/api-keys.json`.

A key reads `vigia_<id>_<secret>`: the id finds the entry, the hash of the whole key proves it. Keys are random
(256 bits), so a fast hash is safe here, unlike passwords. The role is not stored with the key: each call takes the
user's role from the settings as they are then, so a user removed from the console loses the API too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from vigia.auth import oidc_role
from vigia.errors import ConfigError
from vigia.model import utcnow
from vigia.settings import Settings

KEYS_FILE = "api-keys.json"
PREFIX = "vigia_"
_lock = threading.Lock()


@dataclass
class KeyEntry:
    id: str
    user: str
    sha256: str
    created_at: str
    revoked_at: str | None = None


@dataclass(frozen=True)
class Caller:
    """Who a valid key belongs to, and the role the settings give them now."""

    user: str
    role: str
    key_id: str


def keys_path(settings: Settings) -> Path:
    return settings.data_dir / KEYS_FILE


def user_role(settings: Settings, user: str) -> str | None:
    """The role of a console user (console_users, or an address console_oidc_roles knows), or None."""
    for account in settings.console_users:
        if hmac.compare_digest(account.username, user):
            return account.role
    return oidc_role(settings, user) if settings.console_oidc is not None else None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def load(settings: Settings) -> list[KeyEntry]:
    path = keys_path(settings)
    if not path.is_file():
        return []
    try:
        return [KeyEntry(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))["keys"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the API keys in {path}: {exc}") from None


def _save(settings: Settings, entries: list[KeyEntry]) -> None:
    path = keys_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".api-keys-")  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"keys": [asdict(e) for e in entries]}, fh, indent=1)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def issue(settings: Settings, user: str) -> str:
    """A new key for `user` (who must be a console user); only its hash is kept."""
    if user_role(settings, user) is None:
        known = ", ".join(u.username for u in settings.console_users)
        where = f"console users: {known}" if known else "no console_users are configured"
        if settings.console_oidc is not None:
            where = "not in console_oidc_roles"
        raise ConfigError(f"'{user}' is not a console user ({where}); API keys belong to console users")
    key_id = secrets.token_hex(6)
    key = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    with _lock:
        entries = load(settings)
        entries.append(KeyEntry(key_id, user, _digest(key), utcnow().isoformat(timespec="seconds")))
        _save(settings, entries)
    return key


def revoke(settings: Settings, user: str) -> int:
    """Revoke every live key of `user`; returns how many were revoked."""
    with _lock:
        entries = load(settings)
        now, count = utcnow().isoformat(timespec="seconds"), 0
        for entry in entries:
            if entry.user == user and entry.revoked_at is None:
                entry.revoked_at, count = now, count + 1
        if count:
            _save(settings, entries)
    return count


class KeyRing:
    """Checks keys against the file, reading it again whenever it changes (a revocation counts at once)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._stamp: tuple[int, int] | None = None
        self._entries: dict[str, KeyEntry] = {}

    def _current(self) -> dict[str, KeyEntry]:
        path = keys_path(self.settings)
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except FileNotFoundError:
            stamp = (0, 0)
        if stamp != self._stamp:
            self._entries = {e.id: e for e in load(self.settings)}
            self._stamp = stamp
        return self._entries

    def identify(self, key: str) -> Caller | None:
        """The caller a key belongs to, or None for an unknown, malformed or revoked key."""
        if not key.startswith(PREFIX):
            return None
        key_id = key[len(PREFIX):].split("_", 1)[0]
        entry = self._current().get(key_id)
        if entry is None or entry.revoked_at is not None or not hmac.compare_digest(entry.sha256, _digest(key)):
            return None
        role = user_role(self.settings, entry.user)
        return Caller(entry.user, role, entry.id) if role else None

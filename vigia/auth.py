"""Console accounts: scrypt password hashes, roles, and the one-time admin password of an unconfigured console."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from vigia.settings import ConsoleUser, Settings

ROLES = ("viewer", "annotator", "admin")  # each role can do everything the ones before it can
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
TOKEN_USER = "admin"


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash`, salt and hash in URL-safe base64."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    encode = lambda raw: base64.urlsafe_b64encode(raw).decode().rstrip("=")  # noqa: E731
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${encode(salt)}${encode(digest)}"


def verify_password(password: str, hashed: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = hashed.split("$")
        if scheme != "scrypt":
            return False
        decode = lambda text: base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))  # noqa: E731
        expected = decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def new_console_token() -> tuple[str, str]:
    """A one-time admin password and its hash, for a console started with no accounts configured."""
    token = secrets.token_urlsafe(12)
    return token, hash_password(token)


def authenticate(settings: Settings, username: str, password: str) -> ConsoleUser | None:
    """The account these credentials open, or None."""
    for user in settings.console_users:
        if hmac.compare_digest(user.username, username) and verify_password(password, user.password_hash):
            return user
    if not settings.console_users and settings.console_token_hash and username == TOKEN_USER:
        if verify_password(password, settings.console_token_hash):
            return ConsoleUser(username=TOKEN_USER, role="admin", password_hash=settings.console_token_hash)
    return None


def allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)

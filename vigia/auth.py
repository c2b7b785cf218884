"""Console accounts: scrypt password hashes, roles, the one-time admin password, and OIDC log-in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from vigia.settings import ConsoleUser, Settings

ROLES = ("viewer", "annotator", "admin")  # each role can do everything the ones before it can
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
TOKEN_USER = "admin"
CONSOLE_SECRETS_FILE = "console-secrets.toml"  # Streamlit's [auth] section, written by `vigia serve`


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


def oidc_role(settings: Settings, email: str | None) -> str | None:
    """The role console_oidc_roles gives this address: its own entry first, then its domain's `*@domain`."""
    address = (email or "").strip().casefold()
    name, at, domain = address.rpartition("@")
    if not (name and at and domain):
        return None
    return settings.console_oidc_roles.get(address) or settings.console_oidc_roles.get(f"*@{domain}")


def console_secrets_file(settings: Settings) -> Path | None:
    """Write Streamlit's `[auth]` secrets for console_oidc to a file only the owner can read, and return its path.

    Without console_oidc, a file left by an earlier run is removed and the answer is None.
    """
    oidc = settings.console_oidc
    path = settings.data_dir / CONSOLE_SECRETS_FILE
    if oidc is None:
        path.unlink(missing_ok=True)
        return None
    section = {
        "redirect_uri": oidc.redirect_uri,
        "cookie_secret": settings.oidc_cookie_secret(),
        "client_id": oidc.client_id,
        "client_secret": oidc.client_secret.get_secret_value(),
        "server_metadata_url": oidc.server_metadata_url,
    }
    text = "[auth]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in section.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".console-secrets-")  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path

"""Keyed-hash pseudonyms for authors: stable per key, not reversible without it."""

import hashlib
import hmac


def normalize_handle(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def pseudonymize(platform: str, handle: str, key: bytes) -> str:
    """`a_` + 20 hex digits of HMAC-SHA256(key, platform:handle)."""
    message = f"{platform}:{normalize_handle(handle)}".encode()
    return "a_" + hmac.new(key, message, hashlib.sha256).hexdigest()[:20]

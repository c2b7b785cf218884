"""Upgrades of stored post documents from older schema versions to the current one (pure dict changes).

Each step takes a document of version N and returns one of version N + 1. Both stores run them when they open
a store written by an older Vigía, and `Post` runs them on any older document it is given to read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = 3


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """v2: media become objects (url, kind, alt); reposts, edits, content warnings, hashtags and mentions."""
    doc = dict(doc)
    doc["media"] = [{"url": m} if isinstance(m, str) else m for m in doc.get("media") or []]
    for name in ("repost_of", "original_url", "edited_at", "content_warning"):
        doc.setdefault(name, None)
    for name in ("hashtags", "mentions"):
        doc.setdefault(name, [])
    doc["schema_version"] = 2
    return doc


def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """v3: which source gave the publication time (unknown for posts stored before)."""
    doc = dict(doc)
    doc.setdefault("created_at_source", None)
    doc["schema_version"] = 3
    return doc


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """A stored post document at the current schema version (unchanged when it already is)."""
    version = doc.get("schema_version", 1)
    if not isinstance(version, int) or version > CURRENT:
        raise ValueError(f"schema_version: {version!r} is not a version this Vigía can read (up to {CURRENT})")
    while version < CURRENT:
        doc = STEPS[version](doc)
        version = doc["schema_version"]
    return doc

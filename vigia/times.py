"""Timestamps as Vigía writes them in checkpoints and cursors: ISO 8601 in UTC."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_iso(value: datetime) -> str:
    """A datetime as a sortable UTC string (the form cursors keep)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """An ISO 8601 timestamp (with Z or an offset) as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))

"""The retention policy: the text of old posts goes; what was counted about them stays."""

from __future__ import annotations

from datetime import timedelta
from itertools import islice

from vigia.model import Post, utcnow
from vigia.privacy import audit
from vigia.settings import Settings
from vigia.store import Filters, Store

MARK = "[texto eliminado por la política de retención]"


def strip(post: Post, now) -> Post:
    return post.model_copy(update={"text": MARK, "title": None, "links": [], "media": [], "cues": [],
                                   "content_warning": None, "mentions": [], "original_url": None,
                                   "author_raw": None, "text_removed_at": now})


def apply_retention(settings: Settings, store: Store, days: int | None = None, dry_run: bool = False) -> int:
    """Remove the text of posts created more than `days` ago; returns how many posts it touched."""
    days = days or settings.retention_days
    if not days:
        raise ValueError("no retention period: set retention_days or pass --days")
    now = utcnow()
    old = (p for p in store.iter_posts(Filters(until=now - timedelta(days=days))) if p.text_removed_at is None)
    touched = 0
    while batch := list(islice(old, settings.batch_size)):
        if not dry_run:
            store.upsert([strip(p, now) for p in batch])
        touched += len(batch)
    if not dry_run:
        audit.record(settings.data_dir, "retention", {"days": days, "posts": touched})
    return touched

"""Erasure requests: remove a person's posts from the store and the quarantine, and mark the exports that held them."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigia.exports.registry import ExportRegistry
from vigia.model import canonical_url, make_post_id
from vigia.privacy import audit
from vigia.privacy.pseudonym import pseudonymize
from vigia.settings import Settings
from vigia.store import Store


@dataclass
class ErasureReport:
    request: str
    deleted: list[str] = field(default_factory=list)
    exports: dict[str, int] = field(default_factory=dict)
    quarantined_removed: int = 0
    unmentioned: int = 0

    def line(self) -> str:
        return (f"{self.request}: {len(self.deleted)} posts deleted, {self.quarantined_removed} quarantined records "
                f"removed, {len(self.exports)} earlier exports marked as holding erased posts, "
                f"{self.unmentioned} other posts no longer mention them")


def forget(settings: Settings, store: Store, *, author: str | None = None, url: str | None = None,
           post_id: str | None = None) -> ErasureReport:
    """Carry out one erasure request (exactly one of author pseudonym, URL or post id)."""
    given = [(k, v) for k, v in (("author", author), ("url", url), ("id", post_id)) if v]
    if len(given) != 1:
        raise ValueError("name exactly one of --author, --url or --id")
    kind, value = given[0]
    report = ErasureReport(request=f"forget {kind} {value}")
    report.deleted = store.delete(ids=[post_id] if post_id else (), url=url, author=author)
    if author:
        report.unmentioned = _drop_mentions(store, author, settings.batch_size)
    registry = ExportRegistry(settings.data_dir)
    report.exports = registry.containing(set(report.deleted))
    for export_id, count in report.exports.items():
        registry.mark_erased(export_id, report.request, count)
    key = settings.pseudonym_secret()
    matches = _matcher(kind, value, key)
    for path in sorted(settings.quarantine_dir.glob("*.jsonl")) if settings.quarantine_dir.exists() else []:
        report.quarantined_removed += _purge(path, matches)
    audit.record(settings.data_dir, "forget", {"kind": kind, "value": value, "posts": len(report.deleted),
                                               "exports_marked": sorted(report.exports),
                                               "mentions_removed": report.unmentioned})
    return report


def _drop_mentions(store: Store, account: str, batch_size: int) -> int:
    """Take an account's pseudonym out of the mentions of every post that names it; returns how many posts."""
    posts = [p.model_copy(update={"mentions": [m for m in p.mentions if m != account]})
             for p in store.mentioning(account)]  # all read before any is written back
    for start in range(0, len(posts), batch_size):
        store.upsert(posts[start:start + batch_size])
    return len(posts)


def _matcher(kind: str, value: str, key: bytes):
    def matches(record: Any) -> bool:
        if not isinstance(record, dict):
            return False
        platform = str(record.get("platform") or "")
        try:
            if kind == "author":
                accounts = [record.get("author_id"), record.get("author_handle")]
                return any(a and pseudonymize(platform, str(a), key) == value for a in accounts)
            if kind == "url":
                return bool(record.get("url")) and canonical_url(str(record["url"])) == canonical_url(value)
            return make_post_id(platform, record.get("native_id"), record.get("url")) == value
        except (ValueError, TypeError):
            return False

    return matches


def _purge(path: Path, matches) -> int:
    """Rewrite a quarantine file without the matching records; returns how many went."""
    kept, removed = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if matches(json.loads(line).get("record")):
            removed += 1
        else:
            kept.append(line)
    if removed:
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        os.replace(tmp, path)
    return removed

"""Realistic synthetic posts at any scale, built from the demo corpus's texts with new ids, dates and places."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from vigia.model import Cue, Engagement, Label, Post, Provenance, make_post_id

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo" / "posts.jsonl"
COUNTRIES = ["CO", "PE", "CL", "EC", "AR", "BR", "DO", "CR", "PA", "MX"]
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
SPAN_SECONDS = int(timedelta(days=730).total_seconds())


def demo_records() -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]


def posts(n: int, seed: int = 1) -> Iterator[Post]:
    """`n` posts over two years (2025-2026), texts and labels drawn from the demo corpus."""
    rng = random.Random(seed)
    records = demo_records()
    collected = datetime(2027, 1, 1, tzinfo=timezone.utc)
    for i in range(n):
        r = records[rng.randrange(len(records))]
        created = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        labels = [Label(**lab, labelled_at=collected) for lab in r["labels"]]
        engagement = {k: v for k, v in r["engagement"].items() if v is not None}
        yield Post(
            id=make_post_id(r["platform"], f"b{seed}-{i}"), platform=r["platform"], native_id=f"b{seed}-{i}",
            source=r["source"], title=r["title"], text=r["text"], language=r["language"] or "es",
            created_at=created, collected_at=collected, country=rng.choice(COUNTRIES), place=r["place"],
            author=f"a_{rng.randrange(50_000):020x}", engagement=Engagement(**engagement), labels=labels,
            targets=r["targets"], myths=r["myths"],
            provenance=Provenance(collector="bench", run_id="bench", raw_hash=f"{seed}-{i}", synthetic=True),
            cues=[Cue(text="x", kind="target", start=0, end=1, group=r["targets"][0])] if r["targets"] else [],
        )

"""The one path every record takes: normalize -> enrich -> store, in batches, quarantining bad records."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nlp import Annotation, Enricher
from vigia.errors import RecordError, StoreError, VigiaError
from vigia.ingest.quarantine import Quarantine
from vigia.ingest.spool import Spool
from vigia.model import Cue, IncomingPost, Label, Post, Provenance, make_post_id, payload_hash, utcnow
from vigia.privacy.pseudonym import pseudonymize
from vigia.settings import Settings
from vigia.store import Store, UpsertResult

RETRY_SECONDS = 3.0  # while the store is down, how long batches go straight to the spool before a new try
Record = tuple[str, Any]  # (reference naming the record, e.g. "posts.csv row 17", raw record)


@dataclass(frozen=True)
class Unreadable:
    """A record a reader could not decode; the pipeline quarantines it with this reason."""

    field: str | None
    reason: str
    raw: Any


@dataclass
class RunSummary:
    seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    quarantine_path: Path | None = None
    spooled: int = 0  # waiting in the spool for the store to come back
    replayed: int = 0  # taken from the spool into the store
    spool_path: Path | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.seen / self.seconds if self.seconds > 0 else 0.0
        text = (f"{self.seen} seen, {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.quarantined} quarantined in {self.seconds:.1f}s ({rate:,.0f}/s)")
        if self.quarantined:
            text += f"; quarantine: {self.quarantine_path}"
        if self.replayed:
            text += f"; {self.replayed} replayed from the spool"
        if self.spooled:
            text += f"; {self.spooled} spooled until the store is back: {self.spool_path}"
        return text


def new_run_id() -> str:
    return utcnow().strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]


def validation_error(ref: str, exc: ValidationError) -> RecordError:
    """The first problem of a pydantic error, as a RecordError naming the record and the field."""
    first = exc.errors()[0]
    loc = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if not loc and ":" in message:  # model-level checks name their field first
        loc, message = (part.strip() for part in message.split(":", 1))
    return RecordError(ref, loc or None, message)


def apply_annotation(post: Post, annotation: Annotation, labelled_at) -> Post:
    """Write one enricher annotation onto a post (language, its label, targets, myths, cues, model labels).

    Targets are those the source supplied plus those the cues name; cues of an earlier enrichment
    are replaced, so a group dropped from the lexicon leaves the post's targets.
    """
    label = Label(task="language", label=annotation.language, score=annotation.language_score,
                  model=Enricher.LANGID_NAME, model_version=Enricher.LANGID_VERSION, labelled_at=labelled_at)
    others = [lab for lab in post.labels if (lab.task, lab.model) != (label.task, label.model)]
    # a classifier's labels replace all of its earlier ones (a target it no longer sees disappears)
    classifiers = {m.model for m in getattr(annotation, "labels", [])} | getattr(annotation, "models_run", set())
    others = [lab for lab in others if lab.model not in classifiers]
    model_labels = [Label(task=m.task, label=m.label, score=m.score, model=m.model, model_version=m.model_version,
                          labelled_at=labelled_at) for m in getattr(annotation, "labels", [])]
    return post.model_copy(update={
        "language": post.language or annotation.language,
        "labels": [*others, label, *model_labels],
        "targets": sorted(set(post.targets) - {c.group for c in post.cues} | set(annotation.targets)),
        # myths the source supplied stay; those an earlier detection found are replaced by this one's
        "myths": sorted(set(post.myths) - {lab.label for lab in post.labels if lab.model == Enricher.MYTH_NAME
                                           or (lab.task == "myth" and lab.model == Enricher.CLASSIFIER_NAME)}
                        | set(getattr(annotation, "myths", []))),
        "cues": [Cue(**vars(cue)) for cue in annotation.cues],
    })


NLP_LOADS = {"count": 0}  # how many times this process loaded the NLP components (`vigia monitor` reports it)


def load_enricher(settings: Settings, classify: bool = True) -> Enricher:
    """The configured NLP components (lexicons, encoder, classifier and its heads): the slow part of starting.
    Without `classify`, the lexicons and the myth taxonomy's cues only (the first of two stages: see
    `classify_on_collect`)."""
    try:
        enricher = Enricher(settings.languages, settings.lexicon_path,
                            classifier_dir=settings.classifier_dir if classify else None,
                            encoder_dir=settings.models_dir / "multilingual-e5-small",
                            taxonomy_path=settings.myth_taxonomy_path, precision=settings.precision,
                            device=settings.device)
    except (RuntimeError, OSError) as exc:
        raise VigiaError(f"cannot load the NLP components: {exc}") from None
    NLP_LOADS["count"] += 1
    return enricher


class Pipeline:
    """Feed records with `process`; read the RunSummary it returns. Re-running the same input changes nothing."""

    def __init__(self, settings: Settings, store: Store, enricher: Enricher | None, collector: str,
                 run_id: str | None = None):
        self.settings = settings
        self.store = store
        self.enricher = enricher
        self.collector = collector
        self.run_id = run_id or new_run_id()
        self.quarantine = Quarantine(settings.quarantine_dir, self.run_id)
        self.spool = Spool(settings.data_dir, settings.resolved_store_url)
        self._store_down_since: float | None = None
        self._key = settings.pseudonym_secret()
        self.warnings: list[str] = []  # what the NLP components could not load (the caller shows them)

    @classmethod
    def from_settings(cls, settings: Settings, store: Store, collector: str,
                      enricher: Enricher | None = None, classify: bool | None = None) -> Pipeline:
        """The pipeline with the configured NLP components, the same for every way records come in (`enricher`:
        components loaded already, shared by several crawls; `classify`: whether the classifier runs, by default
        `classify_on_collect`)."""
        classify = settings.classify_on_collect if classify is None else classify
        enricher = enricher if enricher is not None else load_enricher(settings, classify)
        pipeline = cls(settings, store, enricher, collector=collector)
        pipeline.warnings = list(enricher.warnings)
        return pipeline

    def normalize(self, ref: str, raw: Any) -> Post:
        """One raw record to a Post, or RecordError."""
        if isinstance(raw, Unreadable):
            raise RecordError(ref, raw.field, raw.reason)
        if not isinstance(raw, dict):
            raise RecordError(ref, None, f"expected an object with fields, got {type(raw).__name__}")
        try:
            incoming = IncomingPost.model_validate(raw)
        except ValidationError as exc:
            raise validation_error(ref, exc) from None
        account = incoming.author_id or incoming.author_handle  # the key mentions use too
        author = pseudonymize(incoming.platform, account, self._key) if account else None
        fields = incoming.model_dump(exclude={"author_handle", "author_id", "synthetic"})
        # mentioned accounts are people too: kept as the same keyed pseudonyms as authors
        fields["mentions"] = list(dict.fromkeys(pseudonymize(incoming.platform, m, self._key)
                                                for m in incoming.mentions))
        return Post(
            **fields,
            id=make_post_id(incoming.platform, incoming.native_id, incoming.url),
            collected_at=utcnow(),
            author=author,
            author_raw=incoming.author_handle if self.settings.keep_raw_authors else None,
            provenance=Provenance(collector=self.collector, run_id=self.run_id,
                                  raw_hash=payload_hash(raw), synthetic=incoming.synthetic),
        )

    def enrich(self, posts: list[Post]) -> list[Post]:
        readable = [i for i, p in enumerate(posts) if p.classified_text.strip()]  # a bare repost has no text
        if self.enricher is None or not readable:
            return posts
        annotations = dict(zip(readable, self.enricher.annotate([posts[i].classified_text for i in readable])))
        now = utcnow()
        return [apply_annotation(p, annotations[i], now) if i in annotations else p for i, p in enumerate(posts)]

    def process_batch(self, records: list[Record], summary: RunSummary) -> None:
        posts: list[Post] = []
        origin: dict[str, Record] = {}
        for ref, raw in records:
            summary.seen += 1
            try:
                post = self.normalize(ref, raw)
            except RecordError as exc:
                self._reject(summary, ref, exc.field, exc.reason, raw.raw if isinstance(raw, Unreadable) else raw)
                continue
            posts.append(post)
            origin[post.id] = (ref, raw)
        enriched = self.enrich(posts)
        result = self._store_or_spool(enriched, summary)
        if result is None:
            return
        summary.new += result.new
        summary.updated += result.updated
        summary.unchanged += result.unchanged
        for post_id, reason in result.failed:  # refused by the store: counted and kept, never dropped
            ref, raw = origin.get(post_id, (post_id, None))
            self._reject(summary, ref, None, f"the store refused it: {reason}", raw)

    def _store_or_spool(self, posts: list[Post], summary: RunSummary) -> UpsertResult | None:
        """Upsert; while the store is unreachable, append to the spool instead (None) and retry now and then."""
        if self._store_down_since is not None and time.monotonic() - self._store_down_since < RETRY_SECONDS:
            self.spool.append(posts)
            summary.spooled += len(posts)
            return None
        try:
            result = self.store.upsert(posts)
        except StoreError as exc:
            self.spool.append(posts)
            summary.spooled += len(posts)
            summary.warnings.append(f"store unreachable, spooling to {self.spool.path}: {exc}")
            self._store_down_since = time.monotonic()
            return None
        self._store_down_since = None
        return result

    def replay(self, summary: RunSummary) -> None:
        """Store what an earlier or the current run spooled; stops quietly if the store is still away."""
        if not self.spool.pending():
            return
        try:
            for batch in self.spool.batches(self.settings.batch_size):
                result = self.store.upsert(batch)
                summary.replayed += result.new + result.updated + result.unchanged
        except StoreError:
            return
        self.spool.clear()
        summary.spooled = 0

    def _reject(self, summary: RunSummary, ref: str, field: str | None, reason: str, raw: Any) -> None:
        self.quarantine.add(ref, field, reason, raw)
        summary.quarantined += 1
        summary.quarantine_path = self.quarantine.path

    def process(self, records: Iterable[Record], summary: RunSummary | None = None) -> RunSummary:
        """Run every record through the pipeline in batches of `settings.batch_size`."""
        summary = summary or RunSummary()
        started = time.perf_counter()
        self.replay(summary)
        for batch in _batches(records, self.settings.batch_size):
            self.process_batch(batch, summary)
            if self._store_down_since is None and summary.spooled:
                self.replay(summary)
        self.replay(summary)
        summary.spool_path = self.spool.path if summary.spooled else None
        summary.seconds += time.perf_counter() - started
        return summary

    def reenrich(self, posts: Iterable[Post], summary: RunSummary | None = None) -> RunSummary:
        """Enrich stored posts again (after a model or lexicon change) and store what changed."""
        summary = summary or RunSummary()
        started = time.perf_counter()
        for batch in _batches(posts, self.settings.batch_size):
            summary.seen += len(batch)
            kept = [p for p in batch if p.text_removed_at is None]  # no text left to enrich
            summary.unchanged += len(batch) - len(kept)
            result = self.store.upsert(self.enrich(kept))
            summary.updated += result.updated
            summary.unchanged += result.unchanged
        summary.seconds += time.perf_counter() - started
        return summary


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch

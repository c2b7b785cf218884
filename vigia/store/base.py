"""The store interface every backend implements, and the query types it speaks."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vigia.model import HUMAN, Post, UtcDatetime

FACETS = ("platform", "source", "language", "country", "target", "myth", "author")
Facet = str  # one of FACETS, or "label.<task>" for the labels of one task
Interval = Literal["hour", "day", "week"]
SortKey = Literal["date", "score", "engagement"]
WriteToken = Any  # what a backend needs to write a post back only if it is unchanged (see Store.write_labels)


class Filters(BaseModel):
    """Restrictions shared by search, counts, top values and export. Lists mean 'any of'."""

    model_config = ConfigDict(extra="forbid")

    since: UtcDatetime | None = None
    until: UtcDatetime | None = Field(default=None, description="Exclusive upper bound.")
    platforms: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    myths: list[str] = Field(default_factory=list)
    task: str | None = Field(default=None, description="Task that label and score bounds refer to.")
    labels: list[str] = Field(default_factory=list)
    min_score: float | None = Field(default=None, ge=0, le=1)
    max_score: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _task_needed(self) -> Filters:
        if (self.labels or self.min_score is not None or self.max_score is not None) and not self.task:
            raise ValueError("label and score filters need a task")
        return self


class SearchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Full-text query; words are ANDed.")
    filters: Filters = Field(default_factory=Filters)
    sort: SortKey = "date"
    score_task: str = Field(default="hate", description="Task whose score 'score' sorts by.")
    descending: bool = True
    offset: int = Field(default=0, ge=0)
    limit: int = Field(default=20, ge=1, le=1000)


TERM = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # words of three letters or more, as emerging terms count them


def jlh(fg_terms: dict, superset_terms: dict, fg_size: int, superset_size: int, limit: int,
        min_docs: int) -> list[TermScore]:
    """JLH significance over {doc: set(words)} maps, best first (see Store.emerging_terms)."""
    fg_counts: Counter = Counter(t for words in fg_terms.values() for t in words)
    bg_counts: Counter = Counter(t for words in superset_terms.values() for t in words)
    scored = []
    for term, docs in fg_counts.items():
        if docs < min_docs or not fg_size or not superset_size:
            continue
        p_fg, p_bg = docs / fg_size, bg_counts[term] / superset_size
        if p_fg > p_bg:
            scored.append(TermScore(term, docs, bg_counts[term], (p_fg - p_bg) * p_fg / p_bg))
    return sorted(scored, key=lambda t: (-t.score, t.term))[:limit]


def check_facet(facet: str) -> str | None:
    """The task of a `label.<task>` facet, None for a plain facet; ValueError for anything else."""
    if facet in FACETS:
        return None
    if facet.startswith("label.") and len(facet) > 6:
        return facet[6:]
    raise ValueError(f"unknown facet '{facet}'; use one of {', '.join(FACETS)} or label.<task>")


@dataclass(frozen=True)
class SearchPage:
    total: int
    posts: list[Post]


@dataclass(frozen=True)
class Bucket:
    start: datetime
    key: str | None
    count: int


@dataclass(frozen=True)
class TermScore:
    term: str
    docs: int  # posts in the period that contain the term
    baseline_docs: int  # posts in the period or the baseline that contain it
    score: float


@dataclass
class UpsertResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (post id, why the store refused it)


class Store(ABC):
    """A place to keep posts. Every backend passes tests/store_contract.py unchanged."""

    schemes: tuple[str, ...] = ()

    @classmethod
    @abstractmethod
    def from_url(cls, url: str) -> Store:
        """Open the store a URL names."""

    @abstractmethod
    def upsert(self, posts: Iterable[Post]) -> UpsertResult:
        """Insert or merge posts (see Post.merged_with); the same post twice is one record."""

    @abstractmethod
    def get(self, post_id: str) -> Post | None: ...

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchPage: ...

    @abstractmethod
    def count(self, filters: Filters | None = None) -> int: ...

    @abstractmethod
    def counts_over_time(
        self, filters: Filters | None = None, interval: Interval = "day", split_by: Facet | None = None
    ) -> list[Bucket]:
        """Posts per bucket (UTC; weeks start on Monday), optionally one series per facet value.

        Split by a single-valued facet, posts without a value form the series None; split by a
        multi-valued facet (target, myth, label.<task>), a post counts once in each of its values.
        """

    @abstractmethod
    def top_values(self, facet: Facet, filters: Filters | None = None, limit: int = 10) -> list[tuple[str, int]]:
        """Most frequent values of a facet, most frequent first."""

    @abstractmethod
    def emerging_terms(self, filters: Filters, baseline: Filters, limit: int = 20,
                       min_docs: int = 3) -> list[TermScore]:
        """Words unusually frequent in `filters`' posts compared with the posts of `filters` or `baseline`.

        Scored with JLH, as Elasticsearch's significant_text does: (p_fg - p_bg) * p_fg / p_bg over
        the share of posts containing the word (lower-cased, accent-folded); best first.
        """

    @abstractmethod
    def iter_posts(self, filters: Filters | None = None, batch_size: int = 1000) -> Iterator[Post]:
        """Every matching post, oldest first, with no cap, in constant memory."""

    def human_labelled_posts(self) -> Iterator[Post]:
        """Posts carrying at least one annotator's label (a backend may answer this from an index)."""
        return (post for post in self.iter_posts() if any(lab.model.startswith(HUMAN) for lab in post.labels))

    def mentioning(self, account: str) -> Iterator[Post]:
        """Posts that mention an account (by its pseudonym); a backend may answer this from an index."""
        return (post for post in self.iter_posts() if account in post.mentions)

    @abstractmethod
    def delete(self, *, ids: Iterable[str] = (), url: str | None = None, author: str | None = None) -> list[str]:
        """Delete posts by id, canonical URL or author pseudonym; returns the ids deleted."""

    @abstractmethod
    def get_checkpoint(self, source: str) -> dict[str, Any] | None:
        """What a source saved after its last run (last id or date seen, health), or None."""

    @abstractmethod
    def set_checkpoint(self, source: str, state: dict[str, Any]) -> None:
        """Replace a source's saved state (JSON-serializable)."""

    # -- shared work: leases and the classification workers' slices (see vigia.ingest.workers) -------------

    @abstractmethod
    def acquire_lease(self, name: str, owner: str, ttl_s: float) -> bool:
        """Take the lease `name` for `ttl_s` seconds if it is free or expired, or renew it if `owner` holds it;
        False when another owner holds it. Atomic: of two owners racing for a free lease, one gets it."""

    @abstractmethod
    def release_lease(self, name: str, owner: str) -> None:
        """Give the lease back if `owner` holds it (else nothing happens)."""

    @abstractmethod
    def leases(self) -> list[dict[str, Any]]:
        """Every lease stored, expired ones included: {name, owner, expires_at (aware UTC datetime)}, by name."""

    @abstractmethod
    def posts_to_classify(self, model_version: str, slice_id: int, slices: int,
                          batch_size: int = 100) -> Iterator[list[tuple[Post, WriteToken]]]:
        """Batches of the posts of slice `slice_id` (of `slices`) that carry no label of `model_version`, each
        with the token `write_labels` needs. A post always falls in the same slice."""

    @abstractmethod
    def write_labels(self, post: Post, token: WriteToken) -> bool:
        """Store `post` (a post `posts_to_classify` gave, relabelled) only if the stored post has not changed since
        it was read; False (nothing written) when another writer changed it first."""

    def write_labels_batch(self, items: list[tuple[Post, WriteToken]]) -> list[bool]:
        """write_labels for several posts (a backend may do it in one request)."""
        return [self.write_labels(post, token) for post, token in items]

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The domain model: a collected post or article, and what Vigía learns about it."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    field_validator,
    model_validator,
)
from w3lib.url import canonicalize_url, url_query_cleaner

from vigia.post_migrations import CURRENT as SCHEMA_VERSION
from vigia.post_migrations import upgrade

SCORE_TOLERANCE = 1e-3
HUMAN = "human:"  # the model name of an annotator's label is HUMAN + their user name
# how an annotator's label was made: the least-confident queue, the uniform validation sample, or an admin's
# final word on a post its judges disagreed on
ReviewSample = Literal["queue", "validation", "adjudication"]
TRACKING_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                   "fbclid", "gclid", "igshid", "mc_cid", "mc_eid", "ref_src")


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
Slug = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters or fragment, with sorted query and lowercased host."""
    kept = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    return canonicalize_url(kept)


def make_post_id(platform: str, native_id: str | None = None, url: str | None = None) -> str:
    """Stable id: `platform:native_id`, or `platform:u:<hash of the canonical URL>`."""
    if native_id:
        return f"{platform}:{native_id}"
    if url:
        digest = hashlib.sha256(canonical_url(url).encode()).hexdigest()[:24]
        return f"{platform}:u:{digest}"
    raise ValueError("a post needs a native id or a URL to get a stable id")


def payload_hash(payload: Any) -> str:
    """Hash of a raw record as received, for provenance."""
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class Engagement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    likes: NonNegativeInt | None = None
    shares: NonNegativeInt | None = None
    replies: NonNegativeInt | None = None
    views: NonNegativeInt | None = None

    @property
    def total(self) -> int:
        return sum(v or 0 for v in (self.likes, self.shares, self.replies))


class Media(BaseModel):
    """A picture, video, document or other attachment of a post, with the alt text its author gave."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=4096)
    kind: str | None = Field(default=None, max_length=32, description="image, video, gifv, audio, document…")
    alt: str | None = Field(default=None, max_length=5000, description="The alt text (description) of the media.")

    @model_validator(mode="before")
    @classmethod
    def _from_url(cls, value: Any) -> Any:
        return {"url": value} if isinstance(value, str) else value


class Label(BaseModel):
    """One model's (or annotator's) judgement of one task for a post."""

    model_config = ConfigDict(extra="forbid")

    task: Slug
    label: str = Field(min_length=1, max_length=64)
    score: float = Field(ge=0.0, le=1.0)
    model: str = Field(min_length=1, max_length=128)
    model_version: str = Field(min_length=1, max_length=64)
    labelled_at: UtcDatetime = Field(default_factory=utcnow)
    sample: ReviewSample | None = Field(
        default=None, description="Annotators' labels: the review mode that produced it (None: a model's).")

    def same_judgement(self, other: Label) -> bool:
        keys = ("task", "label", "model", "model_version", "sample")
        # a model's scores wobble in the last digits with batch composition: that is not a new judgement
        return all(getattr(self, k) == getattr(other, k) for k in keys) and abs(
            self.score - other.score) < SCORE_TOLERANCE


class Cue(BaseModel):
    """A span of the text that an enricher matched, and why."""

    model_config = ConfigDict(extra="forbid")

    text: str
    kind: Literal["target", "migration_term", "slur", "stigmatizing_term", "myth_cue"]
    start: NonNegativeInt
    end: NonNegativeInt
    group: str | None = None
    neutral: str | None = None


class Provenance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    collector: str = Field(min_length=1, description="Spider or importer that produced the record.")
    run_id: str = Field(min_length=1)
    raw_hash: str = Field(description="sha256 of the raw record as received.")
    synthetic: bool = Field(default=False, description="True for demo records written for Vigía.")


class PostFields(BaseModel):
    """Fields shared by what collectors hand in and what the store keeps."""

    platform: Slug
    source: str | None = Field(default=None, max_length=512)
    url: str | None = Field(default=None, max_length=4096)
    title: str | None = Field(default=None, max_length=2000)
    text: str = Field(max_length=200_000)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$|^other$")
    created_at: UtcDatetime
    created_at_source: str | None = Field(
        default=None, pattern=r"^[a-z][a-z0-9_]{0,31}$",
        description="Which source gave created_at when several could (article page, feed, GDELT): the most "
        "precise one.")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    place: str | None = Field(default=None, max_length=256)
    engagement: Engagement = Field(default_factory=Engagement)
    links: list[str] = Field(default_factory=list)
    media: list[Media] = Field(default_factory=list)
    reply_to: str | None = Field(default=None, description="Native id (or URI) of the post this one answers.")
    thread_id: str | None = Field(default=None, description="Native id of the thread's first post or video.")
    repost_of: str | None = Field(
        default=None, max_length=400, description="A boost, repost or forward: the Vigía id of the original post "
        "(its author and time are who reposted it and when; the original is stored once, on its own).")
    original_url: str | None = Field(default=None, max_length=4096,
                                     description="Where the reposted or forwarded original is, when known.")
    edited_at: UtcDatetime | None = None
    content_warning: str | None = Field(default=None, max_length=2000,
                                        description="The content warning (spoiler text) the author put on it.")
    hashtags: list[str] = Field(default_factory=list, description="Hashtags without '#', lowercased.")
    mentions: list[str] = Field(default_factory=list,
                                description="Accounts mentioned (stored as pseudonyms, like authors).")
    labels: list[Label] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    myths: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _upper_country(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) and value.strip() else (value or None)

    @field_validator("language", mode="before")
    @classmethod
    def _lower_language(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) and value.strip() else (value or None)

    @field_validator("hashtags", mode="before")
    @classmethod
    def _plain_hashtags(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        tags = [v.strip().lstrip("#").lower() if isinstance(v, str) else v for v in value]
        return list(dict.fromkeys(t for t in tags if t != ""))

    @model_validator(mode="after")
    def _has_content(self) -> PostFields:
        if self.repost_of and not self.text.strip():
            return self  # a bare boost or repost: its content is the original's
        if not self.text.strip() and not (self.title or "").strip():
            raise ValueError("text: a post needs text or a title")
        return self


class IncomingPost(PostFields):
    """A record as collectors and importers hand it to the pipeline."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    native_id: str | None = Field(default=None, max_length=256)
    author_handle: str | None = Field(default=None, max_length=256)
    author_id: str | None = Field(
        default=None, max_length=256, description="The account's stable id where the platform has one (a Bluesky "
        "DID): the pseudonym is made from it, as for the accounts it mentions, so a handle change keeps it.")
    synthetic: bool = False

    @model_validator(mode="after")
    def _identifiable(self) -> IncomingPost:
        if not self.native_id and not self.url:
            raise ValueError("native_id: a post needs a native_id or a url")
        return self


class Post(PostFields):
    """A stored post or article with its enrichments."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"schema_version": SCHEMA_VERSION})

    schema_version: Literal[3] = SCHEMA_VERSION
    id: str = Field(min_length=3, max_length=400)
    native_id: str | None = None
    collected_at: UtcDatetime
    author: str | None = Field(default=None, description="Keyed-hash pseudonym of the author.")
    author_raw: str | None = Field(default=None, description="Raw handle, only if the operator keeps them.")
    provenance: Provenance
    cues: list[Cue] = Field(default_factory=list)
    text_removed_at: UtcDatetime | None = Field(
        default=None, description="When the retention policy removed the text (counts and labels stay).")

    @model_validator(mode="before")
    @classmethod
    def _upgraded(cls, value: Any) -> Any:
        return upgrade(value) if isinstance(value, dict) and value.get("schema_version", SCHEMA_VERSION) != \
            SCHEMA_VERSION else value

    @property
    def classified_text(self) -> str:
        """The title and the text, as the enricher and the classifiers read them."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    def label_for(self, task: str) -> Label | None:
        """The most recent label for a task."""
        found = [lab for lab in self.labels if lab.task == task]
        return max(found, key=lambda lab: lab.labelled_at) if found else None

    def merged_with(self, newer: Post) -> tuple[Post, bool]:
        """Merge a re-collected or re-enriched copy; returns (post, changed).

        New labels replace old ones of the same task and model; other labels stay, except that when the text
        changed, machine labels of the old text go, and when a newer version of the classifier labelled the copy,
        the labels of its older versions go (annotators' labels always stay).
        Collection details of the first sighting are kept.
        """
        kept = self.labels if newer.text == self.text else [lab for lab in self.labels if lab.model.startswith(HUMAN)]
        classifiers = {_classifier_of(lab) for lab in newer.labels} - {None}
        if classifiers:
            kept = [lab for lab in kept if _classifier_of(lab) in (None, *classifiers)]
        labels = {(lab.task, lab.model): lab for lab in kept}
        for lab in newer.labels:
            old = labels.get((lab.task, lab.model))
            if old is None or not old.same_judgement(lab):
                labels[(lab.task, lab.model)] = lab
        keep_first = {"collected_at", "provenance", "labels"}
        merged = newer.model_copy(update={
            "collected_at": self.collected_at,
            "provenance": self.provenance if self.provenance.raw_hash == newer.provenance.raw_hash
            else newer.provenance,
            "labels": sorted(labels.values(), key=lambda lab: (lab.task, lab.model)),
        })
        changed = merged.model_dump(exclude=keep_first) != self.model_dump(exclude=keep_first) or (
            merged.provenance != self.provenance or
            _label_keys(merged.labels) != _label_keys(self.labels))
        return (merged if changed else self), changed


def _classifier_of(label: Label) -> str | None:
    """`<name>.<version>` of the trained classifier behind a machine label (model_version `1+vigia-xeno-e5.2`)."""
    if label.model.startswith(HUMAN):
        return None
    _, plus, key = label.model_version.partition("+")
    name, dot, version = key.rpartition(".")
    return key if plus and dot and name and version else None  # `1+cues`: the taxonomy's cues, no classifier


def _label_keys(labels: list[Label]) -> list[tuple]:
    return sorted((lab.task, lab.model, lab.model_version, lab.label, round(lab.score, 3), lab.sample or "")
                  for lab in labels)


def json_schemas() -> dict[str, dict[str, Any]]:
    """The published schemas by file name: the stored Post, and the record collectors and importers hand in."""
    schemas = {}
    for name, model, title in (("post", Post, "Vigía Post"), ("incoming-post", IncomingPost, "Vigía incoming post")):
        schema = model.model_json_schema()
        schema["$id"] = f"https://vigia.invalid/schema/{name}.v{SCHEMA_VERSION}.json"
        schema["title"] = title
        schemas[f"{name}.schema.json"] = schema
    return schemas

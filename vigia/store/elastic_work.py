"""The Elasticsearch store's part in shared work: leases in `<corpus>-leases`, slices of posts by `slice_key`.

Mixed into ElasticStore (it uses the store's client, alias, `_document` and `_create_index`). A lease is one
document, taken with op_type=create when there is none and, when it has expired, replaced only if it is still the
version that was read (if_seq_no/if_primary_term), so two owners racing for it never both get it. Lease times are
the clients' clocks (keep them in step with NTP; a TTL of minutes dwarfs any drift). A slice is a sliced
point-in-time search on the post's `slice_key` (a hash of its id), so a post always falls in the same slice; a
post is written back with if_seq_no/if_primary_term, and refused when another writer changed it first.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from itertools import islice
from datetime import datetime, timezone
from typing import Any

from elasticsearch import ApiError, ConflictError, Elasticsearch, NotFoundError, TransportError, helpers

from vigia.errors import StoreError
from vigia.model import Post
from vigia.store.base import WriteToken

PIT_KEEP_ALIVE = "10m"  # a worker classifies a batch between two pages of its slice


def slice_key(post_id: str) -> int:
    """A post's place among the slices: a stable non-negative hash of its id."""
    return int.from_bytes(hashlib.blake2b(post_id.encode(), digest_size=4).digest(), "big") & 0x7FFFFFFF


class ElasticWork:
    """Leases and classification slices for ElasticStore."""

    client: Elasticsearch  # ElasticStore's, as are the others below, _document and _create_index
    corpus: str
    alias: str
    refresh: bool
    index_settings: dict[str, Any]

    @property
    def leases_index(self) -> str:
        return f"{self.corpus}-leases"

    def _ensure_leases(self) -> None:
        if getattr(self, "_leases_ready", False):
            return
        self._work_call(self._create_leases)
        self._leases_ready = True

    def _create_leases(self) -> None:
        """Create the leases index unless it exists, and wait until it takes reads (another process may have
        created it a moment ago: its shard is then still starting)."""
        client = self.client.options(retry_on_status=())  # a 503 is expected while it starts: no node backoff
        deadline = time.monotonic() + 30
        while True:
            if not client.indices.exists(index=self.leases_index):
                self._create_index(self.leases_index, mappings={"dynamic": False, "properties": {
                    "owner": {"type": "keyword"}, "expires_at": {"type": "double"}}}, settings={  # as checkpoints
                    name: value for name, value in self.index_settings.items() if name != "number_of_shards"})
            try:
                client.options(ignore_status=404).get(index=self.leases_index, id="-")
                return
            except ApiError as exc:
                if exc.meta.status != 503 or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def acquire_lease(self, name: str, owner: str, ttl_s: float) -> bool:
        self._ensure_leases()
        return self._work_call(self._acquire, name=name, owner=owner, ttl_s=ttl_s)

    def _acquire(self, name: str, owner: str, ttl_s: float) -> bool:
        now = time.time()
        lease = {"owner": owner, "expires_at": now + ttl_s}
        try:
            held = self.client.get(index=self.leases_index, id=name)
        except NotFoundError:
            try:
                self.client.create(index=self.leases_index, id=name, document=lease)
                return True
            except ConflictError:  # another owner created it first
                return False
        if held["_source"]["owner"] != owner and held["_source"]["expires_at"] > now:
            return False
        try:
            self.client.index(index=self.leases_index, id=name, document=lease, if_seq_no=held["_seq_no"],
                              if_primary_term=held["_primary_term"])
            return True
        except ConflictError:  # changed (taken, renewed or released) since it was read
            return False

    def release_lease(self, name: str, owner: str) -> None:
        self._ensure_leases()
        self._work_call(self._release, name=name, owner=owner)

    def _release(self, name: str, owner: str) -> None:
        try:
            held = self.client.get(index=self.leases_index, id=name)
            if held["_source"]["owner"] == owner:
                self.client.delete(index=self.leases_index, id=name, if_seq_no=held["_seq_no"],
                                   if_primary_term=held["_primary_term"])
        except (NotFoundError, ConflictError):  # gone, or taken over since: not ours to release
            pass

    def leases(self) -> list[dict[str, Any]]:
        self._ensure_leases()
        self._work_call(self.client.indices.refresh, index=self.leases_index)
        hits = self._work_call(self.client.search, index=self.leases_index, size=10_000)["hits"]["hits"]
        return sorted(({"name": hit["_id"], "owner": hit["_source"]["owner"],
                        "expires_at": datetime.fromtimestamp(hit["_source"]["expires_at"], timezone.utc)}
                       for hit in hits), key=lambda lease: lease["name"])

    def posts_to_classify(self, model_version: str, slice_id: int, slices: int,
                          batch_size: int = 100) -> Iterator[list[tuple[Post, WriteToken]]]:
        if not 0 <= slice_id < slices:
            raise ValueError(f"slice {slice_id} is not one of 0..{slices - 1}")
        query = {"bool": {"must_not": [{"nested": {"path": "labels", "query": {
            "term": {"labels.model_version": model_version}}}}]}}
        extra: dict[str, Any] = {}
        if slices > 1:  # Elasticsearch wants at least two slices
            extra["slice"] = {"field": "slice_key", "id": slice_id, "max": slices}
        hits = self._scan(query, sort=[], page=batch_size, keep_alive=PIT_KEEP_ALIVE, seq_no_primary_term=True,
                          **extra)
        try:
            while page := list(islice(hits, batch_size)):
                yield [(Post.model_validate(hit["_source"]["doc"]), (hit["_seq_no"], hit["_primary_term"]))
                       for hit in page]
        finally:
            hits.close()  # the point in time with it

    def write_labels(self, post: Post, token: WriteToken) -> bool:
        return self.write_labels_batch([(post, token)])[0]

    def write_labels_batch(self, items: list[tuple[Post, WriteToken]]) -> list[bool]:
        if not items:
            return []
        actions = [{"_index": self.alias, "_id": post.id, "_source": self._document(post),
                    "if_seq_no": seq_no, "if_primary_term": primary_term} for post, (seq_no, primary_term) in items]
        written: list[bool] = []
        try:
            for ok, item in helpers.streaming_bulk(self.client, actions, chunk_size=500, max_retries=5,
                                                   initial_backoff=1, raise_on_error=False,
                                                   raise_on_exception=True):
                info = next(iter(item.values()))
                if not ok and info.get("status") != 409:  # 409: changed by another writer since it was read
                    raise StoreError(f"Elasticsearch refused the labels of {info.get('_id')}: {info.get('error')}")
                written.append(ok)
            if self.refresh:
                self.client.indices.refresh(index=self.alias)
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch: {exc}") from None
        return written

    def _work_call(self, method, **kwargs) -> Any:
        try:
            return method(**kwargs)
        except (ConflictError, NotFoundError):
            raise
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch ({self.corpus}): {exc}") from None

"""Moving a corpus's posts into a new index behind its alias while the store stays in use.

The window: the alias spans the old indices and the new one, which is its write index, so new and updated posts go
to the new index and reads see both. The posts are *moved*: created in the new index (`op_type=create`, so a post
written there meanwhile, which is newer, is kept) and then deleted from the old one only if it is unchanged there
(`if_seq_no`). A post deleted while it was being moved is deleted again from the new index, unless it was written
there since. The store deletes from every index behind the alias, so a delete during the window stays deleted.
When the old indices are empty they leave the alias and are deleted. A reindex that stopped half-way is resumed
by running it again: the window is still open and the old indices hold what is left.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from typing import Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError

from vigia.errors import StoreError
from vigia.model import Post

LOCK_ID = "vigia:reindex"  # the checkpoints index's document held by the one reindex running
BATCH = 500

Track = Callable[..., Iterable[Any]]


class ReindexRunning(StoreError):
    """Another process is moving the corpus's posts."""


@dataclass
class Reindexed:
    index: str  # the alias's one index afterwards
    previous: list[str]  # the indices it replaced (deleted)
    moved: int = 0  # posts copied into the new index
    kept_newer: int = 0  # posts already written to the new index during the move (left as they were)
    dropped: int = 0  # posts deleted while they were being moved (deleted from the new index too)
    shards: int = 0  # the new index's primary shards and replicas
    replicas: int = 0
    seconds: float = 0.0


def alias_indices(client: Elasticsearch, alias: str) -> dict[str, bool]:
    """{index: is the alias's write index} for the indices behind the alias."""
    found = client.indices.get_alias(name=alias)
    if len(found) == 1:
        return {next(iter(found)): True}
    return {index: bool(body["aliases"][alias].get("is_write_index")) for index, body in found.items()}


def index_version(index: str) -> int | None:
    """The mapping version in an index name `<alias>-v<N>` or `<alias>-v<N>-r<K>`."""
    match = re.search(r"-v(\d+)(?:-r\d+)?$", index)
    return int(match.group(1)) if match else None


def next_index(client: Elasticsearch, alias: str, version: int) -> str:
    """`<alias>-v<version>`, or `-r<K>` after it when that name is taken (a reindex under the same mapping)."""
    name = f"{alias}-v{version}"
    taken = set(client.indices.get(index=f"{name}*", expand_wildcards="all", ignore_unavailable=True))
    if name not in taken:
        return name
    k = 2
    while f"{name}-r{k}" in taken:
        k += 1
    return f"{name}-r{k}"


class Mover:
    """One reindex of one corpus: lock, open the window, move, close the window."""

    def __init__(self, client: Elasticsearch, alias: str, checkpoints: str,
                 create_index: Callable[[str], None], document: Callable[[Post], dict[str, Any]]):
        self.client, self.alias, self.checkpoints = client, alias, checkpoints
        self.create_index, self.document = create_index, document

    def run(self, version: int, track: Track | None = None, force: bool = False) -> Reindexed:
        started = time.monotonic()
        self._lock(force)
        try:
            indices = alias_indices(self.client, self.alias)
            if len(indices) > 1:  # a window left open by a reindex that stopped: finish it
                new = next(index for index, write in indices.items() if write)
            else:
                new = next_index(self.client, self.alias, version)
                self.create_index(new)
                self._open_window(list(indices), new)
            old = [index for index in alias_indices(self.client, self.alias) if index != new]
            result = Reindexed(new, old)
            for index in old:
                self._move(index, new, result, track)
            self.client.indices.update_aliases(actions=[
                *({"remove": {"index": index, "alias": self.alias}} for index in old),
                {"add": {"index": new, "alias": self.alias, "is_write_index": True}}])
            for index in old:
                self.client.indices.delete(index=index, ignore_unavailable=True)
            self.client.indices.refresh(index=new)
            settings = self.client.indices.get_settings(index=new)[new]["settings"]["index"]
            result.shards, result.replicas = int(settings["number_of_shards"]), int(settings["number_of_replicas"])
        finally:
            self._unlock()
        result.seconds = time.monotonic() - started
        return result

    def _lock(self, force: bool) -> None:
        holder = {"host": socket.gethostname(), "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        try:
            self.client.index(index=self.checkpoints, id=LOCK_ID, document={"state": holder},
                              op_type="index" if force else "create", refresh=True)
        except ConflictError:
            held = self.client.get(index=self.checkpoints, id=LOCK_ID)["_source"]["state"]
            raise ReindexRunning(f"a reindex of {self.alias} is running (on {held['host']} since {held['since']}); "
                                 f"if it stopped, run `vigia reindex --force` to take over and finish it") from None

    def _unlock(self) -> None:
        try:
            self.client.delete(index=self.checkpoints, id=LOCK_ID, refresh=True)
        except NotFoundError:
            pass

    def _open_window(self, old: list[str], new: str) -> None:
        """The new index becomes the alias's write index; the old ones stay behind it for reads."""
        self.client.indices.update_aliases(actions=[
            *({"add": {"index": index, "alias": self.alias, "is_write_index": False}} for index in old),
            {"add": {"index": new, "alias": self.alias, "is_write_index": True}}])

    def _move(self, old: str, new: str, result: Reindexed, track: Track | None) -> None:
        while True:  # until the old index is empty (a post whose move failed on a conflict is tried again)
            self.client.indices.refresh(index=old)
            left = self.client.count(index=old)["count"]
            if not left:
                return
            hits: Iterable[dict[str, Any]] = self._hits(old)
            if track is not None:
                hits = track(hits, f"{old} → {new}", total=left)
            hits = iter(hits)
            while batch := list(islice(hits, BATCH)):
                self._move_batch(batch, old, new, result)

    def _hits(self, index: str) -> Iterator[dict[str, Any]]:
        """Every document of the index with its sequence number, under a point in time."""
        pit = self.client.open_point_in_time(index=index, keep_alive="5m")["id"]
        after = None
        try:
            while True:
                response = self.client.search(pit={"id": pit, "keep_alive": "5m"}, size=BATCH, search_after=after,
                                              sort=[{"_shard_doc": "asc"}], seq_no_primary_term=True,
                                              source=["doc"], track_total_hits=False)
                pit = response.get("pit_id", pit)
                hits = response["hits"]["hits"]
                yield from hits
                if len(hits) < BATCH:
                    return
                after = hits[-1]["sort"]
        finally:
            self.client.close_point_in_time(id=pit)

    def _move_batch(self, hits: list[dict[str, Any]], old: str, new: str, result: Reindexed) -> None:
        created = self._bulk([(
            {"create": {"_index": new, "_id": hit["_id"]}}, self.document(Post.model_validate(hit["_source"]["doc"])))
            for hit in hits])
        kept = {}  # id -> (seq_no, primary_term) of the copy just created, or None when a newer one was there
        for hit, item in zip(hits, created):
            if item["status"] == 201:
                kept[hit["_id"]] = (item["_seq_no"], item["_primary_term"])
            elif item["status"] == 409:
                kept[hit["_id"]] = None
            else:
                raise StoreError(f"reindex: {hit['_id']} could not be written to {new}: {_item_error(item)}; "
                                 f"run `vigia reindex` again to finish")
        removed = self._bulk([({"delete": {"_index": old, "_id": hit["_id"], "if_seq_no": hit["_seq_no"],
                                           "if_primary_term": hit["_primary_term"]}},) for hit in hits])
        undo = []
        for hit, item in zip(hits, removed):
            copy = kept[hit["_id"]]
            if item["status"] == 200:
                result.moved += copy is not None
                result.kept_newer += copy is None
            elif copy is not None:  # deleted (or replaced) in the old index while being moved: not ours to keep
                undo.append(({"delete": {"_index": new, "_id": hit["_id"], "if_seq_no": copy[0],
                                         "if_primary_term": copy[1]}},))
                result.dropped += 1
        if undo:
            self._bulk(undo)

    def _bulk(self, actions: list[tuple[dict[str, Any], ...]]) -> list[dict[str, Any]]:
        """Each action's result item ({status, _seq_no, …}), in order."""
        response = self.client.bulk(operations=[line for action in actions for line in action])
        return [next(iter(item.values())) for item in response["items"]]


def _item_error(item: dict[str, Any]) -> str:
    error = item.get("error")
    return f"{error.get('type')}: {error.get('reason')}" if isinstance(error, dict) else f"status {item['status']}"

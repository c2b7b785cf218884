"""Elasticsearch backend: an index template and an alias per corpus, bulk writes, PIT + search_after reads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, TransportError, helpers

from vigia.errors import StoreError
from vigia.model import Post, canonical_url
from vigia.progress import track
from vigia.query import parse
from vigia.store.base import (
    Bucket,
    Filters,
    Interval,
    SearchPage,
    SearchQuery,
    Store,
    TermScore,
    UpsertResult,
    check_facet,
)
from vigia.store.elastic_reindex import Mover, Reindexed, ReindexRunning, alias_indices, index_version
from vigia.store.elastic_work import ElasticWork, slice_key
from vigia.text import fold

MAPPING_FILE = Path(__file__).with_name("elastic_mapping.json")
LANGUAGE_FIELDS = {"es": "text_es", "pt": "text_pt", "en": "text_en", "fr": "text_fr"}
SINGLE_FACETS = {"platform", "source", "language", "country", "author"}
MULTI_FACETS = {"target": "targets", "myth": "myths"}
NONE_KEY = "\u0000none"  # stands for 'no value' in terms aggregations of single-valued facets
MAX_WINDOW = 10_000


def mapping_version() -> int:
    return json.loads(MAPPING_FILE.read_text(encoding="utf-8"))["mappings"]["_meta"]["mapping_version"]


class ElasticStore(ElasticWork, Store):
    """Posts in `<corpus>-posts` (an alias over `<corpus>-posts-v<N>`), checkpoints in `<corpus>-checkpoints`.

    URL: http(s)://[user:password@]host:port[/corpus][?refresh=false&shards=N&replicas=N&refresh_interval=1s].
    Writes are refreshed at once by default so what was stored is searchable on return; `refresh=false` is for bulk
    loads. `shards`, `replicas` and `refresh_interval` (the settings' elastic_*) override the mapping file's index
    settings: shards for new indices (`vigia reindex` moves a corpus into one), the others also for the corpus's
    indices when the store opens.
    """

    schemes = ("http", "https")

    def __init__(self, url: str, corpus: str = "vigia", refresh: bool = True, shards: int | None = None,
                 replicas: int | None = None, refresh_interval: str | None = None):
        self.url, self.corpus, self.refresh = url, corpus, refresh
        self.index_settings = {name: value for name, value in (
            ("number_of_shards", shards), ("number_of_replicas", replicas), ("refresh_interval", refresh_interval))
            if value is not None}
        self.alias = f"{corpus}-posts"
        self.checkpoints = f"{corpus}-checkpoints"
        self.client = Elasticsearch(url, request_timeout=60, retry_on_timeout=True, max_retries=5,
                                    max_dead_node_backoff=5)  # a restarted node is used again within seconds
        try:
            self.client.cluster.health(wait_for_status="yellow", timeout="30s")
            self.setup()
            self.upgrade()
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch at {_safe(url)} is not usable: {_reason(exc)}") from None

    @classmethod
    def from_url(cls, url: str) -> ElasticStore:
        parts = urlsplit(url)
        if not parts.hostname:
            raise StoreError(f"'{_safe(url)}' names no Elasticsearch host (use http://host:9200)")
        corpus = parts.path.strip("/") or "vigia"
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", corpus):
            raise StoreError(f"'{corpus}' is not a valid corpus name (lowercase letters, digits, - and _)")
        query = parse_qs(parts.query)
        refresh = query.get("refresh", ["true"])[0].lower() != "false"
        counts = {}
        for name, least in (("shards", 1), ("replicas", 0)):
            if name in query:
                value = query[name][0]
                if not value.isdigit() or int(value) < least:
                    raise StoreError(f"'{name}={value}' in the store URL: {name} must be a whole number >= {least}")
                counts[name] = int(value)
        interval = query.get("refresh_interval", [None])[0]
        if interval is not None and not re.fullmatch(r"-1|\d+(ms|s|m)", interval):
            raise StoreError(f"'refresh_interval={interval}' in the store URL: use e.g. 1s, 30s or -1")
        return cls(urlunsplit((parts.scheme, parts.netloc, "", "", "")), corpus, refresh,
                   refresh_interval=interval, **counts)

    # -- index management ------------------------------------------------------------------

    _analyzers: dict[str, dict[str, str]] = {}  # per node URL

    def _language_analyzers(self) -> dict[str, str]:
        """Language analyzers the node has (a full distribution has all; a minimal one none)."""
        if self.url in self._analyzers:
            return self._analyzers[self.url]
        found = {}
        for name in ("spanish", "portuguese", "english", "french"):
            try:
                self.client.indices.analyze(analyzer=name, text="prueba")
                found[name] = name
            except ApiError:
                found[name] = "standard"
        self._analyzers[self.url] = found
        return found

    def index_body(self) -> dict[str, Any]:
        body = json.loads(MAPPING_FILE.read_text(encoding="utf-8"))
        body.pop("_comment", None)
        analyzers = self._language_analyzers()
        for field in body["mappings"]["properties"].values():
            if str(field.get("analyzer", "")).startswith("LANG_ANALYZER:"):
                field["analyzer"] = analyzers[field["analyzer"].split(":", 1)[1]]
        body["mappings"]["_meta"]["language_analyzers"] = analyzers
        body["settings"].update(self.index_settings)
        return body

    def setup(self) -> None:
        """Install the template, and the first index behind the alias if there is none. Idempotent."""
        body = self.index_body()
        self.client.indices.put_index_template(
            name=self.alias, index_patterns=[f"{self.alias}-v*"],
            template={"settings": body["settings"], "mappings": body["mappings"]})
        if not self.client.indices.exists_alias(name=self.alias):
            index = f"{self.alias}-v{body['mappings']['_meta']['mapping_version']}"
            if not self.client.indices.exists(index=index):
                self._create_index(index)
            self.client.indices.put_alias(index=index, name=self.alias)
        if not self.client.indices.exists(index=self.checkpoints):
            self._create_index(self.checkpoints, mappings={
                "dynamic": False, "properties": {"state": {"type": "object", "enabled": False}}},
                settings={name: value for name, value in self.index_settings.items() if name != "number_of_shards"})
        self._apply_dynamic_settings()

    def _apply_dynamic_settings(self) -> None:
        """Replicas and refresh interval, when configured, to the indices the corpus has now."""
        wanted = {name: value for name, value in self.index_settings.items() if name != "number_of_shards"}
        if not wanted:
            return
        indices = [*alias_indices(self.client, self.alias), self.checkpoints]
        current = self.client.indices.get_settings(index=",".join(indices), name=[f"index.{n}" for n in wanted])
        if any(str(body["settings"]["index"].get(name)) != str(value)
               for body in current.values() for name, value in wanted.items()):
            self.client.indices.put_settings(index=",".join(indices), settings={"index": wanted})

    def _create_index(self, index: str, **body) -> None:
        """Create an index, unless another process starting on the same empty cluster just did. A posts index
        takes the template's settings, and this store's (the template may be another process's)."""
        if "mappings" not in body:
            body["settings"] = dict(self.index_settings)
        try:
            self.client.indices.create(index=index, **body)
        except BadRequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise

    def upgrade(self) -> None:
        """Posts stored under an older mapping (and post schema) are moved into the current one: see reindex.
        When another process is already moving them, the store opens and works during the move."""
        version = mapping_version()
        current = index_version(self.current_index())
        if current is not None and current < version:
            try:
                self.reindex(version)
            except ReindexRunning:
                pass

    def current_index(self) -> str:
        """The index new posts go to (during a reindex, the new one)."""
        return next(index for index, write in alias_indices(self.client, self.alias).items() if write)

    def reindex(self, version: int | None = None, *, force: bool = False, progress: bool = True) -> Reindexed:
        """Move every post into a new index `<alias>-v<version>[-r<K>]` (default: the current mapping) with the
        current template and this store's index settings, while the store stays usable: see elastic_reindex."""
        self.setup()
        mover = Mover(self.client, self.alias, self.checkpoints, self._create_index, self._document)
        try:
            return mover.run(version or mapping_version(), track=track if progress else None, force=force)
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch at {_safe(self.url)}: reindex: {_reason(exc)}; run `vigia reindex` "
                             f"again to finish it") from None

    def close(self) -> None:
        self.client.close()

    # -- writing -----------------------------------------------------------------------------

    @staticmethod
    def _document(post: Post) -> dict[str, Any]:
        full = f"{post.title}\n{post.text}" if post.title else post.text
        doc = {
            "id": post.id, "slice_key": slice_key(post.id), "platform": post.platform, "source": post.source,
            "url_canonical": post.url and canonical_url(post.url), "language": post.language,
            "country": post.country, "place": post.place, "author": post.author,
            "created_at": post.created_at.isoformat(), "created_at_source": post.created_at_source,
            "collected_at": post.collected_at.isoformat(),
            "engagement_total": post.engagement.total, "targets": post.targets, "myths": post.myths,
            "synthetic": post.provenance.synthetic, "hashtags": post.hashtags, "mentions": post.mentions,
            "repost_of": post.repost_of, "reply_to": post.reply_to, "thread_id": post.thread_id,
            "edited_at": post.edited_at and post.edited_at.isoformat(),
            "has_content_warning": bool(post.content_warning),
            "labels": [lab.model_dump(include={"task", "label", "score", "model", "model_version"})
                       for lab in post.labels],
            "text_folded": fold(full),
            "doc": post.model_dump(mode="json"),
        }
        doc[LANGUAGE_FIELDS.get(post.language or "", "text_other")] = full
        return doc

    def upsert(self, posts: Iterable[Post]) -> UpsertResult:
        try:
            return self._upsert(list(posts))
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch at {_safe(self.url)}: {_reason(exc)}") from None

    def _upsert(self, batch: list[Post]) -> UpsertResult:
        result = UpsertResult()
        if not batch:
            return result
        existing = self._mget({p.id for p in batch})
        pending: dict[str, Post] = {}
        written: list[tuple[str, str]] = []  # (id, "new" | "updated"), one per counted write
        for post in batch:
            before = pending.get(post.id) or existing.get(post.id)
            if before is None:
                pending[post.id] = post
                written.append((post.id, "new"))
            else:
                merged, changed = before.merged_with(post)
                if not changed:
                    result.unchanged += 1
                    continue
                pending[post.id] = merged
                written.append((post.id, "updated"))
        self._bulk(({"_index": self.alias, "_id": pid, "_source": self._document(p)} for pid, p in pending.items()),
                   result)
        failed = {pid for pid, _ in result.failed}
        for pid, kind in written:
            if pid not in failed:
                setattr(result, kind, getattr(result, kind) + 1)
                result.ids.append(pid)
        return result

    def _mget(self, ids: set[str]) -> dict[str, Post]:
        found: dict[str, Post] = {}
        id_list = sorted(ids)
        for start in range(0, len(id_list), 1000):
            chunk = id_list[start:start + 1000]
            response = self.client.mget(index=self.alias, ids=chunk, source=["doc"])
            if any("error" in item for item in response["docs"]):  # a reindex's window: the alias spans two
                found.update(self._mget_each_index(chunk))
                continue
            for item in response["docs"]:
                if item.get("found"):
                    found[item["_id"]] = Post.model_validate(item["_source"]["doc"])
        return found

    def _mget_each_index(self, ids: list[str]) -> dict[str, Post]:
        """The posts from every index behind the alias, the write index's (the newer) first."""
        found: dict[str, Post] = {}
        indices = sorted(alias_indices(self.client, self.alias).items(), key=lambda item: item[1])
        docs = [{"_index": index, "_id": pid} for index, _ in indices for pid in ids]
        for item in self.client.mget(docs=docs, source=["doc"])["docs"]:
            if item.get("found"):  # a later (write) index's copy replaces an older one's
                found[item["_id"]] = Post.model_validate(item["_source"]["doc"])
        return found

    def _bulk(self, actions: Iterable[dict[str, Any]], result: UpsertResult | None = None) -> int:
        done = 0
        for ok, item in helpers.streaming_bulk(self.client, actions, chunk_size=1000, max_retries=5,
                                               initial_backoff=1, raise_on_error=False, raise_on_exception=True):
            info = next(iter(item.values()))
            if ok:
                done += 1
            elif result is not None:
                result.failed.append((info.get("_id", "?"), _item_reason(info)))
            elif info.get("status") != 404:
                raise StoreError(f"Elasticsearch refused a write for {info.get('_id')}: {_item_reason(info)}")
        if self.refresh:
            self.client.indices.refresh(index=self.alias)
        return done

    def delete(self, *, ids: Iterable[str] = (), url: str | None = None, author: str | None = None) -> list[str]:
        ids = set(ids)
        if not ids and url is None and author is None:
            raise ValueError("delete needs ids, a url or an author")
        clauses = []
        if ids:
            clauses.append({"ids": {"values": sorted(ids)}})
        if url is not None:
            clauses.append({"term": {"url_canonical": canonical_url(url)}})
        if author is not None:
            clauses.append({"term": {"author": author}})
        query = {"bool": {"should": clauses, "minimum_should_match": 1}}
        doomed = sorted(hit["_id"] for hit in self._scan(query, source=False))
        # from every index behind the alias (during a reindex, the old and the new), and again if they changed
        # meanwhile, so that a post being moved stays deleted
        deleted_from: set[str] = set()
        while indices := set(self._call(alias_indices, client=self.client, alias=self.alias)) - deleted_from:
            self._call(self._bulk, actions=({"_op_type": "delete", "_index": index, "_id": pid}
                                            for index in sorted(indices) for pid in doomed))
            deleted_from |= indices
        return doomed

    def set_checkpoint(self, source: str, state: dict[str, Any]) -> None:
        self._call(self.client.index, index=self.checkpoints, id=source, document={"state": state}, refresh=True)

    def get_checkpoint(self, source: str) -> dict[str, Any] | None:
        try:
            return self.client.get(index=self.checkpoints, id=source)["_source"]["state"]
        except NotFoundError:
            return None
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch at {_safe(self.url)}: {_reason(exc)}") from None

    # -- reading -----------------------------------------------------------------------------

    def get(self, post_id: str) -> Post | None:
        return self._call(self._mget, ids={post_id}).get(post_id)

    def _query(self, filters: Filters | None, text: str | None = None) -> dict[str, Any]:
        f = filters or Filters()
        clauses: list[dict[str, Any]] = []
        if f.since or f.until:
            bounds = {}
            if f.since:
                bounds["gte"] = f.since.isoformat()
            if f.until:
                bounds["lt"] = f.until.isoformat()
            clauses.append({"range": {"created_at": bounds}})
        for field, values in (("platform", f.platforms), ("source", f.sources), ("language", f.languages),
                              ("country", f.countries), ("targets", f.targets), ("myths", f.myths)):
            if values:
                clauses.append({"terms": {field: values}})
        if f.task:
            inner: list[dict[str, Any]] = [{"term": {"labels.task": f.task}}]
            if f.labels:
                inner.append({"terms": {"labels.label": f.labels}})
            if f.min_score is not None or f.max_score is not None:
                score = {}
                if f.min_score is not None:
                    score["gte"] = f.min_score
                if f.max_score is not None:
                    score["lte"] = f.max_score
                inner.append({"range": {"labels.score": score}})
            clauses.append({"nested": {"path": "labels", "query": {"bool": {"filter": inner}}}})
        must = text_clauses(text) if text else []
        return {"bool": {"filter": clauses, "must": must}}

    def count(self, filters: Filters | None = None) -> int:
        return self._call(self.client.count, index=self.alias, query=self._query(filters))["count"]

    def _sort(self, query: SearchQuery) -> list[dict[str, Any]]:
        order = "desc" if query.descending else "asc"
        if query.sort == "date":
            return [{"created_at": order}, {"id": order}]
        if query.sort == "engagement":
            return [{"engagement_total": order}, {"created_at": "desc"}, {"id": "desc"}]
        return [{"labels.score": {"order": order, "mode": "max", "missing": "_last",
                                  "nested": {"path": "labels", "filter": {"term": {"labels.task": query.score_task}}}}},
                {"created_at": "desc"}, {"id": "desc"}]

    def search(self, query: SearchQuery) -> SearchPage:
        es_query = self._query(query.filters, query.text)
        sort = self._sort(query)
        total = self._call(self.client.count, index=self.alias, query=es_query)["count"]
        if query.offset + query.limit <= MAX_WINDOW:
            hits = self._call(self.client.search, index=self.alias, query=es_query, sort=sort, from_=query.offset,
                              size=query.limit, source=["doc"], track_total_hits=False)["hits"]["hits"]
        else:  # deep page: walk with search_after, no 10,000-hit cap
            hits = []
            for position, hit in enumerate(self._scan(es_query, sort=sort)):
                if position >= query.offset + query.limit:
                    break
                if position >= query.offset:
                    hits.append(hit)
        return SearchPage(total=total, posts=[Post.model_validate(h["_source"]["doc"]) for h in hits])

    def _scan(self, query: dict[str, Any], sort: list[dict[str, Any]] | None = None, source: Any = ("doc",),
              page: int = 1000, keep_alive: str = "2m", **search: Any) -> Iterator[dict[str, Any]]:
        """Every hit of a query under a point in time, paged with search_after (`sort=[]`: index order only;
        `search`: further search parameters, e.g. a slice)."""
        pit = self._call(self.client.open_point_in_time, index=self.alias, keep_alive=keep_alive)["id"]
        sort = [*([{"created_at": "asc"}] if sort is None else sort), {"_shard_doc": "asc"}]
        after = None
        try:
            while True:
                response = self._call(self.client.search, pit={"id": pit, "keep_alive": keep_alive}, query=query,
                                      sort=sort, size=page, search_after=after, track_total_hits=False,
                                      source=list(source) if source else False, **search)
                pit = response.get("pit_id", pit)
                hits = response["hits"]["hits"]
                yield from hits
                if len(hits) < page:
                    return
                after = hits[-1]["sort"]
        finally:
            try:
                self.client.close_point_in_time(id=pit)
            except (ApiError, TransportError):
                pass

    def emerging_terms(self, filters: Filters, baseline: Filters, limit: int = 20,
                       min_docs: int = 3) -> list[TermScore]:
        fg = self._query(filters)
        background = {"bool": {"should": [fg, self._query(baseline)], "minimum_should_match": 1}}
        agg = {"significant_text": {
            "field": "text_folded", "size": limit, "min_doc_count": min_docs, "shard_size": max(100, limit * 5),
            "background_filter": background, "jlh": {}, "include": "[^0-9_]{3,}",
        }}
        response = self._call(self.client.search, index=self.alias, query=fg, size=0,
                              aggs={"terms": {"sampler": {"shard_size": 1_000_000}, "aggs": {"significant": agg}}})
        buckets = response["aggregations"]["terms"]["significant"]["buckets"]
        terms = [TermScore(b["key"], b["doc_count"], b["bg_count"], b["score"]) for b in buckets]
        return sorted(terms, key=lambda t: (-t.score, t.term))[:limit]

    def iter_posts(self, filters: Filters | None = None, batch_size: int = 1000) -> Iterator[Post]:
        for hit in self._scan(self._query(filters), page=batch_size):
            yield Post.model_validate(hit["_source"]["doc"])

    def mentioning(self, account: str) -> Iterator[Post]:
        for hit in self._scan({"term": {"mentions": account}}):
            yield Post.model_validate(hit["_source"]["doc"])

    def _facet_agg(self, facet: str, size: int, count_none: bool) -> tuple[dict[str, Any], Any]:
        """(aggregation, reader) where reader(agg result) -> [(value, doc count)]."""
        task = check_facet(facet)
        if task is not None:
            agg = {"nested": {"path": "labels"}, "aggs": {"task": {"filter": {"term": {"labels.task": task}}, "aggs": {
                "values": {"terms": {"field": "labels.label", "size": size,
                                     "order": [{"posts": "desc"}, {"_key": "asc"}]},
                           "aggs": {"posts": {"reverse_nested": {}}}}}}}}
            return agg, lambda r: [(b["key"], b["posts"]["doc_count"]) for b in r["task"]["values"]["buckets"]]
        field = MULTI_FACETS.get(facet, facet)
        terms: dict[str, Any] = {"field": field, "size": size, "order": [{"_count": "desc"}, {"_key": "asc"}]}
        if count_none and facet in SINGLE_FACETS:
            terms["missing"] = NONE_KEY
        return {"terms": terms}, lambda r: [(None if b["key"] == NONE_KEY else b["key"], b["doc_count"])
                                             for b in r["buckets"]]

    def counts_over_time(self, filters: Filters | None = None, interval: Interval = "day",
                         split_by: str | None = None) -> list[Bucket]:
        if interval not in ("hour", "day", "week"):
            raise ValueError(f"unknown interval '{interval}'; use hour, day or week")
        histogram: dict[str, Any] = {"date_histogram": {"field": "created_at", "calendar_interval": interval,
                                                        "min_doc_count": 1, "time_zone": "UTC"}}
        reader = None
        if split_by is not None:
            sub, reader = self._facet_agg(split_by, 10_000, count_none=True)
            histogram["aggs"] = {"split": sub}
        response = self._call(self.client.search, index=self.alias, query=self._query(filters), size=0,
                              aggs={"time": histogram})
        buckets = []
        for b in response["aggregations"]["time"]["buckets"]:
            start = datetime.fromtimestamp(b["key"] / 1000, tz=timezone.utc)
            if reader is None:
                buckets.append(Bucket(start, None, b["doc_count"]))
            else:
                buckets.extend(Bucket(start, key, n) for key, n in reader(b["split"]) if n)
        return sorted(buckets, key=lambda b: (b.start, b.key is not None, b.key or ""))

    def top_values(self, facet: str, filters: Filters | None = None, limit: int = 10) -> list[tuple[str, int]]:
        agg, reader = self._facet_agg(facet, limit, count_none=False)
        response = self._call(self.client.search, index=self.alias, query=self._query(filters), size=0,
                              aggs={"facet": agg})
        return reader(response["aggregations"]["facet"])

    def _call(self, method, **kwargs) -> Any:
        try:
            return method(**kwargs)
        except (TransportError, ApiError) as exc:
            raise StoreError(f"Elasticsearch at {_safe(self.url)}: {_reason(exc)}") from None


def text_clauses(text: str) -> list[dict[str, Any]]:
    """User terms (see vigia.query) to queries on the folded text: all must match."""
    kinds = {"word": lambda t: {"match": {"text_folded": {"query": t, "operator": "and"}}},
             "phrase": lambda t: {"match_phrase": {"text_folded": t}},
             "prefix": lambda t: {"prefix": {"text_folded": t}}}
    return [kinds[term.kind](fold(term.text)) for term in parse(text)]


def _safe(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{':' + str(parts.port) if parts.port else ''}"


def _reason(exc: Exception) -> str:
    info = getattr(exc, "info", None)
    if isinstance(info, dict) and isinstance(info.get("error"), dict):
        return info["error"].get("reason") or str(info["error"].get("type"))
    return str(getattr(exc, "message", None) or exc).splitlines()[0][:300]


def _item_reason(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type')}: {error.get('reason')}"
    return str(error or f"status {info.get('status')}")

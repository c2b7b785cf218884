"""Elasticsearch administration: Vigía's least-privilege role and user, and snapshots of its corpus."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from elasticsearch import ApiError, Elasticsearch, TransportError

from vigia.errors import StoreError
from vigia.store.elastic import _reason, _safe

REPOSITORY = "vigia-snapshots"
# What the store does (cluster health, its own index template, snapshots into a registered repository) and
# nothing more: no user, role, repository or cluster-settings management.
CLUSTER_PRIVILEGES = ["monitor", "manage_index_templates", "create_snapshot"]
INDEX_PRIVILEGES = ["read", "write", "create_index", "manage", "view_index_metadata"]


def corpus_patterns(corpus: str) -> list[str]:
    """The index and alias names one corpus uses (see ElasticStore): the posts alias, its versioned indices and
    the checkpoints and leases indices."""
    return [f"{corpus}-posts", f"{corpus}-posts-v*", f"{corpus}-checkpoints", f"{corpus}-leases"]


def role_body(corpus: str) -> dict[str, Any]:
    """The security API's body for the role that may use this corpus's indices and aliases only."""
    return {"cluster": list(CLUSTER_PRIVILEGES),
            "indices": [{"names": corpus_patterns(corpus), "privileges": list(INDEX_PRIVILEGES),
                         "allow_restricted_indices": False}],
            "metadata": {"vigia_corpus": corpus}}


def user_body(password: str, role: str) -> dict[str, Any]:
    return {"password": password, "roles": [role], "full_name": "Vigía application",
            "metadata": {"managed_by": "vigia es setup-security"}}


def client_for(url: str, username: str | None = None, password: str | None = None) -> tuple[Elasticsearch, str]:
    """A client for a store URL (http://[user:password@]host:port[/corpus]) and the corpus it names."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"'{_safe(url)}' is not an Elasticsearch store URL (http://host:9200/corpus)")
    corpus = parts.path.strip("/") or "vigia"
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", corpus):
        raise StoreError(f"'{corpus}' is not a valid corpus name (lowercase letters, digits, - and _)")
    user = username or (unquote(parts.username) if parts.username else None)
    secret = password if password is not None else (unquote(parts.password) if parts.password else None)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    auth = {"basic_auth": (user, secret or "")} if user else {}
    client = Elasticsearch(urlunsplit((parts.scheme, netloc, "", "", "")), request_timeout=120, **auth)
    return client, corpus


def _call(url: str, what: str, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except (ApiError, TransportError) as exc:
        raise StoreError(f"Elasticsearch at {_safe(url)}: {what}: {_reason(exc)}") from None


def setup_security(url: str, admin_password: str, user: str, password: str,
                   repository_path: str | None = None, admin_user: str = "elastic") -> str:
    """As the superuser: create (or update) the role `<user>` for the URL's corpus, the user with that role only,
    and the snapshot repository when a path is given. Idempotent; returns the corpus."""
    if len(password) < 6:
        raise StoreError(f"the password of user '{user}' must have at least 6 characters")
    client, corpus = client_for(url, admin_user, admin_password)
    _call(url, f"role '{user}'", client.security.put_role, name=user, **role_body(corpus))
    _call(url, f"user '{user}'", client.security.put_user, username=user, **user_body(password, user))
    if repository_path:
        register_repository(url, repository_path, client)
    return corpus


def register_repository(url: str, location: str, client: Elasticsearch | None = None) -> None:
    """A shared-filesystem snapshot repository at `location` (which must be listed in the node's path.repo)."""
    client = client or client_for(url)[0]
    _call(url, f"repository at {location}", client.snapshot.create_repository, name=REPOSITORY,
          body={"type": "fs", "settings": {"location": location, "compress": True}})


def _snapshots(url: str, client: Elasticsearch, corpus: str) -> list[dict[str, Any]]:
    if not _call(url, "repositories", client.snapshot.get_repository).body.get(REPOSITORY):
        raise StoreError(f"no snapshot repository '{REPOSITORY}': run `vigia es setup-security --repository-path` "
                         "or `vigia es snapshot --repository-path PATH` once")
    found = _call(url, "snapshots", client.snapshot.get, repository=REPOSITORY, snapshot=f"{corpus}-*")
    return sorted(found["snapshots"], key=lambda s: s["start_time_in_millis"])


def snapshot(url: str, repository_path: str | None = None, keep: int | None = None) -> tuple[str, int]:
    """Snapshot the corpus's indices (with their aliases); keep the newest `keep`. Returns (name, shards)."""
    client, corpus = client_for(url)
    if repository_path:
        register_repository(url, repository_path, client)
    _snapshots(url, client, corpus)
    name = f"{corpus}-{datetime.now(timezone.utc):%Y.%m.%d-%H.%M.%S.%f}"
    result = _call(url, "snapshot", client.snapshot.create, repository=REPOSITORY, snapshot=name,
                   indices=",".join(corpus_patterns(corpus)), include_global_state=False,
                   ignore_unavailable=True, wait_for_completion=True)["snapshot"]
    if result["state"] != "SUCCESS":
        raise StoreError(f"snapshot {name} ended {result['state']}: {result.get('failures')}")
    if keep is not None:
        for old in _snapshots(url, client, corpus)[:-keep]:
            _call(url, f"deleting snapshot {old['snapshot']}", client.snapshot.delete,
                  repository=REPOSITORY, snapshot=old["snapshot"])
    return name, result["shards"]["successful"]


def list_snapshots(url: str) -> list[str]:
    client, corpus = client_for(url)
    return [s["snapshot"] for s in _snapshots(url, client, corpus)]


def restore(url: str, name: str | None = None) -> tuple[str, list[str]]:
    """Put the corpus's indices back as they were in the snapshot `name` (default: the newest). Indices that
    exist now are closed first and replaced. Returns (snapshot, indices)."""
    client, corpus = client_for(url)
    snapshots = _snapshots(url, client, corpus)
    if not snapshots:
        raise StoreError(f"no snapshot of corpus '{corpus}' in repository '{REPOSITORY}'")
    chosen = snapshots[-1] if name is None else next((s for s in snapshots if s["snapshot"] == name), None)
    if chosen is None:
        raise StoreError(f"no snapshot '{name}' (there are: {', '.join(s['snapshot'] for s in snapshots)})")
    indices = chosen["indices"]
    existing = [i for i in indices if _call(url, "indices", client.indices.exists, index=i)]
    if existing:
        _call(url, "closing indices", client.indices.close, index=",".join(existing))
    _call(url, "restore", client.snapshot.restore, repository=REPOSITORY, snapshot=chosen["snapshot"],
          indices=",".join(indices), include_aliases=True, include_global_state=False, wait_for_completion=True)
    _call(url, "waiting for the restored indices", client.cluster.health, index=",".join(indices),
          wait_for_status="yellow", timeout="60s")
    return chosen["snapshot"], indices


def cluster_status(url: str) -> tuple[str, str, list[tuple[str, str, bool]]]:
    """(cluster name, health, [(node name, HTTP address, is master)]) of the cluster a node belongs to."""
    client, _ = client_for(url)
    health = _call(url, "read the cluster's health", client.cluster.health)
    nodes = _call(url, "list the cluster's nodes", client.cat.nodes, format="json", h="name,http_address,master")
    return health["cluster_name"], health["status"], sorted(
        (node["name"], node.get("http_address") or "", node.get("master") == "*") for node in nodes)

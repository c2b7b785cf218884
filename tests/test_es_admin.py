"""`vigia es setup-security|snapshot|restore` against real Elasticsearch nodes: the test suite's node (security
off, path.repo set by deploy/elasticsearch/node.sh) and a throwaway node with security on."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from elasticsearch import AuthenticationException, AuthorizationException, Elasticsearch
from stores import NODE, ElasticNode

from vigia.cli.main import cli
from vigia.errors import StoreError
from vigia.model import Post, Provenance
from vigia.settings import load_settings
from vigia.store.elastic import ElasticStore
from vigia.store.elastic_admin import (
    corpus_patterns,
    register_repository,
    role_body,
    setup_security,
    user_body,
)

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def vigia(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


def posts(n: int) -> list[Post]:
    return [Post(id=f"news:{i}", platform="news", native_id=str(i), source="feed", url=f"https://n.example/{i}",
                 text=f"Nota {i} sobre migración en la frontera.", created_at=T0 + timedelta(hours=i),
                 collected_at=T0 + timedelta(days=1),
                 provenance=Provenance(collector="news", run_id="r1", raw_hash=str(i))) for i in range(n)]


@pytest.fixture
def corpus_url() -> str:
    return f"{ElasticNode.get()}/s{uuid.uuid4().hex[:10]}"


def test_snapshot_then_restore_brings_back_a_deleted_post_and_a_deleted_index(corpus_url):
    assert ElasticNode.state, "the snapshot test needs the node the suite starts (its path.repo)"
    repo = Path(ElasticNode.state) / "snapshots" / uuid.uuid4().hex[:8]
    store = ElasticStore.from_url(corpus_url)
    store.upsert(posts(12))
    store.set_checkpoint("feed", {"cursor": "11"})
    some = store.get("news:3")

    out = vigia("es", "snapshot", "--store", corpus_url, "--repository-path", str(repo))
    assert out.startswith(f"snapshot {store.corpus}-") and "shards in 'vigia-snapshots'" in out
    first = out.split()[1].rstrip(":")
    assert vigia("es", "snapshot", "--store", corpus_url, "--list").split() == [first]

    store.delete(ids=[some.id])
    assert store.get(some.id) is None and store.count() == 11
    assert vigia("es", "restore", "--store", corpus_url, "--yes").startswith(f"restored {first}: ")
    store = ElasticStore.from_url(corpus_url)
    assert store.get(some.id) == some and store.count() == 12

    # the posts index and the checkpoints gone: the restore brings back both, and the alias
    store.client.indices.delete(index=f"{store.alias}-v*,{store.checkpoints}")
    assert not store.client.indices.exists_alias(name=store.alias)
    vigia("es", "restore", first, "--store", corpus_url, "--yes")
    assert store.client.indices.exists_alias(name=store.alias)
    store = ElasticStore.from_url(corpus_url)
    assert store.get(some.id) == some and store.get_checkpoint("feed") == {"cursor": "11"}

    # --keep: only the newest snapshots stay
    for _ in range(2):
        vigia("es", "snapshot", "--store", corpus_url, "--keep", "2")
    kept = vigia("es", "snapshot", "--store", corpus_url, "--list").split()
    assert len(kept) == 2 and first not in kept


def test_restore_without_a_repository_or_snapshot_says_what_to_do(corpus_url):
    other = f"{ElasticNode.get()}/n{uuid.uuid4().hex[:10]}"
    ElasticStore.from_url(other)
    out = vigia("es", "restore", "nosuch", "--store", other, "--yes", code=1)
    assert out.count("\n") == 1 and ("no snapshot" in out or "no snapshot repository" in out)
    out = vigia("es", "snapshot", "--store", "sqlite:///tmp/x.db", code=1)
    assert "is not an Elasticsearch store URL" in out


def test_the_role_covers_every_index_and_alias_the_store_makes_and_nothing_else(corpus_url):
    store = ElasticStore.from_url(corpus_url)
    store.upsert(posts(2))
    names = set(store.client.indices.get(index=f"{store.corpus}-*")) | set(
        store.client.indices.get_alias(index=f"{store.corpus}-*"))
    names |= {alias for info in store.client.indices.get_alias(index=f"{store.corpus}-*").values()
              for alias in info["aliases"]}
    patterns = role_body(store.corpus)["indices"][0]["names"]
    assert patterns == corpus_patterns(store.corpus)
    assert names and all(any(fnmatch(n, p) for p in patterns) for n in names), names
    for foreign in (f"x{store.corpus}-posts", ".security-7", "other-posts", f"{store.corpus}posts"):
        assert not any(fnmatch(foreign, p) for p in patterns)
    body = role_body(store.corpus)
    assert not {"all", "manage", "manage_security"} & set(body["cluster"])
    assert user_body("pw123456", "vigia")["roles"] == ["vigia"]


@pytest.fixture(scope="module")
def secure_node():
    """A throwaway node with security on, the `elastic` password from a file (as in production)."""
    state = Path(tempfile.mkdtemp(prefix="vigia-es-secure-"))
    password = state / "elastic_password"
    password.write_text("elastic-test-password\n")
    env = {**os.environ, "VIGIA_ES_STATE": str(state), "VIGIA_ES_SECURITY": "true",
           "VIGIA_ES_PASSWORD_FILE": str(password)}
    out = subprocess.run([str(NODE), "start"], capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, f"could not start the secure node:\n{out.stderr}"
    try:
        yield out.stdout.strip().splitlines()[-1], state, password
    finally:
        subprocess.run([str(NODE), "stop"], capture_output=True, timeout=120, env=env)
        shutil.rmtree(state, ignore_errors=True)


def add_file_realm_user(state: Path, user: str, password: str, role: dict) -> None:
    """The role as the node's roles.yml (the file form of the same body the security API takes) and a user with
    it in the file realm: this test distribution lacks the module the native realm's index needs."""
    home = next(state.glob("elasticsearch-*"))
    (home / "config" / "roles.yml").write_text(yaml.safe_dump({user: role}), encoding="utf-8")
    java_home = Path(shutil.which("java")).resolve().parent.parent
    env = {**os.environ, "ES_JAVA_HOME": str(java_home), "ES_PATH_CONF": str(home / "config")}
    out = subprocess.run([str(home / "bin" / "elasticsearch-users"), "useradd", user, "-p", password, "-r", user],
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    if os.geteuid() == 0:  # node.sh runs the node as vigia-es
        for path in (home / "config").iterdir():
            shutil.chown(path, "vigia-es")


def test_with_security_on_the_vigia_role_runs_the_store_and_is_refused_everything_else(secure_node, tmp_path):
    url, state, elastic_password = secure_node
    host = url.removeprefix("http://")
    with pytest.raises(AuthenticationException):
        Elasticsearch(url).info()  # security is on: no anonymous access
    admin = Elasticsearch(url, basic_auth=("elastic", elastic_password.read_text().strip()))
    assert admin.security.authenticate()["username"] == "elastic"

    add_file_realm_user(state, "vigia", "vigia:test/p@ss%word", role_body("vigia"))
    user = Elasticsearch(url, basic_auth=("vigia", "vigia:test/p@ss%word"))
    for _ in range(60):  # the file realm is reloaded within seconds
        try:
            assert user.security.authenticate()["roles"] == ["vigia"]
            break
        except AuthenticationException:
            time.sleep(1)
    else:
        pytest.fail("the file-realm user never authenticated")

    # as the application user: the store sets itself up, writes, reads, keeps checkpoints, upgrades its mapping
    secret = tmp_path / "vigia_es_password"
    secret.write_text("vigia:test/p@ss%word\n")
    (tmp_path / "vigia.toml").write_text(f'store_url = "http://vigia@{host}/vigia"\n'
                                         f'store_password_file = "{secret}"\n')
    store_url = load_settings(tmp_path / "vigia.toml").resolved_store_url
    store = ElasticStore.from_url(store_url)
    store.upsert(posts(3))
    store.set_checkpoint("feed", {"cursor": "2"})
    assert store.count() == 3 and store.get_checkpoint("feed") == {"cursor": "2"}
    store.reindex(99)
    assert store.current_index() == "vigia-posts-v99" and store.count() == 3

    # snapshots into the repository the setup registers (as elastic), taken as the application user
    register_repository(f"{url}/vigia", str(state / "snapshots" / "prod"), admin)
    out = vigia("--config", str(tmp_path / "vigia.toml"), "es", "snapshot", "--keep", "3")
    assert out.startswith("snapshot vigia-")

    # and nothing else: another corpus, the security index, users and roles, repositories, cluster settings
    with pytest.raises(AuthorizationException):
        user.indices.create(index="other-posts")
    with pytest.raises(AuthorizationException):
        user.security.put_role(name="vigia", cluster=["all"])
    with pytest.raises(AuthorizationException):
        user.snapshot.create_repository(name="mine", body={"type": "fs", "settings": {"location": "/tmp"}})
    with pytest.raises(AuthorizationException):
        user.cluster.put_settings(persistent={"action.destructive_requires_name": False})
    admin.indices.create(index="other-posts")
    for call in (lambda: user.count(index="other-posts"), lambda: user.indices.delete(index="other-posts"),
                 lambda: user.index(index="other-posts", document={"a": 1})):
        with pytest.raises(AuthorizationException):
            call()
    admin.index(index="other-posts", document={"a": 1}, refresh=True)
    seen = {hit["_index"] for hit in user.search(index="*", size=100)["hits"]["hits"]}
    assert seen and all(any(fnmatch(i, p) for p in corpus_patterns("vigia")) for i in seen), seen


def test_setup_security_says_in_one_line_when_the_superuser_password_is_wrong(secure_node, tmp_path):
    url, _, _ = secure_node
    wrong, password = tmp_path / "elastic_password", tmp_path / "vigia_es_password"
    wrong.write_text("not-the-password\n")
    password.write_text("vigia-password\n")
    out = vigia("es", "setup-security", "--url", f"{url}/vigia", "--admin-password-file", str(wrong),
                "--password-file", str(password), code=1)
    assert out.count("\n") == 1 and "role 'vigia'" in out and "not-the-password" not in out
    with pytest.raises(StoreError, match="at least 6 characters"):
        setup_security(url, "x", "vigia", "short")
    out = vigia("es", "setup-security", "--url", f"{url}/vigia", "--admin-password-file", str(tmp_path / "none"),
                "--password-file", str(password), code=1)
    assert "cannot read the secret file" in out

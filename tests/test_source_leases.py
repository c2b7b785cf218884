"""A lease per source in the store: monitors and `vigia collect` on several machines sharing one store never run the
same source twice (the local lock keeps apart only the runs of one machine). On SQLite and the real node."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from recorded import FAST, started, vigia, write_sources
from stores import ElasticNode
from vigia.ingest.leases import source_lease, source_lease_name
from vigia.ingest.source_lock import SKIPPED_EXIT, SourceBusy
from vigia.settings import load_settings
from vigia.store import open_store


@pytest.fixture(params=["sqlite", "elasticsearch"])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def telegram():
    yield from started("telegram")


def test_a_source_held_on_another_machine_is_skipped_by_collect_and_monitor(telegram, store_url: str,
                                                                            tmp_path: Path):
    options = {"base": telegram.base, "channels": ["noticias_frontera"], "delay": 0}
    write_sources(tmp_path / "vigia.toml", [{"name": "tg", "spider": "telegram", "options": options},
                                            {"name": "tg-held", "spider": "telegram", "options": options}],
                  store_url=store_url)
    other_machine = open_store(store_url)  # its own client, as a monitor elsewhere has
    try:
        assert other_machine.acquire_lease(source_lease_name("tg-held"), "elsewhere:4242:abcd", 300)
        by_hand = vigia("collect", "tg-held", *FAST)
        assert by_hand.returncode == SKIPPED_EXIT and "Traceback" not in by_hand.stderr
        assert ("source 'tg-held' is being collected by another run (store lease held by elsewhere:4242:abcd)"
                in by_hand.stderr)
        run = vigia("monitor", "--once", *FAST)
        assert run.returncode == 0, run.stderr[-3000:]
        assert "tg: 5 seen, 4 new" in run.stdout
        assert "tg-held: skipped: source 'tg-held' is being collected by another run (store lease" in run.stdout
        assert other_machine.get_checkpoint("tg-held") is None  # never crawled here
        assert [lease["name"] for lease in other_machine.leases()] == ["source:tg-held"]  # tg's lease given back
        other_machine.release_lease(source_lease_name("tg-held"), "elsewhere:4242:abcd")
        again = vigia("collect", "tg-held", *FAST)
        assert again.returncode == 0 and "tg-held: 5 seen, 0 new" in again.stdout
        assert other_machine.leases() == []
    finally:
        other_machine.close()


def test_a_held_source_lease_is_renewed_until_the_crawl_ends(store_url: str):
    first, second = open_store(store_url), open_store(store_url)
    try:
        with source_lease(first, "tg", ttl_s=2) as owner:
            with pytest.raises(SourceBusy, match=f"store lease held by {owner}"):
                with source_lease(second, "tg", ttl_s=2):
                    pass
            time.sleep(4)  # twice the TTL: still held, renewed in the background
            assert not second.acquire_lease(source_lease_name("tg"), "elsewhere:1:x", 2)
        with source_lease(second, "tg", ttl_s=2):  # given back when the crawl ended
            assert [lease["name"] for lease in first.leases()] == ["source:tg"]
    finally:
        first.close()
        second.close()
    assert load_settings().source_lease_ttl_s == 300

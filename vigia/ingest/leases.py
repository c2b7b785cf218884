"""Leases in the store: who this process is to them, and a source's lease held (and renewed) for a crawl.

The local lock (vigia.ingest.source_lock) keeps two runs on one machine apart; the store's lease keeps apart
runs on machines that share one store. A lease that its holder stops renewing (the process was killed, the
machine lost) expires after its TTL and the source is free again.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from vigia.errors import StoreError
from vigia.ingest.source_lock import SourceBusy
from vigia.store import Store


def lease_owner() -> str:
    """`host:pid:random`: names this process to the leases it holds, unique even across restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def source_lease_name(source: str) -> str:
    return f"source:{source}"


@contextmanager
def source_lease(store: Store, source: str, ttl_s: float) -> Iterator[str]:
    """Hold the source's lease for the block, renewed in the background every third of its TTL; SourceBusy at
    once when another runner holds it. Yields the owner name."""
    owner, name = lease_owner(), source_lease_name(source)
    if not store.acquire_lease(name, owner, ttl_s):
        holder = next((lease["owner"] for lease in store.leases() if lease["name"] == name), "another runner")
        raise SourceBusy(f"source '{source}' is being collected by another run (store lease held by {holder})")
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(ttl_s / 3):
            try:
                store.acquire_lease(name, owner, ttl_s)
            except StoreError:  # the store is away for a moment: the next renewal tries again
                pass

    keeper = threading.Thread(target=renew, name=f"lease {name}", daemon=True)
    keeper.start()
    try:
        yield owner
    finally:
        stop.set()
        keeper.join()
        try:
            store.release_lease(name, owner)
        except StoreError:  # unreachable: the lease expires on its own
            pass

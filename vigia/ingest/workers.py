"""Classification workers: the second stage, labelling stored posts that lack the installed model's labels.

The posts are divided into `classify_slices` slices (see Store.posts_to_classify). A worker takes a free slice's
lease (`classify:<model version>:<slice>`), labels the slice's posts in batches, writes each batch back with
optimistic concurrency (a post another writer changed first is a conflict, counted, and left to the next look),
renews the lease between batches, gives it back once the slice is done and moves on. A killed worker stops
renewing: once its lease has expired another worker takes the slice over. Any number of workers, in this process
or others, on this machine or others, may share one store.

`run_workers` starts N of them (a thread when N is 1, else processes) and gathers their progress and summaries.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queues
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from vigia.errors import ModelError, VigiaError
from vigia.ingest.leases import lease_owner
from vigia.ingest.pipeline import Pipeline, load_enricher
from vigia.model import Post
from vigia.settings import Settings
from vigia.store import Store, open_store

STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


@dataclass
class WorkerSummary:
    worker: str
    labelled: int = 0
    conflicts: int = 0  # posts another writer changed between this worker's read and its write
    taken_over: int = 0  # slices whose lease had expired unreleased (a worker died) when this one took them
    skipped: int = 0  # posts with no text to classify, or that the classifier could not label
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.labelled / self.seconds if self.seconds > 0 else 0.0
        return (f"worker {self.worker}: {self.labelled} labelled, {self.conflicts} conflicts, {self.taken_over} "
                f"slices taken over, {self.skipped} skipped in {self.seconds:.1f}s ({rate:,.1f} posts/s)")


def label_version(enricher) -> str:
    """The model_version the installed classifier writes on its labels (`<component>+<name>.<version>`)."""
    from nlp import xeno

    if enricher.classifier is None:
        raise ModelError("no classifier could be loaded (see classifier_dir and `vigia models`): nothing to label with"
                         + (f": {enricher.warnings[0]}" if enricher.warnings else ""))
    return f"{xeno.VERSION}+{enricher.classifier.name}.{enricher.classifier.version}"


class Worker:
    """One worker: labels slices until there is no work (or, following, until stopped)."""

    def __init__(self, settings: Settings, store: Store, enricher, stopped: Callable[[], bool],
                 progress: Callable[[int], None] = lambda n: None, first_slice: int = 0):
        self.settings, self.store, self.stopped, self.progress = settings, store, stopped, progress
        self.version = label_version(enricher)
        self.pipeline = Pipeline(settings, store, enricher, collector="classify")
        self.owner = lease_owner()
        self.summary = WorkerSummary(self.owner)
        slices = settings.classify_slices
        self.order = [(first_slice + k) % slices for k in range(slices)]  # workers start on different slices
        self.skip: set[str] = set()  # posts this worker found nothing to label in

    def lease_name(self, slice_id: int) -> str:
        return f"classify:{self.version}:{slice_id}"

    def run(self, follow: bool = False, idle_exit: float | None = None) -> WorkerSummary:
        """Rounds over every slice. Without `follow`, ends after a round that found no work and no slice busy;
        with it, looks again every classify_poll_s seconds, until stopped or idle for `idle_exit` seconds."""
        started = time.monotonic()
        idle_since = started
        try:
            while not self.stopped():
                worked, busy = self._round()
                if worked:
                    idle_since = time.monotonic()
                    continue  # look again at once: posts may have come while this round ran
                if self.stopped() or (not follow and not busy):
                    break
                if idle_exit is not None and time.monotonic() - idle_since >= idle_exit:
                    break
                # following, look again after the poll interval; else a slice is still busy (another worker is on
                # it, or it died and its lease has yet to expire): look again soon
                self._wait(self.settings.classify_poll_s if follow else min(1.0, self.settings.classify_poll_s))
        finally:
            self.summary.seconds = time.monotonic() - started
        return self.summary

    def _wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopped() and time.monotonic() < end:
            time.sleep(min(0.2, max(0.0, end - time.monotonic())))

    def _round(self) -> tuple[bool, bool]:
        """One look at every slice: (whether any work was found, whether a slice was busy with another worker)."""
        worked = busy = False
        ttl = self.settings.classify_lease_ttl_s
        for slice_id in self.order:
            if self.stopped():
                break
            name = self.lease_name(slice_id)
            before = next((lease for lease in self.store.leases() if lease["name"] == name), None)
            if not self.store.acquire_lease(name, self.owner, ttl):
                busy = True
                continue
            if before and before["owner"] != self.owner and before["expires_at"] <= datetime.now(timezone.utc):
                self.summary.taken_over += 1
            try:
                worked |= self._slice(slice_id, name)
            finally:
                self.store.release_lease(name, self.owner)
        return worked, busy

    def _slice(self, slice_id: int, name: str) -> bool:
        """Label the slice's posts batch by batch while the lease stays ours; whether there was work."""
        worked = False
        batches: Iterator = self.store.posts_to_classify(self.version, slice_id, self.settings.classify_slices,
                                                         self.settings.classify_batch_size)
        try:
            for batch in batches:
                todo = [(post, token) for post, token in batch if post.id not in self.skip]
                if not todo:
                    continue
                worked = True
                self._label(todo)
                if self.stopped():  # the batch is done: stop here
                    break
                if not self.store.acquire_lease(name, self.owner, self.settings.classify_lease_ttl_s):
                    break  # this worker stalled past its lease and another took the slice over
        finally:
            batches.close()
        return worked

    def _label(self, batch: list[tuple[Post, object]]) -> None:
        readable = [(post, token) for post, token in batch if post.classified_text.strip() and
                    post.text_removed_at is None]  # not a bare repost, nor a post whose text was erased
        kept = {post.id for post, _ in readable}
        self._skip([post for post, _ in batch if post.id not in kept])
        enriched = self.pipeline.enrich([post for post, _ in readable])
        writes, unlabelled = [], []
        for (read, token), new in zip(readable, enriched):
            if not any(lab.model_version == self.version for lab in new.labels):
                unlabelled.append(read)  # the classifier failed on it (a warning was logged)
                continue
            merged, _ = read.merged_with(new)
            writes.append((merged, token))
        self._skip(unlabelled)
        written = self.store.write_labels_batch(writes)
        self.summary.labelled += sum(written)
        self.summary.conflicts += len(written) - sum(written)
        self.progress(sum(written))

    def _skip(self, posts: list[Post]) -> None:
        self.skip.update(post.id for post in posts)
        self.summary.skipped += len(posts)


# -- running N workers ------------------------------------------------------------------------------------


def run_worker(settings: Settings, index: int, count: int, follow: bool, idle_exit: float | None,
               report: Callable[[tuple], None], stopped: Callable[[], bool]) -> None:
    """One worker from start to end, telling `report` ("ready", time), ("progress", n), ("summary", dict) or
    ("error", message)."""
    try:
        import torch

        torch.set_num_threads(max(1, (os.cpu_count() or 1) // count))
        enricher = load_enricher(settings)
        if stopped():
            report(("summary", asdict(WorkerSummary(lease_owner()))))
            return
        report(("ready", time.time()))  # the model is loaded: the labelling starts
        with open_store(settings.resolved_store_url) as store:
            first = index * settings.classify_slices // count
            worker = Worker(settings, store, enricher, stopped, lambda n: report(("progress", n)), first)
            report(("summary", asdict(worker.run(follow, idle_exit))))
    except Exception as exc:  # whatever stops a worker ends in the command's one-line error
        report(("error", str(exc) if isinstance(exc, VigiaError) else f"a worker failed: {type(exc).__name__}: {exc}"))


def _child(settings: Settings, index: int, count: int, follow: bool, idle_exit: float | None, messages) -> None:
    """A worker process: stops on SIGTERM or SIGINT (after its batch), or when its parent is gone."""
    stop = threading.Event()
    for sig in STOP_SIGNALS:
        signal.signal(sig, lambda *_: stop.set())
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked by the parent until the handlers were set
    parent = multiprocessing.parent_process()
    run_worker(settings, index, count, follow, idle_exit, messages.put,
               lambda: stop.is_set() or (parent is not None and not parent.is_alive()))


def run_workers(settings: Settings, count: int, follow: bool, idle_exit: float | None) -> Iterator[tuple]:
    """Start `count` workers and yield what they report, until every one has ended. SIGTERM and SIGINT stop
    them after their batch."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    try:
        if count == 1:
            messages: queues.Queue = queues.Queue()
            runner = threading.Thread(target=run_worker, daemon=True, args=(
                settings, 0, 1, follow, idle_exit, messages.put, stop.is_set))
            runner.start()
            yield from _drain(messages, lambda: runner.is_alive(), stop, lambda: None)
            return
        context = multiprocessing.get_context("spawn")  # torch and threads do not survive a fork
        messages = context.Queue()
        children = [context.Process(target=_child, args=(settings, k, count, follow, idle_exit, messages),
                                    name=f"vigia-classify-{k}") for k in range(count)]
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # a child inherits the mask: a stop
        try:  # signal sent while it starts waits for its handler instead of killing it
            for child in children:
                child.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

        def forward() -> None:
            for child in children:
                if child.is_alive():
                    child.terminate()  # SIGTERM: it finishes its batch

        try:
            yield from _drain(messages, lambda: any(c.is_alive() for c in children), stop, forward)
        finally:
            for child in children:
                child.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _drain(messages, alive: Callable[[], bool], stop: threading.Event, on_stop: Callable[[], None]) -> Iterator:
    forwarded = False
    while True:
        if stop.is_set() and not forwarded:
            on_stop()
            forwarded = True
        try:
            yield messages.get(timeout=0.2)
        except queues.Empty:
            if not alive():
                try:  # what was put just before the end
                    while True:
                        yield messages.get(timeout=0.5)
                except queues.Empty:
                    return

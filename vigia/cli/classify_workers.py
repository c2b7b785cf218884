"""`vigia classify --workers N [--follow]`: the classification workers' progress and summaries on the terminal."""

from __future__ import annotations

import time

import click

from vigia.errors import VigiaError
from vigia.progress import track
from vigia.settings import Settings


def run_classify_workers(settings: Settings, workers: int, follow: bool, idle_exit: float | None) -> None:
    """Run the workers (see vigia.ingest.workers) with a progress bar; a line per worker, then one in all."""
    from vigia.ingest.workers import WorkerSummary, run_workers  # the NLP stack

    started = time.monotonic()
    summaries: list[WorkerSummary] = []
    errors: list[str] = []
    ready: list[float] = []  # when each worker had loaded the model

    def labelled():
        for kind, value in run_workers(settings, workers, follow, idle_exit):
            if kind == "progress":
                yield from range(value)
            elif kind == "ready":
                ready.append(value)
            elif kind == "summary":
                summaries.append(WorkerSummary(**value))
                click.echo(summaries[-1].line())
            else:
                errors.append(value)

    how = "following new posts" if follow else "until no post lacks them"
    for _ in track(labelled(), f"classifying ({workers} worker{'s' * (workers > 1)}, {how})", unit="posts"):
        pass
    if errors:
        raise VigiaError(errors[0])
    seconds = time.monotonic() - started
    labelling = time.time() - min(ready) if ready else 0.0
    total = sum(s.labelled for s in summaries)
    workers_line = f"{len(summaries)} worker{'s' * (len(summaries) != 1)}"
    click.echo(f"{workers_line}: {total} labelled, {sum(s.conflicts for s in summaries)} conflicts, "
               f"{sum(s.taken_over for s in summaries)} slices taken over, {sum(s.skipped for s in summaries)} "
               f"skipped in {seconds:.1f}s ({total / seconds if seconds > 0 else 0:,.1f} posts/s; "
               f"{total / labelling if labelling > 0 else 0:,.1f} posts/s over {labelling:.1f}s once a model was "
               f"loaded)")

"""`vigia explain`: why a text or a stored post is flagged (cues, and the words its scores rest on)."""

from __future__ import annotations

import click

from vigia.cli.context import with_settings
from vigia.errors import InputError
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.argument("text", required=False)
@click.option("--post", "post_id", help="Explain a stored post (platform:id) instead of a text.")
@click.option("--top", type=click.IntRange(1, 40), default=10, show_default=True,
              help="Words to show per task.")
@with_settings
def explain(settings: Settings, text: str | None, post_id: str | None, top: int) -> None:
    """Print the cues a text or post matched and the words whose removal lowers its hate and migration
    scores most (needs an installed classifier; without one only the cues are shown)."""
    from vigia.analysis.explain import explain_post, explain_text

    if (text is None) == (post_id is None):
        raise click.UsageError("give either a TEXT or --post ID")
    if post_id is not None:
        with open_store(settings.resolved_store_url) as store:
            post = store.get(post_id)
        if post is None:
            raise InputError(f"no post with id '{post_id}' in the store")
        explanation = explain_post(settings, post, top=top)
    else:
        explanation = explain_text(settings, text, top=top)

    click.echo("cues:" if explanation.cues else "cues: none")
    for cue in explanation.cues:
        detail = ", ".join(f"{k} {v}" for k, v in (("group", cue.group), ("say instead", cue.neutral)) if v)
        click.echo(f"  {cue.kind:<18} {cue.text!r}" + (f" ({detail})" if detail else ""))
    if explanation.note:
        click.echo(f"note: {explanation.note}")
    if explanation.model:
        click.echo(f"model: {explanation.model}")
    for task in explanation.tasks.values():
        click.echo(f"{task.task}: {task.label} {task.score:.2f}; words whose removal lowers it most:")
        for word in task.words:
            click.echo(f"  {word.word:<20} -{word.drop:.3f}")
        if not task.words:
            click.echo("  (no single word lowers it)")

"""`vigia search`: full-text search of the stored posts."""

from __future__ import annotations

from typing import Any

import click

from vigia.cli.context import with_settings
from vigia.cli.filters import filter_options, pop_filters
from vigia.highlight import snippet
from vigia.settings import Settings
from vigia.store import SearchQuery, open_store


@click.command()
@click.argument("query", required=False)
@filter_options
@click.option("--sort", type=click.Choice(["date", "score", "engagement"]), default="date", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON post per line.")
@with_settings
def search(settings: Settings, query: str | None, sort: str, limit: int, offset: int, as_json: bool,
           **kwargs: Any) -> None:
    """Full-text search of stored posts (words are ANDed; "quoted phrases" and prefix* work)."""
    filters = pop_filters(kwargs)
    with open_store(settings.resolved_store_url) as store:
        page = store.search(SearchQuery(text=query, filters=filters, sort=sort, limit=limit, offset=offset))
    for post in page.posts:
        if as_json:
            click.echo(post.model_dump_json())
        else:
            text = " ".join(((f"{post.title} — " if post.title else "") + post.text).split())
            shown = snippet(text, query, mark=("\x1b[1m", "\x1b[0m"))  # bold on a terminal, stripped elsewhere
            click.echo(f"{post.created_at:%Y-%m-%d}  {post.platform:<9} {post.country or '--':<2} "
                       f"{post.language or '--':<5} {post.id}\n    {shown}")
    if not as_json:
        click.echo(f"{page.total} matching posts; showing {offset + 1 if page.posts else 0}-{offset + len(page.posts)}")

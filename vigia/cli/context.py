"""What every command that reads the settings shares: the --store option and the loaded Settings."""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable

import click

from vigia.settings import load_settings


def with_settings(func: Callable) -> Callable:
    """Adds --store and hands the command its Settings as the first argument."""

    @click.option("--store", "store_url", metavar="URL",
                  help="sqlite:///path/vigia.db or http://host:9200 (default: the configured store).")
    @click.pass_context
    @wraps(func)
    def wrapper(ctx: click.Context, *args: Any, store_url: str | None, **kwargs: Any) -> Any:
        settings = load_settings(ctx.obj.get("config_file"), store_url=store_url)
        return func(settings, *args, **kwargs)

    return wrapper

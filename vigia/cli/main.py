"""The `vigia` command line. Errors become one plain line and a non-zero exit here, nowhere else.

Each command group lives in its own module of this package; this module only gathers them under `vigia`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vigia import __version__
from vigia.cli.alerts import alerts
from vigia.cli.api import api
from vigia.cli.campaign_pack import campaign_pack
from vigia.cli.collect import collect, monitor
from vigia.cli.console import serve
from vigia.cli.doctor import doctor, schema
from vigia.cli.es import es
from vigia.cli.es_admin import restore, setup_security, snapshot
from vigia.cli.estimate import estimate, quantification
from vigia.cli.examples import examples
from vigia.cli.explain import explain
from vigia.cli.export import export
from vigia.cli.labels import labels
from vigia.cli.load import classify, demo, import_
from vigia.cli.models import evaluate, models, train
from vigia.cli.privacy import forget
from vigia.cli.reindex import reindex
from vigia.cli.report import report
from vigia.cli.respond import campaign, respond
from vigia.cli.retention import retention
from vigia.cli.search import search
from vigia.cli.simulate_reviews import simulate_reviews
from vigia.cli.stack import stack
from vigia.cli.terms import terms
from vigia.cli.users import users
from vigia.errors import VigiaError


class VigiaGroup(click.Group):
    """Turns Vigía's errors (and anything unexpected) into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VigiaError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run `vigia --debug …` for the details)") from None


@click.group(cls=VigiaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vigia")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Settings file (default: ./vigia.toml, or $VIGIA_CONFIG).")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, config_file: Path | None, debug: bool) -> None:
    """Vigía: watch public posts and news for xenophobic hate speech and migration myths."""
    ctx.ensure_object(dict)
    ctx.obj.update(config_file=config_file, debug=debug)


for command in (import_, demo, classify, search, export, serve, schema, doctor, collect, monitor, models, train,
                evaluate, respond, campaign, forget, retention, es, users, explain, examples, labels, estimate, api,
                stack, alerts, report, campaign_pack, terms, reindex):
    cli.add_command(command)
models.add_command(quantification)
models.add_command(simulate_reviews)
for command in (setup_security, snapshot, restore):
    es.add_command(command)


def main() -> None:
    cli(prog_name="vigia")

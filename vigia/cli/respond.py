"""`vigia respond` answers a post from the counter-messaging library; `vigia campaign` measures a campaign."""

from __future__ import annotations

import json
import textwrap
from datetime import timedelta

import click

from vigia.cli.context import with_settings
from vigia.counter.campaigns import compare_campaign, find_campaign
from vigia.counter.library import load_taxonomy_ids
from vigia.errors import VigiaError
from vigia.settings import Settings
from vigia.store import open_store


def _wrap(text: str, indent: str, subsequent: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent,
                         subsequent_indent=subsequent if subsequent is not None else indent,
                         break_on_hyphens=False, break_long_words=False)


@click.command()
@click.argument("text", required=False)
@click.option("--post", "post_id", metavar="ID", help="Answer a stored post (uses its language and myth labels).")
@click.option("--language", type=click.Choice(["es", "pt", "en"]),
              help="Language of the responses (default: the post's, detected).")
@click.option("--country", metavar="CC", help="Country the pasted text comes from, as an ISO code (e.g. BR): "
              "its country pack's replies come first (a stored post has its own).")
@click.option("--target", "targets", metavar="GROUP", multiple=True,
              help="Group the pasted text targets, as data/lexicons/targets.yaml names it (default: the groups "
                   "the lexicon finds in it; a stored post has its own).")
@click.option("--limit", type=click.IntRange(1, 20), default=6, show_default=True, help="Responses to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: myths, responses, sources.")
@with_settings
def respond(settings: Settings, text: str | None, post_id: str | None, language: str | None, country: str | None,
            targets: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Detect the migration myths in a post and print sourced responses, best first.

    TEXT is the post; or give --post ID to answer a stored post. Replies are chosen for the post's country,
    language and target groups (country packs first, then the general library), and each says why.
    """
    from vigia.counter.choice import group_names, known_country
    from vigia.counter.matching import Responder

    if post_id and (country or targets):
        raise click.UsageError("--country and --target are for pasted text: a stored post has its own")
    if country:
        try:
            country = known_country(country)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--country") from None
    unknown = [g for g in targets if g not in group_names(settings.lexicon_path)]
    if unknown:
        raise click.BadParameter(f"unknown group '{unknown[0]}'; use one of "
                                 f"{', '.join(group_names(settings.lexicon_path))}", param_hint="--target")
    if post_id:
        with open_store(settings.resolved_store_url) as store:
            post = store.get(post_id)
        if post is None:
            raise VigiaError(f"no post '{post_id}' in the store")
        suggestion = Responder(settings).suggest_post(post, language=language, limit=limit)
    elif text:
        suggestion = Responder(settings).suggest(text, language=language, limit=limit, country=country,
                                                 targets=list(targets) or None)
    else:
        raise click.UsageError("give the text of a post, or --post ID")
    if as_json:
        click.echo(json.dumps(suggestion.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"language: {suggestion.language} ({suggestion.language_source}); responses in "
               f"{suggestion.library_language}; country: {suggestion.country or 'unknown'}; "
               f"target groups: {', '.join(suggestion.targets) or 'unknown'}")
    if suggestion.note:
        click.echo(f"note: {suggestion.note}")
    if not suggestion.myths:
        click.echo("no migration myth detected in this text")
        return
    click.echo("myths detected:")
    for myth in suggestion.myths:
        cues = f"; cues: {', '.join(myth.cues)}" if myth.cues else ""
        click.echo(f"  {myth.myth:<26} {myth.name}  (score {myth.score:.2f}, {myth.method}{cues})")
    click.echo("responses, best first:")
    for rank, response in enumerate(suggestion.responses, 1):
        where = response.myth if response.origin == "library" else response.origin.removeprefix("pack:")
        click.echo(f"{rank}. [{response.register}] {where}/{response.id}  "
                   f"(chosen for: {response.why}; similarity {response.similarity:.3f})")
        click.echo(_wrap(response.text, "   "))
        click.echo("   sources:")
        for source in response.sources:
            click.echo(_wrap(source["citation"], "     - ", "       "))
    if not all(s["verified"] for r in suggestion.responses for s in r.sources):
        click.echo("Sources marked 'not yet verified' must be checked at the original publisher before publishing.")


@click.command()
@click.argument("name")
@click.option("--window", "window_days", type=click.IntRange(1, 3650),
              help="Days in the before and after windows (default: the campaign's length).")
@click.option("--confidence", type=click.FloatRange(0.5, 0.999), default=0.95, show_default=True)
@click.option("--myth-task", metavar="TASK",
              help="Count myths from this label task (e.g. myth, once the classifier labels them) "
                   "instead of the posts' myth tags.")
@click.option("--json", "as_json", is_flag=True, help="The table as JSON.")
@with_settings
def campaign(settings: Settings, name: str, window_days: int | None, confidence: float, myth_task: str | None,
             as_json: bool) -> None:
    """Compare the xenophobic share and each myth's volume before, during and after a configured campaign."""
    chosen = find_campaign(settings, name)
    myths = load_taxonomy_ids(settings.myth_taxonomy_path)
    with open_store(settings.resolved_store_url) as store:
        report = compare_campaign(store, chosen, myths, window_days=window_days, confidence=confidence,
                                  myth_task=myth_task, classifier_dir=settings.classifier_dir)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    level = f"{confidence:.0%}"
    click.echo(f"campaign {chosen.name}: {chosen.start} to {chosen.end} (UTC days), "
               f"countries: {', '.join(chosen.countries) or 'all'}")
    header = f"{'':<28}" + "".join(f"{p.name:>24}" for p in report.periods)
    click.echo(header)
    click.echo(f"{'days (UTC, inclusive)':<28}" + "".join(
        f"{p.since:%Y-%m-%d}..{max(p.since, p.until - timedelta(seconds=1)):%m-%d}".rjust(24)
        for p in report.periods))
    click.echo(f"{'length in days':<28}" + "".join(f"{p.days:>24g}" for p in report.periods))
    click.echo(f"{'posts':<28}" + "".join(f"{p.posts:>24}" for p in report.periods))
    click.echo(f"{'migration posts':<28}" + "".join(f"{p.xenophobic.total:>24}" for p in report.periods))

    def share(p) -> str:
        s = p.xenophobic
        if s.share is None:
            return "—"
        return f"{s.share:.1%} [{s.low:.1%}, {s.high:.1%}]"

    def estimated(p) -> str:
        e = p.estimated
        return "—" if e is None else f"{e.estimate:.1%} [{e.ci_low:.1%}, {e.ci_high:.1%}]"

    click.echo(f"{'xenophobic share, estimate':<28}" + "".join(f"{estimated(p):>24}" for p in report.periods))
    click.echo(f"{'  classifier count':<28}" + "".join(f"{share(p):>24}" for p in report.periods))
    click.echo(f"myth volume: posts [{level} interval]")
    for myth in myths:
        cells = "".join(f"{v.count} [{v.low:.1f}, {v.high:.1f}]".rjust(24)
                        for v in (p.myths[myth] for p in report.periods))
        click.echo(f"  {myth:<26}{cells}")
    for tag in chosen.hashtags:
        click.echo(f"{'mentions of ' + tag:<28}" + "".join(f"{p.hashtags.get(tag, 0):>24}" for p in report.periods))
    click.echo(f"intervals: {level}; share: {report.share_method}; counts: {report.count_method}. "
               "Share = posts labelled hate=hateful among posts labelled migration=migration.")
    click.echo("estimate: the share corrected for the classifier's error rates (cite this one), 95% bootstrap "
               "interval including the error rates' uncertainty; the classifier count is beside it.")
    for p in report.periods:
        if p.estimated is not None:
            click.echo(f"  {p.name}: method {p.estimated.method}; error rates from: {p.estimated.error_rates_from}")
        elif p.not_estimated:
            click.echo(f"  {p.name}: no estimate: {p.not_estimated}")

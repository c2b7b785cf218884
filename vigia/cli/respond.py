"""`vigia respond` answers a post from the counter-messaging library; `vigia campaign` measures a campaign."""

from __future__ import annotations

import json
import textwrap

import click

from vigia.cli.context import with_settings
from vigia.counter.campaign_reading import days_cell, estimate_cell, reading, share_cell, volume_cell
from vigia.counter.campaigns import Period, compare_campaign, find_campaign
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
    _campaign_table(report.periods, myths, chosen.hashtags, level)
    for comparison in report.comparisons:
        click.echo(f"comparison {comparison.kind}: {comparison.start} to {comparison.end} (UTC days), "
                   f"countries: {', '.join(comparison.countries) or 'all'}")
        _campaign_table(comparison.periods, myths, chosen.hashtags, level)
    click.echo(f"intervals: {level}; share: {report.share_method}; counts: {report.count_method}. "
               "Share = posts labelled hate=hateful among posts labelled migration=migration.")
    click.echo("estimate: the share corrected for the classifier's error rates (cite this one), 95% bootstrap "
               "interval including the error rates' uncertainty; the classifier count is beside it.")
    for p in report.periods:
        if p.estimated is not None:
            click.echo(f"  {p.name}: method {p.estimated.method}; error rates from: {p.estimated.error_rates_from}")
        elif p.not_estimated:
            click.echo(f"  {p.name}: no estimate: {p.not_estimated}")
    click.echo("reading:")
    for sentence in reading(report, "en"):
        click.echo(_wrap(sentence, "  "))


def _campaign_table(periods: list[Period], myths: list[str], hashtags: list[str], level: str) -> None:
    """One series' table: a row per figure, a column per period (the cells the console shows too)."""
    def row(label: str, cells: list[str]) -> None:
        click.echo(f"{label:<28}" + "".join(f"{cell:>24}" for cell in cells))

    row("", [p.name for p in periods])
    row("days (UTC, inclusive)", [days_cell(p) for p in periods])
    row("length in days", [f"{p.days:g}" for p in periods])
    row("posts", [str(p.posts) for p in periods])
    row("migration posts", [str(p.xenophobic.total) for p in periods])
    row("xenophobic share, estimate", [estimate_cell(p.estimated) for p in periods])
    row("  classifier count", [share_cell(p.xenophobic) for p in periods])
    click.echo(f"myth volume: posts [{level} interval]")
    for myth in myths:
        row(f"  {myth}", [volume_cell(p.myths[myth]) for p in periods])
    for tag in hashtags:
        row("mentions of " + tag, [str(p.hashtags.get(tag, 0)) for p in periods])

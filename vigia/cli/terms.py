"""`vigia terms`: the glossary's stigmatizing terms and slurs in an article (file, URL or standard input), or counted
per outlet and month over the collected news."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime, timezone

import click

from vigia.cli.context import with_settings
from vigia.settings import LANGUAGES, Settings, user_agent
from vigia.store import Filters, open_store


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False, break_long_words=False)


@click.command()
@click.argument("article", metavar="FILE|URL|-", required=False)
@click.option("--corpus", is_flag=True, help="Count terms in the collected news, per outlet and month.")
@click.option("--source", "outlets", multiple=True, metavar="NAME",
              help="With --corpus: this outlet only (repeatable).")
@click.option("--since", type=click.DateTime(), help="With --corpus: from this date (UTC), inclusive.")
@click.option("--until", type=click.DateTime(), help="With --corpus: up to this date (UTC), exclusive.")
@click.option("--language", type=click.Choice(LANGUAGES), help="The article's language (default: the page's, or "
                                                                "identified).")
@click.option("--encoding", metavar="NAME", help="The file's encoding (default: declared, UTF-8 or detected).")
@click.option("--context", "context_words", type=click.IntRange(1, 40), default=8, show_default=True,
              help="Words shown on each side of a term.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.option("--csv", "as_csv", is_flag=True, help="With --corpus: the counts as CSV.")
@with_settings
def terms(settings: Settings, article: str | None, corpus: bool, outlets: tuple[str, ...], since: datetime | None,
          until: datetime | None, language: str | None, encoding: str | None, context_words: int, as_json: bool,
          as_csv: bool) -> None:
    """List the stigmatizing terms and slurs of the glossary in an article: each in context, with what to say
    instead, why, and the glossary's source; and the article's score (terms per 1,000 words).

    FILE|URL|- is a text or HTML file, a web page (its article is extracted), or - for standard input.
    With --corpus, count them in the collected news instead, per outlet and month.
    """
    from vigia.counter.terminology import load_checker

    if corpus == bool(article):
        raise click.UsageError("give FILE|URL|- or --corpus (one of them)")
    if not corpus and (outlets or since or until or as_csv):
        raise click.UsageError("--source, --since, --until and --csv go with --corpus")
    if as_json and as_csv:
        raise click.UsageError("choose --json or --csv")
    checker = load_checker(settings)
    if corpus:
        _corpus(settings, checker, outlets, since, until, as_json, as_csv)
        return
    from vigia.counter.article_input import read_input

    stdin = None
    if article == "-":
        with click.open_file("-", "rb") as stream:
            stdin = stream.read()
    given = read_input(article, stdin=stdin, user_agent=user_agent(settings), encoding=encoding)
    report = checker.check(given.body, language or given.language, title=given.title, url=given.url,
                           context_words=context_words)
    if language is None and given.language in checker.languages:
        report.language_source = "the page's <html lang>"
    if as_json:
        click.echo(json.dumps({"source": given.origin, **report.to_dict()}, ensure_ascii=False, indent=2))
        return
    _print_report(given.origin, report)


def _print_report(origin: str, report) -> None:
    from vigia.counter.terminology import SCORE_DEFINITION

    title = f" — {report.title}" if report.title else ""
    click.echo(f"{origin}{title}")
    click.echo(f"language: {report.language or 'unknown'} ({report.language_source}); {report.words} words")
    if not report.hits:
        click.echo("no stigmatizing term or slur of the glossary found")
        click.echo(f"score: 0.00 ({SCORE_DEFINITION})")
        return
    quoted = (f"; {report.quoted} inside quotation marks, counted too: reported speech cannot be told apart "
              "reliably" if report.quoted else "")
    click.echo(f"score: {report.score:.2f} terms per 1,000 words ({len(report.hits)} found{quoted})")
    click.echo(f"  ({SCORE_DEFINITION})")
    click.echo(f"{'#':>3}  {'term':<24}{'kind':<19}{'lang':<6}say instead")
    for number, hit in enumerate(report.hits, 1):
        kind = hit.kind.replace("_", " ")
        click.echo(f"{number:>3}  {hit.found[:23]:<24}{kind:<19}{hit.language:<6}{'; '.join(hit.alternatives)}")
    click.echo("")
    for number, hit in enumerate(report.hits, 1):
        mark = " (inside quotation marks)" if hit.quoted else ""
        click.echo(f"{number}. {hit.found}{mark} — glossary: {hit.entry} ({hit.glossary_term})")
        click.echo(_wrap(f"context: …{hit.context}…", "   "))
        click.echo(_wrap(f"instead: {'; '.join(hit.alternatives)}", "   "))
        click.echo(_wrap(f"why: {hit.reason}", "   "))
        for source in hit.sources:
            click.echo(_wrap(f"source: {source['citation']}", "   "))
        if hit.note:
            click.echo(_wrap(f"note: {hit.note}", "   "))


def _corpus(settings: Settings, checker, outlets: tuple[str, ...], since: datetime | None, until: datetime | None,
            as_json: bool, as_csv: bool) -> None:
    from vigia.counter.term_counts import count_terms, to_csv
    from vigia.counter.terminology import SCORE_DEFINITION
    from vigia.progress import track

    def utc(value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=timezone.utc) if value else None

    filters = Filters(sources=list(outlets), since=utc(since), until=utc(until))
    with open_store(settings.resolved_store_url) as store:
        rows = count_terms(store, checker, filters,
                           progress=lambda posts, total: track(posts, "checking news", total=total, unit="articles"))
    if as_json:
        click.echo(json.dumps({"score_unit": SCORE_DEFINITION, "rows": [r.to_dict() for r in rows]},
                              ensure_ascii=False, indent=2))
        return
    if as_csv:
        click.echo(to_csv(rows), nl=False)
        return
    if not rows:
        click.echo("no news articles in the store for this selection")
        return
    click.echo(f"{'outlet':<28}{'month':<9}{'articles':>9}{'with terms':>11}{'words':>9}{'terms':>7}"
               f"{'per 1,000':>11}  most frequent")
    for row in rows:
        top = ", ".join(f"{entry} {count}" for entry, count in list(row.to_dict()["by_entry"].items())[:3])
        click.echo(f"{row.outlet[:27]:<28}{row.month:<9}{row.articles:>9}{row.articles_with_terms:>11}"
                   f"{row.words:>9}{row.terms:>7}{row.per_1000_words:>11.2f}  {top}")
    articles = sum(r.articles for r in rows)
    found = sum(r.terms for r in rows)
    click.echo(f"{articles} articles, {found} terms, {len({r.outlet for r in rows})} outlets; "
               f"per 1,000 = {SCORE_DEFINITION}")

"""A myth's campaign pack: one zip with the social cards of its replies in one language (PNG, each with its alt
text beside it), every message of the myth in that language, the suggested hashtags, and SOURCES.md with the
canonical links of what the messages cite and what to check before publishing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vigia.counter.cards import CardText, is_copy, render, social_cards, word
from vigia.counter.hashtags import Hashtag, hashtags_for
from vigia.counter.library import LIBRARY_LANGUAGES, CounterError, Library, Response, Source


@dataclass(frozen=True)
class PackSummary:
    myth: str
    language: str
    cards: int
    messages: int
    hashtags: int
    sources: int


def folder(myth: str, language: str) -> str:
    """The zip's one top folder (and the default file name): crime_insecurity-es."""
    return f"{myth}-{language}"


def countries(library: Library, responses: Iterable[Response]) -> set[str]:
    """The places the replies' figures are about (what picks the country hashtags)."""
    return {place for r in responses for c in r.claims for place in library.claims[c].place.split("; ")}


def cited_sources(library: Library, responses: Iterable[Response]) -> list[Source]:
    """The sources the messages cite, in the order they are first cited."""
    ids = list(dict.fromkeys(s for r in responses for s in r.sources))
    return library.cited(ids)


def messages_md(myth_name: str, language: str, responses: list[Response], cards: dict[str, str],
                library: Library) -> str:
    lines = [f"# {word('pack_title', language, myth=myth_name)}", "",
             word("pack_intro", language, language=language), "", f"## {word('messages_title', language)}", ""]
    for response in responses:
        lines += [f"### {word(f'register.{response.register_}', language)} · {response.id}", "", response.text, ""]
        if response.id in cards:
            lines += [word("card_file", language, file=cards[response.id],
                           alt=cards[response.id].removesuffix(".png") + ".txt"), ""]
        lines += [f"- {s.publisher}, {s.published}: {s.link}" for s in library.cited(response.sources)] + [""]
    return "\n".join(lines)


def sources_md(language: str, sources: list[Source]) -> str:
    lines = [f"# {word('sources_title', language)}", "", word("sources_review", language), ""]
    for source in sources:
        status = (word("source_verified", language, date=source.verified_on) if source.verified
                  else word("source_not_verified", language))
        lines += [f"## {source.title}", "", f"{source.publisher}, {source.published} ({source.id})", ""]
        if is_copy(source):
            lines.append(f"- {word('source_read_at', language)}: <{source.url}> ({word('source_copy', language)})")
        else:
            lines.append(f"- {word('source_canonical', language)}: <{source.link}>")
            if source.url != source.link:
                lines.append(f"- {word('source_read_at', language)}: <{source.url}>")
        lines.append(f"- {status}")
        if source.machine_translated:
            lines.append(f"- {word('source_machine_translated', language)}")
        lines.append("")
    return "\n".join(lines)


def hashtags_md(language: str, hashtags: list[Hashtag], library: Library) -> str:
    lines = [f"# {word('hashtags_title', language)}", "", word("hashtags_intro", language), ""]
    for hashtag in hashtags:
        who = (word("hashtag_used_by", language, used_by=hashtag.used_by, link=library.sources[hashtag.source].link)
               if hashtag.status == "attributed" and hashtag.source else word("hashtag_suggested", language))
        lines.append(f"- {hashtag.tag}: {who}")
    return "\n".join(lines) + "\n"


def build_pack(library: Library, myth: str, language: str, myth_name: str, hashtags: list[Hashtag],
               font_paths: tuple[Path, Path] | None = None,
               progress: Callable[[list[tuple[Response, CardText]]], Iterable[tuple[Response, CardText]]] = iter,
               ) -> tuple[bytes, PackSummary]:
    """The zip of a myth's campaign material in `language`, and what it holds. `progress` wraps the cards as
    they are drawn (the CLI's progress bar)."""
    if language not in LIBRARY_LANGUAGES:
        raise CounterError(f"no library replies in '{language}'; choose one of {', '.join(LIBRARY_LANGUAGES)}")
    cards = social_cards(library, myth, language)  # a CounterError for an unknown myth
    responses = library.responses(myth, language)
    sources = cited_sources(library, responses)
    suggested = hashtags_for(hashtags, language, countries(library, responses))
    top = folder(myth, language)
    out = io.BytesIO()
    card_files: dict[str, str] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for response, card in progress(cards):
            name = f"cards/{response.id}.png"
            archive.writestr(f"{top}/{name}", render(card, font_paths), compress_type=zipfile.ZIP_STORED)
            archive.writestr(f"{top}/cards/{response.id}.txt", card.alt + "\n")
            card_files[response.id] = name
        archive.writestr(f"{top}/messages.md", messages_md(myth_name, language, responses, card_files, library))
        archive.writestr(f"{top}/hashtags.md", hashtags_md(language, suggested, library))
        archive.writestr(f"{top}/SOURCES.md", sources_md(language, sources))
    return out.getvalue(), PackSummary(myth, language, len(card_files), len(responses), len(suggested), len(sources))

"""A pack's campaign material (data/counter/packs/): the social cards of the replies to a pack's narratives, or to one
of them, in one of the pack's languages (the haitian pack: Spanish, French and Haitian Creole for a campaign in the
Dominican Republic), with their alt texts, the messages, hashtags for the narratives' countries, SOURCES.md with the
canonical links, and what the fact base cannot answer (each narrative's `gaps`) in README.md and SOURCES.md.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vigia.counter.campaign_pack import cited_sources, countries, hashtags_md, sources_md
from vigia.counter.cards import CardText, card_text, place, render, word
from vigia.counter.hashtags import Hashtag, hashtags_for
from vigia.counter.library import CounterError, Library, Response
from vigia.counter.packs import Narrative, Pack

# Replies in these languages await review by native speakers (the packs' `review` notes): their cards say so.
NATIVE_REVIEW_LANGUAGES = ("fr", "ht")

PackCard = tuple[Narrative, Response, CardText]


@dataclass(frozen=True)
class NarrativePackSummary:
    name: str  # haitian, or haitian/dr-invasion
    language: str
    narratives: int
    cards: int
    messages: int
    hashtags: int
    sources: int
    gaps: int  # narratives that say what the fact base cannot answer


def choose(packs: dict[str, Pack], pack: str, narrative: str | None, language: str) -> tuple[Pack, list[Narrative]]:
    """The pack and the narratives asked for, or a CounterError naming what is unknown."""
    if pack not in packs:
        raise CounterError(f"unknown pack '{pack}'; choose one of {', '.join(packs)}")
    chosen = packs[pack]
    if language not in chosen.languages:
        raise CounterError(f"pack '{pack}' has no replies in '{language}'; choose one of {', '.join(chosen.languages)}")
    if narrative is None:
        return chosen, list(chosen.narratives)
    found = [n for n in chosen.narratives if n.id == narrative]
    if not found:
        raise CounterError(f"pack '{pack}' has no narrative '{narrative}'; choose one of "
                           f"{', '.join(n.id for n in chosen.narratives)}")
    return chosen, found


def folder(pack: str, narrative: str | None, language: str) -> str:
    """The zip's one top folder (and the default file name): haitian-dr-invasion-fr."""
    return "-".join(part for part in (pack, narrative, language) if part)


def card_name(narrative: Narrative, response: Response) -> str:
    return f"cards/{narrative.id}-{response.id}.png"


def pack_cards(library: Library, pack: Pack, narratives: list[Narrative], language: str) -> list[PackCard]:
    """The card of each social reply of the narratives in `language` (French and Haitian Creole ones noted as
    awaiting native review)."""
    return [(narrative, reply, card_text(library, f"{pack.pack}/{narrative.id}", reply, language,
                                         needs_review=language in NATIVE_REVIEW_LANGUAGES))
            for narrative in narratives for reply in narrative.replies.get(language, [])
            if reply.register_ == "social"]


def title(pack: str, narrative: str | None, language: str) -> str:
    """The zip's heading: Campaign material: the haitian · dr-invasion pack."""
    return word("narrative_pack_title", language, pack=f"{pack} · {narrative}" if narrative else pack)


def readme_md(heading: str, pack: Pack, narratives: list[Narrative], language: str,
              cards: dict[tuple[str, str], str]) -> str:
    """What the zip holds, who reviews it, and per narrative what it claims, its replies and its gaps."""
    lines = [f"# {heading}", "", word("narrative_pack_intro", language, language=language),
             "", word("pack_review", language, review=pack.review), "", f"## {word('narratives_title', language)}", "",
             word("gaps_intro", language), ""]
    for narrative in narratives:
        replies = narrative.replies.get(language, [])
        lines += [f"### {narrative.id} · {place(narrative.country, language)}", "",
                  f"- {word('narrative_myth', language, myth=narrative.myth, target=narrative.target)}",
                  f"- {word('narrative_claim', language, narrative=narrative.narrative)}"]
        drawn = sum(1 for r in replies if (narrative.id, r.id) in cards)
        lines.append(f"- {word('narrative_replies', language, replies=len(replies), cards=drawn)}" if replies
                     else f"- {word('narrative_no_replies', language)}")
        if narrative.gaps:
            lines.append(f"- **{word('gaps_title', language)}:** {narrative.gaps}")
        lines.append("")
    return "\n".join(lines)


def messages_md(heading: str, narratives: list[Narrative], language: str, cards: dict[tuple[str, str], str],
                library: Library) -> str:
    lines = [f"# {heading}", "", f"## {word('messages_title', language)}", ""]
    for narrative in narratives:
        replies = narrative.replies.get(language, [])
        lines += [f"## {narrative.id} · {place(narrative.country, language)}", "",
                  word("narrative_claim", language, narrative=narrative.narrative), ""]
        if not replies:
            lines += [word("narrative_no_replies", language), ""]
        for reply in replies:
            lines += [f"### {word(f'register.{reply.register_}', language)} · {reply.id}", "", reply.text, ""]
            if (name := cards.get((narrative.id, reply.id))) is not None:
                lines += [word("card_file", language, file=name, alt=name.removesuffix(".png") + ".txt"), ""]
            lines += [f"- {s.publisher}, {s.published}: {s.link}" for s in library.cited(reply.sources)] + [""]
    return "\n".join(lines)


def gaps_md(narratives: list[Narrative], language: str) -> str:
    """The section of SOURCES.md saying what the fact base cannot answer, narrative by narrative."""
    lines = [f"## {word('gaps_title', language)}", "", word("gaps_intro", language), ""]
    gaps = [n for n in narratives if n.gaps]
    lines += [f"- {n.id} ({place(n.country, language)}): {n.gaps}" for n in gaps] or [word("no_gaps", language)]
    return "\n".join(lines) + "\n"


def build_narrative_pack(library: Library, packs: dict[str, Pack], pack: str, language: str,
                         hashtags: list[Hashtag], narrative: str | None = None,
                         font_paths: tuple[Path, Path] | None = None,
                         progress: Callable[[list[PackCard]], Iterable[PackCard]] = iter,
                         ) -> tuple[bytes, NarrativePackSummary]:
    """The zip of a pack's (or one narrative's) campaign material in `language`, and what it holds. `progress` wraps
    the cards as they are drawn (the CLI's progress bar)."""
    chosen, narratives = choose(packs, pack, narrative, language)
    cards = pack_cards(library, chosen, narratives, language)
    responses = [r for n in narratives for r in n.replies.get(language, [])]
    sources = cited_sources(library, responses)
    places = {n.country for n in narratives} | countries(library, responses)
    suggested = hashtags_for(hashtags, language, places)
    top = folder(pack, narrative, language)
    out = io.BytesIO()
    card_files: dict[tuple[str, str], str] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for story, response, card in progress(cards):
            name = card_name(story, response)
            archive.writestr(f"{top}/{name}", render(card, font_paths), compress_type=zipfile.ZIP_STORED)
            archive.writestr(f"{top}/{name.removesuffix('.png')}.txt", card.alt + "\n")
            card_files[(story.id, response.id)] = name
        heading = title(pack, narrative, language)
        archive.writestr(f"{top}/README.md", readme_md(heading, chosen, narratives, language, card_files))
        archive.writestr(f"{top}/messages.md", messages_md(heading, narratives, language, card_files, library))
        archive.writestr(f"{top}/hashtags.md", hashtags_md(language, suggested, library))
        archive.writestr(f"{top}/SOURCES.md", sources_md(language, sources) + "\n" + gaps_md(narratives, language))
    name = f"{pack}/{narrative}" if narrative else pack
    return out.getvalue(), NarrativePackSummary(name, language, len(narratives), len(card_files), len(responses),
                                                len(suggested), len(sources), sum(1 for n in narratives if n.gaps))

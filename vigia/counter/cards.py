"""Social cards: a 1080×1080 PNG per social reply of the library, with its message, its key figure (value and
unit, place and year, written the way the reply's language writes numbers), the source line and, where it applies,
a note that a quote is machine-translated or that the text awaits native review; and the card's alt text.

`card_text()` says what a card holds, `layout()` places it inside the safe margins (shrinking the type; a text that
does not fit even at the smallest size is a CardError naming the reply, never cut off), `render()` draws it.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.numbers import format_decimal

from vigia.counter.claims import LOCALES
from vigia.counter.library import Claim, CounterError, Library, Response, Source
from vigia.i18n import text

CARD_SIZE = 1080
MARGIN = 80  # the safe margin on every side: nothing is drawn outside it but the background and the band
BAND = 190  # the coloured band at the top, holding the heading (below the top margin)
SHORT_URL_CHARS = 46
COLOURS = {"band": (122, 28, 36), "heading": (255, 255, 255), "message": (25, 25, 25), "figure": (122, 28, 36),
           "context": (70, 70, 70), "source": (80, 80, 80), "note": (140, 80, 0), "panel": (244, 240, 236),
           "background": (255, 255, 255)}
# Places of claims.PLACES that are countries, by their ISO code (Babel names them in each language).
TERRITORIES = {"Colombia": "CO", "Chile": "CL", "Peru": "PE", "Ecuador": "EC", "Argentina": "AR", "Brazil": "BR",
               "Panama": "PA", "Costa Rica": "CR", "Dominican Republic": "DO", "Venezuela": "VE", "Haiti": "HT"}
REGIONS = {"Latin America and the Caribbean": "place.latin_america", "Global": "place.global"}
OTHER_PLACES = {"Darien": "Darién", "Roraima": "Roraima"}
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_UNIT_AFTER_NUMBER = re.compile(r"(\d) (%|p\.\s?p\.)")  # "0,7 %" stays on one line


class CardError(CounterError):
    """A card cannot be made (its text does not fit, or no font draws it)."""


def word(key: str, language: str, /, **values: object) -> str:
    """A word of the cards and of the campaign pack (the catalogue's `cards` section) in `language`."""
    return text(f"cards.{key}", language, **values)


# ----------------------------------------------------------------------------------------------------------
# What a card says


@dataclass(frozen=True)
class CardText:
    """Everything a card shows, and its alt text."""

    reply: str  # myth/language/response id: what an error names
    language: str
    heading: str
    message: str
    figure: str | None  # "0,7 %"
    context: str | None  # "frente al 2,4 % de la población · Chile, 2019"
    sources: list[str]  # "Fuente: MPI, 2020 · migrationpolicy.org/news/…"
    notes: list[str] = field(default_factory=list)
    alt_sources: str = ""  # the sources with their full canonical addresses

    @property
    def alt(self) -> str:
        """A plain description of the card: its message, its figure and its sources, with full addresses."""
        parts = [word("alt_card", self.language), word("alt_message", self.language, message=self.message)]
        if self.figure:
            parts.append(word("alt_figure", self.language, figure=self.figure, context=self.context or ""))
        return " ".join(parts + [self.alt_sources] + self.notes)


def number(value: float, language: str) -> str:
    """`value` as the language writes it (es 1.553.465 and 0,7; en 1,553,465 and 0.7), with its decimals."""
    exact = Decimal(repr(value)).normalize()
    decimals = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(exact, format=pattern, locale=LOCALES[language])


def figure(claim: Claim, language: str) -> str:
    """A claim's value with its unit ("US$ 1,8 bilhão", "0.7%", "1.553.465 personas")."""
    value, scale = claim.value, ""
    for size, key in ((10**9, "billion"), (10**6, "million")):
        if value >= size and round(value / size, 1) == value / size:
            value /= size
            scale = word(f"scale.{key}{'_one' if value < 2 else ''}", language)
            break
    written = number(value, language) + (f" {scale}" if scale else "")
    return word(f"unit.{claim.unit}", language, value=written)


def place(name: str, language: str) -> str:
    """A claim's place in `language` ("Peru; Colombia" → "Perú, Colombia")."""
    names = []
    for part in name.split("; "):
        if part in TERRITORIES:
            names.append(Locale.parse(LOCALES[language]).territories.get(TERRITORIES[part], part))
        elif part in REGIONS:
            names.append(word(REGIONS[part], language))
        else:
            names.append(OTHER_PLACES.get(part, part))
    return ", ".join(names)


def key_claim(response: Response, library: Library) -> Claim | None:
    """The figure a card shows: the first claim of the reply that is not the comparator of another."""
    claims = [library.claims[c] for c in response.claims]
    comparators = {c.comparator for c in claims if c.comparator}
    return next((c for c in claims if c.id not in comparators), claims[0] if claims else None)


def figure_context(claim: Claim, library: Library, language: str) -> str:
    """Comparator (for a share), place and year of the figure: "frente al 2,4 % de la población · Chile, 2019"."""
    where = f"{place(claim.place, language)}, {claim.period.replace('-', '–')}"
    if claim.comparator:
        against = word("comparator", language, value=figure(library.claims[claim.comparator], language))
        return f"{against} · {where}"
    return where


def year(source: Source, language: str) -> str:
    """The year of publication ("n.d. (c. 2024)" and dates without a year are undated)."""
    found = _YEAR.search(source.published)
    if found is None or source.published.lower().startswith("n.d"):
        return word("no_date", language)
    return found.group(0)


def short_url(url: str, limit: int = SHORT_URL_CHARS) -> str:
    """The address without scheme and 'www.', cut with '…' past `limit` characters (the full one is in the alt
    text and in SOURCES.md)."""
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path.rstrip("/")
    short = parts.netloc.removeprefix("www.") + path
    return short if len(short) <= limit else short[:limit - 1].rstrip("/-_.") + "…"


def is_copy(source: Source) -> bool:
    """Cited from where the quote was read: the publisher's own address was not found."""
    return source.canonical_url is None and source.origin == "fact_base"


def source_line(source: Source, language: str) -> str:
    copy = f" ({word('copy', language)})" if is_copy(source) else ""
    return f"{source.publisher}, {year(source, language)} · {short_url(source.link)}{copy}"


def card_text(library: Library, myth: str, response: Response, language: str,
              needs_review: bool = False) -> CardText:
    """What the card of a social reply says; `needs_review` when the text awaits review by native speakers (the
    packs' French and Haitian Creole texts)."""
    cited = library.cited(response.sources)
    claim = key_claim(response, library)
    label = word("source" if len(cited) == 1 else "sources", language)
    lines = [f"{label}: {source_line(cited[0], language)}"] + [source_line(s, language) for s in cited[1:]]
    notes = [word("note_machine_translation", language, publisher=s.publisher) for s in cited
             if s.machine_translated]
    if needs_review:
        notes.append(word("note_native_review", language))
    alt_sources = f"{label}: " + "; ".join(
        f"{s.publisher}, {year(s, language)}, {s.link}" + (f" ({word('copy', language)})" if is_copy(s) else "")
        for s in cited) + "."
    return CardText(reply=f"{myth}/{language}/{response.id}", language=language,
                    heading=word("heading", language), message=response.text,
                    figure=figure(claim, language) if claim else None,
                    context=figure_context(claim, library, language) if claim else None,
                    sources=lines, notes=notes, alt_sources=alt_sources)


# ----------------------------------------------------------------------------------------------------------
# Fonts and layout


def fonts() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold, found as the training examples find them (a CardError when missing)."""
    from vigia.counter.training_examples import font_files
    from vigia.errors import ConfigError

    try:
        return font_files()
    except ConfigError as exc:
        raise CardError(str(exc).replace("training examples", "social cards")) from None


@dataclass(frozen=True)
class Line:
    text: str
    x: int
    y: int
    size: int
    bold: bool
    colour: str


@dataclass(frozen=True)
class Block:
    """A text wrapped to a width at the largest size that fits a height."""

    lines: list[str]
    size: int
    step: int  # from one line's top to the next's
    extent: int  # a line's own height, ascender to descender

    @property
    def height(self) -> int:
        return (len(self.lines) - 1) * self.step + self.extent


@dataclass(frozen=True)
class Layout:
    lines: list[Line]
    panel: tuple[int, int, int, int] | None  # the figure's box: left, top, right, bottom


@functools.cache
def _font(path: Path, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def wrap(content: str, font, width: int) -> list[str] | None:
    """Lines of at most `width` pixels, broken between words; None when a word alone is wider than a line."""
    lines: list[str] = []
    for paragraph in _UNIT_AFTER_NUMBER.sub("\\1\u00a0\\2", content).splitlines() or [""]:
        line = ""
        for item in re.split(r"[ \t]+", paragraph.strip()):
            if font.getlength(item) > width:
                return None
            candidate = f"{line} {item}".strip()
            if font.getlength(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = item
        lines.append(line)
    return lines


def fit(content: str, path: Path, width: int, height: int, sizes: range | tuple[int, ...], spacing: float,
        reply: str, what: str) -> Block:
    """The largest size at which `content` fits the box, or a CardError naming the reply."""
    for size in sizes:
        font = _font(path, size)
        lines = wrap(content, font, width)
        block = Block(lines or [], size, round(size * spacing), sum(font.getmetrics()))
        if lines is not None and block.height <= height:
            return block
    raise CardError(f"{reply}: the {what} does not fit on the card even at {min(sizes)} px "
                    f"({len(content)} characters); shorten it")


def layout(card: CardText, regular: Path, bold: Path) -> Layout:
    """Every line of the card and where it goes, all inside the safe margins; bottom up: notes, sources, figure,
    then the message in the room left."""
    width = CARD_SIZE - 2 * MARGIN
    bottom = CARD_SIZE - MARGIN
    placed: list[Line] = []
    panel = None

    def stack(block: Block, top: int, is_bold: bool, colour: str, indent: int = 0) -> None:
        placed.extend(Line(line, MARGIN + indent, top + i * block.step, block.size, is_bold, colour)
                      for i, line in enumerate(block.lines))

    heading = fit(card.heading, bold, width, BAND - MARGIN - 24, range(44, 25, -2), 1.2, card.reply, "heading")
    stack(heading, MARGIN + (BAND - MARGIN - 24 - heading.height) // 2, True, "heading")

    for note in reversed(card.notes):
        block = fit(note, regular, width, 90, range(22, 15, -1), 1.25, card.reply, "note")
        bottom -= block.height
        stack(block, bottom, False, "note")
        bottom -= 8
    source_blocks = [fit(s, regular, width, 70, range(24, 15, -1), 1.25, card.reply, "source line")
                     for s in card.sources]
    for block in reversed(source_blocks):
        bottom -= block.height
        stack(block, bottom, False, "source")
    bottom -= 36
    if card.figure:
        context = fit(card.context or "", regular, width - 40, 80, range(30, 19, -1), 1.25, card.reply,
                      "figure's place and year")
        big = fit(card.figure, bold, width - 40, 130, range(110, 47, -4), 1.1, card.reply, "figure")
        panel_top = bottom - (big.height + context.height + 56)
        panel = (MARGIN - 20, panel_top, CARD_SIZE - MARGIN + 19, bottom)  # PIL draws the right edge too
        stack(big, panel_top + 24, True, "figure", indent=20)
        stack(context, panel_top + 24 + big.height + 8, False, "context", indent=20)
        bottom = panel_top - 36
    top = BAND + 44
    message = fit(card.message, regular, width, bottom - top, range(52, 23, -2), 1.32, card.reply, "message")
    stack(message, top, False, "message")
    return Layout(placed, panel)


def render(card: CardText, font_paths: tuple[Path, Path] | None = None) -> bytes:
    """The card as a 1080×1080 PNG."""
    from PIL import Image, ImageDraw

    regular, bold = font_paths or fonts()
    placed = layout(card, regular, bold)
    image = Image.new("RGB", (CARD_SIZE, CARD_SIZE), COLOURS["background"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_SIZE, BAND), fill=COLOURS["band"])
    if placed.panel:
        draw.rounded_rectangle(placed.panel, radius=22, fill=COLOURS["panel"])
    for line in placed.lines:
        draw.text((line.x, line.y), line.text, font=_font(bold if line.bold else regular, line.size),
                  fill=COLOURS[line.colour])
    out = io.BytesIO()  # a palette keeps the antialiased text and halves the file
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    return out.getvalue()


def social_cards(library: Library, myth: str, language: str) -> list[tuple[Response, CardText]]:
    """The card of each social reply of a myth in one of the library's languages."""
    if myth not in library.myths:
        raise CounterError(f"unknown myth '{myth}'; choose one of {', '.join(library.myths)}")
    return [(r, card_text(library, myth, r, language)) for r in library.responses(myth, language)
            if r.register_ == "social"]

"""Training examples: real posts of a myth or target group, redacted and paired with the counter library's
responses, for media trainers; exported as a PDF handout (one example per page) or as 1920×1080 slide images.

An example is a stored post that carries a myth of the library or is xenophobic (hate=hateful among
migration=migration), most engaged first, one per distinct text. What leaves Vigía is redacted: handles, names of
private persons, e-mails, phone numbers, identity documents and links (vigia.privacy.redact), and the author's raw handle;
no author, no social-post URL (news URLs stay), no post id.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from nlp.taxonomy import TaxonomyError, myth_names
from vigia.counter.choice import reason
from vigia.counter.library import LIBRARY_LANGUAGES, Library, load_library
from vigia.errors import ConfigError, InputError, VigiaError
from vigia.exports.registry import ExportRegistry
from vigia.i18n import text
from vigia.model import Post
from vigia.privacy import audit
from vigia.privacy.redact import redact
from vigia.settings import Settings
from vigia.store import Filters, SearchQuery, Store

FORMATS = ("pdf", "zip")
SLIDE_SIZE = (1920, 1080)
SCAN_LIMIT = 2000  # posts read at most to find the examples
PAGE_SIZE = 200
HANDOUT_REPLIES = 3  # the chooser's best replies shown per example
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"),)  # Debian's fonts-dejavu-core
# Debian's fonts-symbola: outline emoji a PDF can embed (fonts-noto-color-emoji is a bitmap font fpdf cannot)
EMOJI_FONTS = (Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),)


def label(key: str, language: str) -> str:
    """A word of the handout and the slides (the catalogue's `training_examples` section) in `language`."""
    return text(f"training_examples.{key}", language)


@dataclass
class PairedResponse:
    """A reply chosen for the example (vigia.counter.choice), with the citations of its sources and why it was
    chosen ("Brasil · pt · bolivianos", in the handout's language)."""

    myth: str
    myth_name: str
    register: str
    text: str
    citations: list[str]
    why: str = ""


@dataclass
class Example:
    """A post as it may be shown to trainers and exported: redacted, without author or social-post URL."""

    id: str  # the post id: for the console's choices and the export registry, never printed in an export
    text: str
    title: str | None
    created_at: datetime
    platform: str
    country: str | None
    language: str | None
    url: str | None  # news articles only
    myths: list[str]
    myth_names: list[str]
    targets: list[str]
    target_names: list[str]
    engagement: int
    xenophobic: bool
    synthetic: bool
    responses: list[PairedResponse] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.created_at.strftime("%Y-%m-%d")


def is_xenophobic(post: Post) -> bool:
    """hate=hateful among migration=migration, by the most recent label of each task."""
    hate, migration = post.label_for("hate"), post.label_for("migration")
    return bool(hate and hate.label == "hateful" and migration and migration.label == "migration")


def redact_post_text(text: str | None, post: Post) -> str | None:
    """The text with vigia.privacy.redact's placeholders (handles, names, phones, e-mails, links); also the author's and
    the mentioned handles written without '@'."""
    if not text:
        return text
    handles = {h for h in re.findall(r"(?<![\w@])@([\w.]*\w)", text) if len(h) >= 3}  # also where written bare
    author = (post.author_raw or "").lstrip("@").split("@")[0]
    if len(author) >= 3:
        handles.add(author)
    for handle in sorted(handles, key=len, reverse=True):
        text = re.sub(rf"(?<![\w@.]){re.escape(handle)}(?![\w@])", "[USER]", text, flags=re.IGNORECASE)
    return redact(text) or ""


def _dedup_key(text: str) -> str:
    words = re.sub(r"\W+", " ", text.casefold()).strip()
    return re.sub(r"^rt (?:user )?", "", words)


def _names(path: Path, section: str) -> dict[str, dict[str, str]]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None
    items = data.get(section) if isinstance(data, dict) else None
    if not isinstance(items, dict):
        raise ConfigError(f"{path}: field '{section}': expected a mapping of ids")
    return {key: (spec or {}).get("name") or {} for key, spec in items.items()}


class Gallery:
    """Finds, redacts and pairs the examples; knows the myths' and groups' names in each language."""

    def __init__(self, settings: Settings, library: Library | None = None):
        self.settings = settings
        self.library = library or load_library(taxonomy_path=settings.myth_taxonomy_path)
        self._responder = None
        try:
            self.myth_names = myth_names(settings.myth_taxonomy_path)
        except TaxonomyError as exc:
            raise ConfigError(str(exc)) from None
        self.group_names = _names(settings.lexicon_path, "groups")

    def myth_name(self, myth: str, language: str) -> str:
        names = self.myth_names.get(myth, {})
        return names.get(language) or names.get("es") or myth

    def group_name(self, group: str, language: str) -> str:
        names = self.group_names.get(group, {})
        return names.get(language) or names.get("es") or group

    def check(self, myth: str | None, target: str | None) -> None:
        """InputError unless at least one of a known myth or a known target group is given."""
        if not myth and not target:
            raise InputError("choose a myth or a target group for the examples")
        if myth and myth not in self.library.myths:
            raise InputError(f"unknown myth '{myth}'; use one of {', '.join(self.library.myths)}")
        if target and target not in self.group_names:
            raise InputError(f"unknown target group '{target}'; use one of {', '.join(self.group_names)}")

    def examples(self, store: Store, myth: str | None = None, target: str | None = None, language: str = "es",
                 limit: int = 6, filters: Filters | None = None) -> list[Example]:
        """The `limit` most engaged distinct examples of a myth and/or target group, redacted and paired."""
        self.check(myth, target)
        language = language if language in LIBRARY_LANGUAGES else "es"
        base = filters or Filters()
        chosen = base.model_copy(update={"myths": [myth] if myth else base.myths,
                                         "targets": [target] if target else base.targets})
        found: list[Example] = []
        seen: set[str] = set()
        offset = 0
        while len(found) < limit and offset < SCAN_LIMIT:
            page = store.search(SearchQuery(filters=chosen, sort="engagement", limit=PAGE_SIZE, offset=offset))
            for post in page.posts:
                if post.text_removed_at or not (post.text or "").strip():
                    continue
                in_library = [m for m in post.myths if m in self.library.myths]
                if not in_library and not is_xenophobic(post):
                    continue
                example = self.example(post, language, lead_myth=myth, lead_target=target)
                key = _dedup_key(f"{example.title or ''} {example.text}")
                if key in seen:
                    continue
                seen.add(key)
                found.append(example)
                if len(found) >= limit:
                    break
            offset += PAGE_SIZE
            if offset >= page.total:
                break
        return found

    def example(self, post: Post, language: str, lead_myth: str | None = None,
                lead_target: str | None = None) -> Example:
        """One post redacted, with the responses for its myths (the lead myth first) in `language`."""
        myths = sorted(post.myths, key=lambda m: m != lead_myth)
        targets = sorted(post.targets, key=lambda g: g != lead_target)
        return Example(
            id=post.id, text=redact_post_text(post.text, post) or "", title=redact_post_text(post.title, post),
            created_at=post.created_at, platform=post.platform, country=post.country, language=post.language,
            url=post.url if post.platform == "news" else None,
            myths=myths, myth_names=[self.myth_name(m, language) for m in myths],
            targets=targets, target_names=[self.group_name(g, language) for g in targets],
            engagement=post.engagement.total, xenophobic=is_xenophobic(post),
            synthetic=post.provenance.synthetic, responses=self.responses(post, language))

    @property
    def responder(self):
        """The chooser's responder (the same as `vigia respond`'s and Explorar's), loaded on first use."""
        if self._responder is None:
            from vigia.counter.matching import Responder

            self._responder = Responder(self.settings, library=self.library)
        return self._responder

    def responses(self, post: Post, language: str) -> list[PairedResponse]:
        """The replies the chooser gives the post (its language, country, target groups and myths), best first;
        none for a post that carries no myth of the library."""
        labelled = [lab.label for lab in post.labels if lab.task == "myth"]
        if not any(m in self.library.myths for m in labelled or post.myths):
            return []
        suggestion = self.responder.suggest_post(post, limit=HANDOUT_REPLIES)
        return [PairedResponse(r.myth, self.myth_name(r.myth, language), r.register, r.text,
                               [s["citation"] for s in r.sources],
                               reason(r.country, r.language, r.target, language, self.settings.lexicon_path))
                for r in suggestion.responses]


# ----------------------------------------------------------------------------------------------------------
# Fonts


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold: Debian's fonts-dejavu-core, else the copy matplotlib ships."""
    folders = list(FONT_FOLDERS)
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    for folder in folders:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    raise ConfigError("no Unicode font for the training examples: install Debian's fonts-dejavu-core "
                      "(apt-get install fonts-dejavu-core)")


def emoji_font() -> Path | None:
    """Symbola (Debian's fonts-symbola), which the PDF falls back to for emoji; None when it is not installed."""
    return next((path for path in EMOJI_FONTS if path.is_file()), None)


# ----------------------------------------------------------------------------------------------------------
# Text of an example, as both formats print it


def meta_line(example: Example, language: str) -> str:
    unknown = label("unknown", language)
    parts = [f"{label('target', language)}: {', '.join(example.target_names) or unknown}",
             f"{label('date', language)}: {example.date}",
             f"{label('country', language)}: {example.country or unknown}",
             f"{label('platform', language)}: {example.platform}"]
    return " · ".join(parts)


def footer_line(example: Example, language: str) -> str:
    return label("redacted", language) + (" " + label("synthetic", language) if example.synthetic else "")


def slide_text(example: Example, language: str) -> dict[str, Any]:
    """Every piece of text a slide draws (what `write_slides` renders, nothing else)."""
    response = next((r for r in example.responses if r.register == "social"),
                    example.responses[0] if example.responses else None)
    return {
        "heading": label("heading", language),
        "myth": " · ".join(example.myth_names) or label("xenophobic", language),
        "meta": meta_line(example, language),
        "post": " — ".join(p for p in (example.title, example.text) if p),
        "response_label": (f"{label('response', language)} · {label('register.' + response.register, language)}"
                           if response else label("response", language)),
        "response": response.text if response else label("no_responses", language),
        "citations": [f"{label('source', language)}: {c}" for c in (response.citations if response else [])],
        "footer": footer_line(example, language),
    }


# ----------------------------------------------------------------------------------------------------------
# PDF


def write_pdf(examples: Iterable[Example], language: str) -> bytes:
    """A PDF handout: one example per page (longer ones run on), responses with citations, a redaction footer."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = font_files()

    class Handout(FPDF):
        note = ""

        def header(self) -> None:
            self.set_font("DejaVu", "", 8)
            self.set_text_color(110)
            self.cell(0, 5, label("heading", language), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("DejaVu", "", 7.5)
            self.set_text_color(110)
            self.multi_cell(0, 3.6, f"{self.note}  ({self.page_no()})", align="L", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)

    pdf = Handout(format="A4")
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    emoji = emoji_font()
    if emoji is not None:
        pdf.add_font("Symbola", "", str(emoji))
        pdf.set_fallback_fonts(["Symbola"], exact_match=False)
    pdf.set_title(label("heading", language))
    pdf.set_creator("Vigía")

    def paragraph(text: str, size: float, style: str = "", gray: int = 0, height: float | None = None,
                  fill: bool = False) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(gray)
        pdf.multi_cell(0, height or size * 0.5, text, fill=fill, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    count = 0
    for example in examples:
        pdf.add_page()
        pdf.note = footer_line(example, language)  # after add_page: the previous page's footer is written
        count += 1
        paragraph(f"{label('myth', language)}: {' · '.join(example.myth_names)}" if example.myth_names
                  else label("xenophobic", language), 15, "B", height=7.5)
        paragraph(meta_line(example, language), 9.5, gray=70)
        pdf.ln(4)
        paragraph(label("post", language), 10, "B", gray=70)
        pdf.set_fill_color(242, 242, 242)
        if example.title:
            paragraph(example.title, 12, "B", height=6, fill=True)
        paragraph(example.text, 12, height=6, fill=True)
        if example.url:
            paragraph(f"{label('article', language)}: {example.url}", 8.5, gray=70)
        pdf.ln(5)
        paragraph(label("responses", language), 13, "B", height=7)
        if not example.responses:
            paragraph(label("no_responses", language), 10.5, gray=70)
        for response in example.responses:
            pdf.ln(2)
            heading = label(f"register.{response.register}", language)
            if len(set(example.myths)) > 1:
                heading += f" · {response.myth_name}"
            if response.why:
                heading += f" · {label('chosen_for', language)}: {response.why}"
            paragraph(heading, 9.5, "B", gray=90)
            paragraph(response.text, 11, height=5.5)
            for citation in response.citations:
                paragraph(f"{label('source', language)}: {citation}", 8, gray=100, height=4)
    if count == 0:
        raise InputError("no examples to export")
    return bytes(pdf.output())


# ----------------------------------------------------------------------------------------------------------
# Slides


def _font(path: Path | None, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Lines of at most `width` pixels; a word longer than a line is cut."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate, font=font) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while draw.textlength(word, font=font) > width:
                cut = max(1, int(len(word) * width / draw.textlength(word, font=font)) - 1)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fit(draw, text: str, path: Path | None, width: int, height: int, sizes: Iterable[int],
         spacing: float = 1.3) -> tuple[Any, list[str], int]:
    """The largest font size whose wrapped text fits the box; at the smallest, the text is cut with '…'."""
    for size in sizes:
        font = _font(path, size)
        lines = _wrap(draw, text, font, width)
        step = int(size * spacing)
        if len(lines) * step <= height:
            return font, lines, step
    keep = max(1, height // step)
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" .,;") + " …"
    return font, lines, step


def render_slide(example: Example, language: str, fonts: tuple[Path | None, Path | None]) -> bytes:
    """One 1920×1080 PNG: myth, meta line, the redacted post, one response with its sources, the footer."""
    from PIL import Image, ImageDraw

    regular, bold = fonts
    text = slide_text(example, language)
    width, height = SLIDE_SIZE
    margin = 110
    inner = width - 2 * margin
    image = Image.new("RGB", SLIDE_SIZE, "white")
    draw = ImageDraw.Draw(image)

    draw.rectangle((0, 0, width, 200), fill=(122, 28, 36))
    draw.text((margin, 34), text["heading"], font=_font(regular, 26), fill=(240, 215, 215))
    font, lines, step = _fit(draw, text["myth"], bold, inner, 110, (54, 46, 40, 34))
    for i, line in enumerate(lines[:2]):
        draw.text((margin, 78 + i * step), line, font=font, fill="white")
    draw.text((margin, 222), text["meta"], font=_font(regular, 28), fill=(80, 80, 80))

    box_top, box_bottom = 290, 640
    draw.rounded_rectangle((margin - 30, box_top, width - margin + 30, box_bottom), radius=24, fill=(241, 241, 241))
    font, lines, step = _fit(draw, text["post"], regular, inner - 20, box_bottom - box_top - 60,
                             (46, 42, 38, 34, 30, 27, 24))
    for i, line in enumerate(lines):
        draw.text((margin, box_top + 30 + i * step), line, font=font, fill=(20, 20, 20))

    draw.text((margin, 670), text["response_label"], font=_font(bold, 30), fill=(122, 28, 36))
    citations = "\n".join(text["citations"])
    font, lines, step = _fit(draw, text["response"], regular, inner, 200, (36, 33, 30, 27, 24))
    for i, line in enumerate(lines):
        draw.text((margin, 720 + i * step), line, font=font, fill=(20, 20, 20))
    font, lines, step = _fit(draw, citations, regular, inner, 70, (22, 20, 18), spacing=1.2)
    for i, line in enumerate(lines):
        draw.text((margin, 935 + i * step), line, font=font, fill=(90, 90, 90))

    font, lines, step = _fit(draw, text["footer"], regular, inner, 50, (22, 20, 18), spacing=1.2)
    for i, line in enumerate(lines):
        draw.text((margin, height - 60 + i * step - (len(lines) - 1) * step), line, font=font, fill=(110, 110, 110))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_slides(examples: Iterable[Example], language: str) -> bytes:
    """A zip of slide-ready PNG images, one per example, numbered in order."""
    try:
        fonts: tuple[Path | None, Path | None] = font_files()
    except ConfigError:
        fonts = (None, None)  # Pillow's own font still draws the slide
    out = io.BytesIO()
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:  # PNGs are compressed already
        for count, example in enumerate(examples, 1):
            archive.writestr(f"ejemplo-{count:02d}.png", render_slide(example, language, fonts))
    if count == 0:
        raise InputError("no examples to export")
    return out.getvalue()


# ----------------------------------------------------------------------------------------------------------
# Files and the audit trail


def output_format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"{path}: the output must end in .pdf (handout) or .zip (slide images)")
    return fmt


def render(examples: Iterable[Example], fmt: str, language: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    return write_pdf(examples, language) if fmt == "pdf" else write_slides(examples, language)


def write_file(content: bytes, path: Path) -> None:
    """Write atomically: a crash never leaves half a handout."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(content)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def record_export(settings: Settings, examples: list[Example], destination: str, fmt: str,
                  selection: dict[str, Any], who: str | None = None) -> str:
    """Note the export in the export registry (so an erasure finds it) and in the audit log; its export id."""
    if not examples:
        raise VigiaError("no examples to export")
    registry = ExportRegistry(settings.data_dir)
    export_id, passing = registry.recording(examples)  # type: ignore[arg-type]  # needs only .id
    for _ in passing:
        pass
    details = {"export_id": export_id, "kind": "training_examples", "path": destination, "format": fmt,
               "raw": False, "posts": len(examples), "selection": selection}
    registry.register(**details)
    audit.record(settings.data_dir, "training_examples", details, who=who)
    return export_id

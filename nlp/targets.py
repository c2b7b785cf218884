"""Target-group, migration-term and slur detection: a spaCy component over the gazetteer in data/lexicons/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vigia.text import fold

NAME = "vigia.target_ruler"
VERSION = "1"
SPAN_KEY = "vigia_cues"

if not Span.has_extension("vigia_cue"):
    Span.set_extension("vigia_cue", default=None)


@dataclass(frozen=True)
class CueInfo:
    kind: str  # target | migration_term | slur | stigmatizing_term
    group: str | None = None
    neutral: str | None = None


def load_gazetteer(path: Path) -> dict[str, list[tuple[str, CueInfo]]]:
    """`{language: [(form, info), …]}` from the YAML lexicon."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read lexicon {path}: {exc}") from None
    entries: dict[str, list[tuple[str, CueInfo]]] = {}

    def add(lang: str, forms: list[str], info: CueInfo) -> None:
        entries.setdefault(lang, []).extend((form, info) for form in forms)

    for group, spec in (data.get("groups") or {}).items():
        for lang, forms in (spec.get("terms") or {}).items():
            add(lang, forms, CueInfo("target", group))
    for lang, forms in (data.get("migration_terms") or {}).items():
        add(lang, forms, CueInfo("migration_term"))
    for slur in data.get("slurs") or []:
        neutral = (slur.get("neutral") or {}).get(slur["lang"])
        add(slur["lang"], slur.get("forms") or [slur["term"]], CueInfo("slur", slur.get("group"), neutral))
    for term in data.get("stigmatizing_terms") or []:
        alternative = (term.get("alternative") or {}).get(term["lang"])
        add(term["lang"], term.get("forms") or [term["term"]], CueInfo("stigmatizing_term", None, alternative))
    return entries


class TargetRuler:
    """Marks gazetteer matches as spans in `doc.spans["vigia_cues"]`, each with `span._.vigia_cue`."""

    def __init__(self, nlp: Language, lexicon_path: str):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.infos: dict[int, CueInfo] = {}
        patterns: dict[CueInfo, set[str]] = {}
        for forms in load_gazetteer(Path(lexicon_path)).values():
            for form, info in forms:
                patterns.setdefault(info, set()).add(form)
        for index, (info, forms) in enumerate(patterns.items()):
            key = f"cue{index}"
            self.infos[nlp.vocab.strings.add(key)] = info
            self.matcher.add(key, [self._fold(nlp.make_doc(form)) for form in sorted(forms)])

    @staticmethod
    def _fold(doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = fold(token.text)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        self._fold(doc)
        by_kind: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            info = self.infos[match_id]
            span = Span(doc, start, end, label=info.kind)
            span._.vigia_cue = info
            by_kind.setdefault(info.kind, []).append(span)
        spans = [s for kind_spans in by_kind.values() for s in filter_spans(kind_spans)]
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.label_))
        return doc


@Language.factory("vigia_target_ruler", default_config={"lexicon_path": ""})
def make_target_ruler(nlp: Language, name: str, lexicon_path: str) -> TargetRuler:
    return TargetRuler(nlp, lexicon_path)


def build_pipeline(lexicon_path: Path) -> Language:
    """A blank multilingual pipeline with the target ruler."""
    nlp = spacy.blank("xx")
    nlp.add_pipe("vigia_target_ruler", config={"lexicon_path": str(lexicon_path)})
    return nlp

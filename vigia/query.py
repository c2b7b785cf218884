"""The search syntax every store and the highlighter share: words (all must occur), "phrases" and prefix*."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_TOKEN = re.compile(r'"[^"]+"|[\w*]+', re.UNICODE)


@dataclass(frozen=True)
class Term:
    kind: Literal["word", "phrase", "prefix"]
    text: str  # as typed, without quotes or the trailing *


def parse(query: str | None) -> list[Term]:
    """The terms of a user query; characters with no meaning here are ignored, never an error."""
    terms = []
    for token in _TOKEN.findall(query or ""):
        if token.startswith('"'):
            kind = "phrase"
        elif token.endswith("*"):
            kind = "prefix"
        else:
            kind = "word"
        body = token.strip('"').replace("*", " ").replace('"', "").strip()
        if body:
            terms.append(Term(kind, body))
    return terms

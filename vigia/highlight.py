"""Which parts of a post matched a search: the same for every store, folding case and diacritics."""

from __future__ import annotations

import re

from vigia.query import parse
from vigia.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def matches(text: str, query: str | None) -> list[tuple[int, int]]:
    """Character spans of `text` that match the query's words, "phrases" and prefix* terms, in order."""
    if not query or not text:
        return []
    words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    spans: set[tuple[int, int]] = set()
    for term in parse(query):
        wanted = [fold(w) for w in _WORD.findall(term.text)]
        if not wanted:
            continue
        for i in range(len(words) - len(wanted) + 1):
            window = words[i:i + len(wanted)]
            if term.kind == "prefix":
                hit = window[0][2].startswith(wanted[0])
            else:
                hit = [w[2] for w in window] == wanted
            if hit:
                spans.add((window[0][0], window[-1][1]))
    return sorted(spans)


def snippet(text: str, query: str | None, width: int = 160, mark: tuple[str, str] = ("[", "]")) -> str:
    """A window of `text` around the first match, with matches wrapped in `mark`."""
    spans = matches(text, query)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    out, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [text[cursor:s], mark[0], text[s:e], mark[1]]
        cursor = e
    out.append(text[cursor:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")

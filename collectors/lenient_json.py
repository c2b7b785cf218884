"""JSON answers with one broken record (GDELT's artlist): repaired the way GDELT clients do, and the
records that cannot be repaired set apart, so that one record never costs the others.

Repairs, in order: raw control characters inside strings are accepted (`json.loads(strict=False)`); an
invalid escape is replaced by a space, as gdeltdoc's `load_json` does (bounded). When the whole answer still
cannot be read, the records of its list are cut apart by their braces and read one by one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_REPAIRS = 20
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REPAIRABLE = ("Invalid \\escape", "Invalid \\uXXXX escape")


@dataclass
class Record:
    """One record of the list: its value, or why it could not be read, and whether it was repaired."""

    raw: str
    value: Any = None
    error: str | None = None
    repaired: bool = False


def loads_repaired(text: str) -> tuple[Any, bool]:
    """The JSON value of `text` and whether it needed a repair; JSONDecodeError when it cannot be repaired."""
    repaired = False
    for _ in range(MAX_REPAIRS + 1):
        try:
            value = json.loads(text, strict=False)
        except json.JSONDecodeError as exc:
            if not exc.msg.startswith(REPAIRABLE):
                raise
            text = text[:exc.pos] + " " + text[exc.pos + 1:]
            repaired = True
            continue
        try:
            json.loads(text)
        except json.JSONDecodeError:
            repaired = True  # raw control characters were accepted
        return value, repaired
    raise json.JSONDecodeError("too many invalid escapes", text, 0)


def split_list(text: str, key: str) -> list[str] | None:
    """The raw text of each object in the top-level list `key`, cut by brace depth (strings respected)."""
    match = re.search(rf'"{re.escape(key)}"\s*:\s*\[', text)
    if not match:
        return None
    chunks, depth, start, in_string, escaped = [], 0, None, False, False
    for index in range(match.end(), len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char == "{":
            if depth == 0:
                start = index
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                chunks.append(text[start:index + 1])
                start = None
        elif char == "]" and depth == 0:
            break
    if start is not None:
        chunks.append(text[start:])  # cut off mid-record
    return chunks


def read_records(text: str, key: str) -> list[Record]:
    """Every record of the list `key` in a JSON object; ValueError when the answer has no such list at all."""
    try:
        data, repaired = loads_repaired(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        return [Record(json.dumps(item, ensure_ascii=False)[:5000], value=item, repaired=repaired)
                for item in data.get(key) or []]
    if data is not None:
        raise ValueError(f"expected a JSON object with '{key}'")
    chunks = split_list(text, key)
    if chunks is None:
        raise ValueError(f"not valid JSON and no '{key}' list in it")
    records = []
    for chunk in chunks:
        try:
            value, repaired = loads_repaired(chunk)
            records.append(Record(chunk, value=value, repaired=repaired))
        except json.JSONDecodeError as exc:
            records.append(Record(chunk, error=f"not valid JSON: {exc.msg} at character {exc.pos}"))
    return records


def without_controls(value: Any) -> Any:
    """A string with control characters dropped (other values as they are)."""
    return CONTROL.sub("", value) if isinstance(value, str) else value

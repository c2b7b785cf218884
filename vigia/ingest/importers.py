"""Read CSV, JSONL and NDJSON files into raw records, renamed by a column mapping (an import profile)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vigia.ingest.encodings import codec_name, file_encoding
from vigia.errors import InputError
from vigia.ingest.pipeline import Unreadable
from vigia.model import IncomingPost

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
LIST_FIELDS = {"links", "media", "targets", "myths", "hashtags", "mentions"}
MAX_DEPTH = 64  # levels of nesting in one JSON record; deeper is no export format, and would exhaust the stack
ZONE_ABBREVIATIONS = {"UTC": "+00:00", "GMT": "+00:00", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00",
                      "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00"}
FIELDS = set(IncomingPost.model_fields) | {f"engagement.{k}" for k in ("likes", "shares", "replies", "views")}


@dataclass
class Profile:
    """How a file's columns become an incoming post's fields."""

    name: str
    mapping: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    timezone: str | None = None  # for dates without an offset (e.g. "2024-01-01 12:00:00"): their time zone
    lowercase: list[str] = field(default_factory=list)  # fields whose values are lower-cased (e.g. platform)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.mapping.values()) - FIELDS)
        if unknown:
            raise InputError(f"import profile '{self.name}' maps to unknown fields: {', '.join(unknown)}")

    @classmethod
    def load(cls, name_or_path: str, profiles_dir: Path) -> Profile:
        path = Path(name_or_path)
        if not path.suffix:
            path = profiles_dir / f"{name_or_path}.yaml"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in profiles_dir.glob("*.yaml")))
            raise InputError(f"no import profile '{name_or_path}' (known: {known})")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"cannot read import profile {path}: {exc}") from None
        return cls(name=data.get("name", path.stem), mapping=data.get("mapping") or {},
                   defaults=data.get("defaults") or {}, description=data.get("description", ""),
                   timezone=data.get("timezone"), lowercase=list(data.get("lowercase") or []))

    def with_overrides(self, mapping: dict[str, str], defaults: dict[str, Any]) -> Profile:
        return Profile(self.name, {**self.mapping, **mapping}, {**self.defaults, **defaults}, self.description,
                       self.timezone, self.lowercase)


class FileImporter:
    """Iterate `(ref, record)` pairs of one file; `unmapped` collects columns no field took."""

    def __init__(self, path: Path, profile: Profile, file_format: str | None = None, encoding: str | None = None):
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError(f"{self.path} does not exist or is not a file")
        if encoding is not None and codec_name(encoding) is None:
            raise InputError(f"--encoding: unknown encoding '{encoding}'")
        # What the file is read as, and how that was decided (the command says both).
        self.encoding, self.encoding_how = (encoding, "given with --encoding") if encoding else file_encoding(self.path)
        if self.encoding is None:  # rows that are not UTF-8 go to the quarantine, one by one
            self.encoding, self.encoding_how = "utf-8-sig", f"UTF-8 assumed: {self.encoding_how}"
        self.format = file_format or FORMATS.get(self.path.suffix.lower())
        if self.format not in ("csv", "jsonl"):
            raise InputError(f"cannot tell the format of {self.path.name}: use --format csv or jsonl")
        self.profile = profile
        self.unmapped: set[str] = set()

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        rows = self._csv_rows() if self.format == "csv" else self._json_rows()
        for ref, row in rows:
            yield ref, self._map(row) if isinstance(row, dict) else row

    def _csv_rows(self) -> Iterator[tuple[str, Any]]:
        csv.field_size_limit(sys.maxsize)
        with self.path.open(encoding=self.encoding, errors="surrogateescape", newline="") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                ref = f"{self.path.name} line {reader.line_num}"
                bad = [k for k, v in row.items() if isinstance(v, str) and _has_surrogates(v)]
                if bad:
                    yield ref, Unreadable(bad[0], f"not valid {self.encoding} text", _printable(row))
                elif None in row:
                    yield ref, Unreadable(None, f"{len(row[None])} more cells than columns", _printable(row))
                else:
                    yield ref, {k: _cell(k, v, self.profile) for k, v in row.items() if k is not None and v not in ("", None)}

    def _json_rows(self) -> Iterator[tuple[str, Any]]:
        with self.path.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                ref = f"{self.path.name} line {number}"
                try:
                    record = json.loads(line.decode(self.encoding))
                except UnicodeDecodeError:
                    yield ref, Unreadable(None, f"line is not valid {self.encoding}", repr(line[:2000]))
                    continue
                except json.JSONDecodeError as exc:
                    yield ref, Unreadable(None, f"not valid JSON: {exc.msg} at column {exc.colno}",
                                          line.decode(self.encoding, "replace"))
                    continue
                except RecursionError:
                    yield ref, Unreadable(None, "JSON nested too deeply to read", repr(line[:2000]))
                    continue
                if _depth(record) > MAX_DEPTH:
                    yield ref, Unreadable(None, f"JSON nested more than {MAX_DEPTH} levels deep", repr(line[:2000]))
                else:
                    yield ref, record

    def _map(self, row: dict[str, Any]) -> dict[str, Any]:
        record: dict[str, Any] = dict(self.profile.defaults)
        for key, value in row.items():
            target = self.profile.mapping.get(key, key)
            if target not in FIELDS:
                self.unmapped.add(key)
                continue
            if target.startswith("engagement."):
                record.setdefault("engagement", {})[target.split(".", 1)[1]] = value
            else:
                record[target] = value
        for name in self.profile.lowercase:
            if isinstance(record.get(name), str):
                record[name] = record[name].strip().lower()
        if self.profile.timezone and isinstance(record.get("created_at"), str):
            record["created_at"] = _with_timezone(record["created_at"], self.profile.timezone)
        return record


def _cell(column: str, value: str, profile: Profile) -> Any:
    target = profile.mapping.get(column, column)
    if target in LIST_FIELDS:
        if value.startswith("["):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return value  # validation names the field
        return [part.strip() for part in value.split("|") if part.strip()]
    if target in ("labels", "engagement") and value.startswith(("[", "{")):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _with_timezone(value: str, zone: str) -> str:
    """A date written without an offset, read in the profile's time zone; anything else is left as it is."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = value.strip()
    words = text.rsplit(" ", 1)
    if len(words) == 2 and words[1].upper() in ZONE_ABBREVIATIONS:  # "2021-03-01 14:00:00 EST" (CrowdTangle)
        text = f"{words[0]}{ZONE_ABBREVIATIONS[words[1].upper()]}"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return value
    if parsed.tzinfo is not None:
        return parsed.isoformat()
    try:
        return parsed.replace(tzinfo=ZoneInfo(zone)).isoformat()
    except ZoneInfoNotFoundError:
        raise InputError(f"import profile: unknown timezone '{zone}'") from None


def _depth(value: Any) -> int:
    """Levels of nesting of a JSON value (iterative: a deep value must not exhaust the stack here either)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _printable(row: dict) -> dict:
    def text(value: Any) -> Any:
        if isinstance(value, list):
            return [text(v) for v in value]
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if isinstance(value, str) else value
    return {str(k): text(v) for k, v in row.items()}

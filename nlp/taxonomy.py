"""The migration-myth taxonomy (data/myths/taxonomy.yaml, or settings.myth_taxonomy_path): each myth's name,
typical claim and cue phrases per language. One reader, kept per version of the file, for the myth detector and the
stacked myth head here, and in vigia for the counter library, the console, the documents and the checks (it needs
nothing but PyYAML, so importing it loads no model)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml


class TaxonomyError(ValueError):
    """The taxonomy cannot be read or holds no mapping of myths; the message names the file and the field."""


def read_taxonomy(path: Path | str) -> Mapping[str, dict]:
    """Each myth's entry by id, in the file's order (parsed again only when the file's content changes; the entries
    are shared: do not modify them)."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: file not found") from None
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None
    return _parse(path, content)


@functools.lru_cache(maxsize=8)
def _parse(path: Path, content: bytes) -> Mapping[str, dict]:
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict) or not isinstance(data.get("myths"), dict):
        raise TaxonomyError(f"{path}: field 'myths': expected a mapping of myth ids")
    return MappingProxyType(data["myths"])


def myth_ids(path: Path | str) -> list[str]:
    """The myths' ids, in the file's order."""
    return list(read_taxonomy(path))


def myth_names(path: Path | str) -> dict[str, dict[str, str]]:
    """Each myth's name per language ({} for a myth without one)."""
    return {myth: dict((spec or {}).get("name") or {}) for myth, spec in read_taxonomy(path).items()}

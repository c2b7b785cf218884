"""Saved searches: a named text and filter set, one person's or shared with the team, kept in
data_dir/saved_searches.json; one may carry an alert rule that `vigia alerts run` evaluates."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vigia.errors import InputError
from vigia.store import Filters, SearchQuery

RULES = ("none", "new", "daily_over")


class SavedSearch(BaseModel):
    """A search as Explorar runs it, without its period; `rule`: none, every new matching post ("new"), or more
    than `threshold` matching posts a day ("daily_over")."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=lambda: secrets.token_hex(6))
    name: str = Field(min_length=1, max_length=120)
    owner: str
    shared: bool = False
    text: str | None = None
    filters: Filters = Field(default_factory=Filters)
    rule: Literal["none", "new", "daily_over"] = "none"
    threshold: int = Field(default=0, ge=0)
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))

    @model_validator(mode="after")
    def _no_period(self) -> SavedSearch:
        self.filters = self.filters.model_copy(update={"since": None, "until": None})
        self.text = (self.text or "").strip() or None
        return self

    def query(self, since: datetime, until: datetime, limit: int = 1) -> SearchQuery:
        """The search over since..until (until exclusive)."""
        return SearchQuery(text=self.text, filters=self.filters.model_copy(update={"since": since, "until": until}),
                           limit=limit)

    def visible_to(self, user: str) -> bool:
        return self.shared or self.owner == user


class SavedSearches:
    """The saved searches of one data_dir."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / "saved_searches.json"

    def all(self) -> list[SavedSearch]:
        if not self.path.is_file():
            return []
        entries = json.loads(self.path.read_text(encoding="utf-8"))
        searches = []
        for i, entry in enumerate(entries):
            try:
                searches.append(SavedSearch.model_validate(entry))
            except ValidationError as exc:
                error = exc.errors()[0]
                field = ".".join(str(part) for part in error["loc"]) or None
                raise InputError(f"{self.path} entry {i + 1}: field '{field}': {error['msg']}") from None
        return searches

    def visible_to(self, user: str) -> list[SavedSearch]:
        """The user's own searches and the shared ones, by name."""
        return sorted((s for s in self.all() if s.visible_to(user)), key=lambda s: (s.name.casefold(), s.id))

    def save(self, search: SavedSearch) -> SavedSearch:
        """Add the search, or replace the user's own search of the same name."""
        kept = [s for s in self.all() if not (s.owner == search.owner and s.name == search.name) and s.id != search.id]
        self._write(kept + [search])
        return search

    def delete(self, search_id: str, user: str) -> None:
        """Remove one of the user's own searches."""
        self._write([s for s in self.all() if not (s.id == search_id and s.owner == user)])

    def _write(self, searches: list[SavedSearch]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".saved_searches.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump([s.model_dump(mode="json") for s in searches], out, ensure_ascii=False, indent=1)
        os.replace(temporary, self.path)

"""Each console user's language, remembered across sessions in `<data_dir>/console/preferences.json`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ui.state import settings

LANGUAGE = "ui_language"


def _path() -> Path:
    return settings().data_dir / "console" / "preferences.json"


def _read() -> dict:
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def saved_language(username: str) -> str | None:
    return (_read().get(username) or {}).get("language")


def save_language(username: str, language: str) -> None:
    """Remember a user's language (written whole, so a crash never leaves half a file)."""
    preferences = _read()
    preferences.setdefault(username, {})["language"] = language
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(preferences, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)

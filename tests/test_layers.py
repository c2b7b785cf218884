"""Data flows one way: nlp and the store never import each other, the collectors or the console."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "nlp": ("vigia.store", "collectors", "ui"),
    "vigia/store": ("nlp", "collectors", "ui"),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_import_crosses_the_layers(folder: str):
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / folder).rglob("*.py")
        for name in imported(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[folder])
    }
    assert not offenders

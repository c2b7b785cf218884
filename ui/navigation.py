"""The console's pages: every file in ui/pages/ that declares a PAGE header, in its declared order."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    path: Path
    order: int
    icon: str
    role: str
    title: dict[str, str]

    @property
    def url_path(self) -> str:
        return self.path.stem


def _header(path: Path) -> dict | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGE" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def pages(folder: Path = PAGES) -> list[PageSpec]:
    """Each page's header: `PAGE = {"order": 1, "icon": ..., "role": "viewer", "title": {"es": ..., ...}}`."""
    found = []
    for path in sorted(folder.glob("*.py")):
        header = _header(path)
        if header is not None:
            found.append(PageSpec(path=path, **header))
    return sorted(found, key=lambda spec: spec.order)

"""The console's pages: every file in ui/pages/ that declares a PAGE header, in its declared order; a page's title
is `<file name>.title` in the catalogue (vigia/locales/)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from vigia.i18n import translations

PAGES = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    path: Path
    order: int
    icon: str
    role: str

    @property
    def title(self) -> dict[str, str]:
        """The page's title in each language."""
        return translations(f"{self.url_path}.title")

    @property
    def url_path(self) -> str:
        return self.path.stem


def _header(path: Path) -> dict | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGE" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def pages(folder: Path = PAGES) -> list[PageSpec]:
    """Each page's header: `PAGE = {"order": 1, "icon": ":material/monitoring:", "role": "viewer"}`."""
    found = []
    for path in sorted(folder.glob("*.py")):
        header = _header(path)
        if header is not None:
            found.append(PageSpec(path=path, **header))
    return sorted(found, key=lambda spec: spec.order)

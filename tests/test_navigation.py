"""Every console page declares itself once, in its own file, and the console finds it."""

from __future__ import annotations

from pathlib import Path

from ui.navigation import PAGES, pages
from vigia.auth import ROLES


def test_every_page_file_declares_a_complete_header():
    specs = pages()
    assert {spec.path.name for spec in specs} == {p.name for p in PAGES.glob("*.py")}
    assert len({spec.order for spec in specs}) == len(specs), "two pages share an order"
    for spec in specs:
        assert spec.role in ROLES, spec.path.name
        assert set(spec.title) == {"es", "pt", "en"} and all(spec.title.values()), spec.path.name
        source = spec.path.read_text(encoding="utf-8")
        assert 'require_role(PAGE["role"])' in source or "open_page(PAGE, " in source, spec.path.name


def test_pages_come_in_their_declared_order(tmp_path: Path):
    (tmp_path / "b.py").write_text('PAGE = {"order": 1, "icon": "x", "role": "viewer"}\n')
    (tmp_path / "a.py").write_text('PAGE = {"order": 2, "icon": "x", "role": "admin"}\n')
    (tmp_path / "helper.py").write_text("X = 1\n")
    assert [(s.url_path, s.role) for s in pages(tmp_path)] == [("b", "viewer"), ("a", "admin")]

"""Data flows one way (ARCHITECTURE.md), read from the imports of every module, deferred ones included.

collectors -> vigia's pipeline and services -> store; nlp beside them; ui -> store and services; the command line
on top, imported by nothing but its entry point.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# folder (or module) -> the imports its modules may never make
FORBIDDEN = {
    "nlp": ("vigia.store", "collectors", "ui", "vigia.cli"),
    "vigia/store": ("nlp", "collectors", "ui", "vigia.cli"),
    # collectors hand items to the pipeline and keep checkpoints through vigia.ingest.crawl, never the store itself
    "collectors": ("vigia.cli", "vigia.store", "ui"),
    "ui": ("collectors", "vigia.cli"),
}
# the command line's own package, and `python -m vigia`, its entry point
CLI_ALLOWED = ("vigia/cli", "vigia/__main__.py")


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from vigia import cli`
    return names


def crosses(name: str, banned: tuple[str, ...]) -> bool:
    return any(name == b or name.startswith(b + ".") for b in banned)


def modules(where: str) -> list[Path]:
    path = ROOT / where
    return [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_import_crosses_the_layers(folder: str):
    offenders = sorted(f"{path.relative_to(ROOT)}: {name}" for path in modules(folder)
                       for name in imported(path) if crosses(name, FORBIDDEN[folder]))
    assert not offenders


def test_nothing_imports_the_command_line_but_its_entry_point():
    outside = [path for folder in ("vigia", "collectors", "ui", "nlp", "bench") for path in modules(folder)
               if not any(path.relative_to(ROOT).as_posix().startswith(allowed) for allowed in CLI_ALLOWED)]
    offenders = sorted(f"{path.relative_to(ROOT)}: {name}" for path in outside
                       for name in imported(path) if crosses(name, ("vigia.cli",)))
    assert not offenders


def test_the_services_never_import_the_collectors_or_the_console():
    services = [path for path in modules("vigia")
                if not any(path.relative_to(ROOT).as_posix().startswith(allowed) for allowed in CLI_ALLOWED)]
    offenders = sorted(f"{path.relative_to(ROOT)}: {name}" for path in services
                       for name in imported(path) if crosses(name, ("collectors", "ui")))
    assert not offenders


def test_no_command_imports_back_into_the_group():
    commands = [path for path in modules("vigia/cli") if path.name != "main.py"]
    offenders = sorted(f"{path.relative_to(ROOT)}: {name}" for path in commands
                       for name in imported(path) if crosses(name, ("vigia.cli.main",)) or name == "vigia.cli.cli")
    assert len(commands) > 10 and not offenders


def test_the_rules_see_a_crossing(tmp_path: Path):
    """The checker itself: deferred and `from vigia import cli` imports are seen (so the empty results mean something)."""
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from vigia.cli.main import cli\nimport collectors.base\nfrom vigia import cli\n",
                      encoding="utf-8")
    names = imported(module)
    assert {"collectors.base", "vigia.cli.main", "vigia.cli"} <= names
    assert crosses("vigia.cli.main", ("vigia.cli",)) and not crosses("vigia.client", ("vigia.cli",))

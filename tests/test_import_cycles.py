"""No loops of imports in the repository's packages: every `import` counts, at the top of a module or inside a
function (a deferred import hides an arrow from the reader, not from the design)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("vigia", "nlp", "collectors", "ui")
# The one loop left, being taken apart by issue 21 step 2 (the CLI as a package, no command importing back into
# it): vigia/cli/main.py imports every command module at its bottom and each imports `with_settings` from vigia/cli/main.py.
# Delete the entry when that lands; no other loop may join it.
KNOWN_LOOPS: list[list[str]] = []


def module_names() -> dict[str, Path]:
    """Dotted module name → file, for every module of PACKAGES."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of PACKAGES that `module` imports anywhere in its file (`from a import b` names the module
    a.b where there is one, else a)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in modules:  # `import a.b.c` of a non-module attribute: its nearest module
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {module: imported(module, path, modules) for module, path in modules.items()}


def test_the_import_graph_reads_top_level_deferred_and_relative_imports(tmp_path: Path):
    source = tmp_path / "b.py"
    source.write_text("import os\nfrom pkg import a\n\n\ndef later():\n    from pkg.c import thing\n"
                      "    from . import d\n    import pkg.e.name\n", encoding="utf-8")
    modules = {name: tmp_path / "x.py" for name in ("pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d", "pkg.e")}
    assert imported("pkg.b", source, modules) == {"pkg.a", "pkg.c", "pkg.d", "pkg.e"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert "nlp.labels" in import_graph()["nlp.xeno"]


def test_no_package_imports_itself_in_a_loop():
    loops = [loop for loop in cycles(import_graph()) if loop not in KNOWN_LOOPS]
    assert loops == [], "loops of imports: " + "; ".join(" ↔ ".join(loop) for loop in loops)


def test_nlp_has_no_loop_at_all():
    assert [loop for loop in cycles(import_graph()) if any(m.split(".")[0] == "nlp" for m in loop)] == []

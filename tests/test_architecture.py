"""STYLE L2: imports point one way. ``model`` and ``diagnostics`` import nothing of ours; only
``cli`` (and ``__main__`` through it) imports the pipeline; nothing imports ``cli``."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"


def _imports(path: Path) -> set[str]:
    """The ``generator.*`` modules a file imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "generator":
                found.update(f"generator.{a.name}" for a in node.names)
            elif node.module.startswith("generator."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator."))
    return found


GRAPH = {p.stem: _imports(p) for p in sorted(PACKAGE.glob("*.py"))}


def test_model_and_diagnostics_import_nothing_of_ours() -> None:
    assert GRAPH["diagnostics"] == set()
    assert GRAPH["model"] <= {"generator.diagnostics"}


def test_only_the_command_line_imports_the_pipeline() -> None:
    importers = {name for name, imports in GRAPH.items() if "generator.pipeline" in imports}
    assert importers == {"cli"}


def test_nothing_but_main_imports_the_command_line() -> None:
    importers = {name for name, imports in GRAPH.items() if "generator.cli" in imports}
    assert importers == {"__main__"}

"""The import rules that keep the pipeline readable on its own (README, Development):

- only `sources` imports `yaml`: every other module sees plain trees;
- only `theme` and `render` import `jinja2`: the rest hands them contexts and plans;
- the core never imports `serve/`, `processes` or `incremental/`: speed and the preview
  reach a build only as objects passed in (the cli's `Workers` and `Incremental`, serve's
  `LiveOutput` and `Session`), so a build handed none is the whole pipeline, in one process.

Imports inside functions count as much as those at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "nicepick"
# Outside the core: the command line wires everything together; the others are what it wires.
OUTSIDE = {"nicepick.cli", "nicepick.__main__", "nicepick.processes"}
BEHIND = ("nicepick.serve", "nicepick.processes", "nicepick.incremental")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of its code; `from x import y` counts as x
    and, where y is a module of ours, as x.y too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def importers_of(top: str) -> set[str]:
    return {
        name
        for name, imported in MODULES.items()
        if any(i == top or i.startswith(top + ".") for i in imported)
    }


def test_the_modules_are_found() -> None:
    assert {"nicepick.build", "nicepick.cli", "nicepick.serve.preview"} <= set(MODULES)


def test_only_sources_imports_yaml() -> None:
    assert importers_of("yaml") == {"nicepick.sources"}


def test_only_theme_and_render_import_jinja2() -> None:
    assert importers_of("jinja2") == {"nicepick.theme", "nicepick.render"}


def test_the_core_never_imports_serve_processes_or_incremental() -> None:
    core = {
        name
        for name in MODULES
        if name not in OUTSIDE
        and not any(name == top or name.startswith(top + ".") for top in BEHIND)
    }
    reaching = {
        name: sorted(i for i in MODULES[name] if i.startswith(BEHIND))
        for name in sorted(core)
        if any(i.startswith(BEHIND) for i in MODULES[name])
    }
    assert reaching == {}
    assert {"nicepick.load", "nicepick.build"} <= core

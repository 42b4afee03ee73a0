"""The package keeps the layout docs/architecture.md describes: layers that only import downward,
no import circle, and small modules.

Imports are read from the source with `ast` (every `import` and `from … import`, at any depth in
a module, including those inside functions), so the check does not depend on what happens to be
imported at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "k2graph"
MAX_LINES = 300

# From the bottom up; a module may import from its own layer and the layers below it. The names
# are the top-level modules and subpackages of `k2graph` ("" is the package's own __init__).
LAYERS = (
    ("problems", "identifiers", "vocabulary", "predicates"),
    ("model",),
    ("corpus",),
    ("stages",),
    ("evidence",),
    ("conflicts",),
    ("pipeline",),
    ("exports",),
    ("resolve", "rows", "query", "sparql"),
    ("remote",),
    ("workflow",),
    ("api", ""),
    ("cli", "__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str) -> set[str]:
    """The k2graph modules `name` imports (a `from pkg import mod` counts as `pkg.mod`)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "k2graph")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base.split(".")[0] != "k2graph":
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return found - {name}


def layer(name: str) -> int:
    part = name.split(".")[1] if "." in name else ""
    for index, names in enumerate(LAYERS):
        if part in names:
            return index
    raise AssertionError(f"{name}: its folder is in no layer; add it to LAYERS and the docs")


def test_every_module_imports_only_its_own_layer_or_below() -> None:
    upward = [
        f"{name} (layer {layer(name)}) imports {dep} (layer {layer(dep)})"
        for name in MODULES
        for dep in sorted(imported(name))
        if dep in MODULES and layer(dep) > layer(name)
    ]
    assert not upward, "\n".join(upward)


def circular(graph: dict[str, set[str]]) -> set[str]:
    """The modules in an import circle, or importing one: what is left after taking away, again
    and again, every module whose imports are all taken away already."""
    remaining = {name: set(deps) for name, deps in graph.items()}
    while leaves := {name for name, deps in remaining.items() if not deps & remaining.keys()}:
        for name in leaves:
            del remaining[name]
    return set(remaining)


def test_no_import_circle() -> None:
    graph = {name: {d for d in imported(name) if d in MODULES} for name in MODULES}
    stuck = circular(graph)
    assert not stuck, f"import circle among (or above): {', '.join(sorted(stuck))}"


def test_the_circle_check_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set(), "f": {"e"}}
    assert circular(graph) == {"a", "b", "c", "d"}


def test_modules_stay_small() -> None:
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines, split by what each part does: {long}"


def test_every_module_says_its_role() -> None:
    silent = [
        name
        for name, path in MODULES.items()
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert not silent, f"start these with a docstring saying what they are for: {silent}"


def test_the_architecture_map_names_every_folder() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_dir() and p.name != "__pycache__"
    )
    missing = [f for f in folders if f"`{f}/`" not in text]
    assert not missing, f"docs/architecture.md says nothing of: {missing}"

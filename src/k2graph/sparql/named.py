"""The named queries: one `queries/NAME.rq` file each, its first line a `# description`."""

from __future__ import annotations

from importlib import resources

from k2graph.sparql.errors import SparqlError


def _files() -> dict[str, str]:
    folder = resources.files("k2graph.sparql") / "queries"
    return {
        entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    }


def names() -> list[str]:
    return sorted(_files())


def text(name: str) -> str:
    """The query called `name`; an unknown name is an error listing the known ones."""
    files = _files()
    if name not in files:
        raise SparqlError(f"unknown named query '{name}' — use one of: {', '.join(sorted(files))}")
    return files[name]


def description(query: str) -> str:
    first = query.splitlines()[0] if query else ""
    return first.removeprefix("#").strip()


def listing() -> str:
    """One line per named query: its name, then its description."""
    files = _files()
    width = max((len(n) for n in files), default=0)
    return "".join(f"{n.ljust(width)}  {description(files[n])}\n" for n in sorted(files))

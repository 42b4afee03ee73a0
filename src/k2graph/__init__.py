"""k2graph: a claim-provenance knowledge graph of what documents say about vitamin K2.

`k2graph.load(sources_dir)` builds the graph and returns a `K2Graph` to query (docs/api.md).

The API is imported on first use, so that a process needing one part of the package (the SPARQL
worker the command line starts for every query, say) does not import all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from k2graph.api import K2Graph, load

    __version__: str

__all__ = ["K2Graph", "__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # one place for it, pyproject.toml; read only when asked for
        from importlib.metadata import version

        return version("k2graph")
    if name in ("K2Graph", "load"):
        from k2graph import api

        return getattr(api, name)
    raise AttributeError(f"module 'k2graph' has no attribute {name!r}")

"""k2graph: a claim-provenance knowledge graph of what documents say about vitamin K2.

`k2graph.load(sources_dir)` builds the graph and returns a `K2Graph` to query (docs/api.md).
"""

from __future__ import annotations

__version__ = "0.1.0"

# The corpus reader is the submodule `k2graph.load`: import it before binding the name `load` to
# the API function, or its first import (by the pipeline) would rebind the name to the module.
import k2graph.load  # noqa: F401  (imported for its side effect on this namespace)
from k2graph.api import K2Graph, load

__all__ = ["K2Graph", "__version__", "load"]

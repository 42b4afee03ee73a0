"""Everything the graph page shows, as one JSON-ready dictionary: drawing, panel, filters, legend.

The page embeds this dictionary verbatim (see `page.embed_json`); the script on the page reads it
and builds every visible string from it with text nodes only.
"""

from __future__ import annotations

from typing import Any

from k2graph.exports.html.details import conflict_details, node_details
from k2graph.exports.html.encoding import legend
from k2graph.exports.html.ids import source_node
from k2graph.exports.html.layout import LAYOUT_SEED, positions
from k2graph.exports.html.network import network_records
from k2graph.model import KnowledgeGraph
from k2graph.vocabulary import GradeLabel

FORMAT = "k2graph-page/1"
# Above this many nodes the page opens on the claims in conflict only, so it stays usable.
LARGE_GRAPH = 2000


def page_data(graph: KnowledgeGraph) -> dict[str, Any]:
    """The whole page's data, in a fixed order (keys are sorted when embedded)."""
    nodes, edges = network_records(graph, positions(graph))
    large = len(nodes) > LARGE_GRAPH
    return {
        "format": FORMAT,
        "layout_seed": LAYOUT_SEED,
        "evidence_config": graph.evidence_config,
        "nodes": nodes,
        "edges": edges,
        "details": node_details(graph),
        "conflicts": conflict_details(graph),
        # The rule deriving a claim's strength from its attestations' (the same for every claim).
        "claim_rules": sorted({c.strength.rule for c in graph.claims if c.strength}),
        "filters": {
            "sources": [[source_node(s.id), s.title] for s in graph.sources],
            "predicates": sorted({c.predicate for c in graph.claims}),
            "labels": [label.value for label in GradeLabel] + ["unscored"],
        },
        "legend": legend(),
        "defaults": {"conflicts_only": large and bool(graph.conflicts), "large": large},
        "counts": {
            "sources": len(graph.sources),
            "claims": len(graph.claims),
            "attestations": len(graph.attestations),
            "entities": len(graph.entities),
            "conflicts": len(graph.conflicts),
        },
    }

"""The drawn graph: pyvis nodes and edges for sources, claims, entities and conflicts.

pyvis is used only as a builder of vis-network node and edge records (`add_node`, `add_edge`); its
HTML templates are not used (see `page`). Tooltips are plain text here: the page turns each one
into a DOM element built from text nodes, so nothing from a document is ever parsed as markup.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pyvis.network import Network  # type: ignore[import-untyped]

from k2graph.exports.html import encoding as enc
from k2graph.exports.html.ids import claim_node, entity_node, source_node
from k2graph.model import Claim, Conflict, Entity, KnowledgeGraph, Source

Record = dict[str, Any]
LABEL_CHARS = 42


def network_records(
    graph: KnowledgeGraph, pos: dict[str, tuple[int, int]]
) -> tuple[list[Record], list[Record]]:
    """The node and edge records of the page, in a fixed order."""
    # Directed: pyvis then skips its quadratic duplicate-edge scan; arrows are set per edge.
    net = Network(directed=True)
    for source in graph.sources:
        net.add_node(**_source(source, pos))
    for claim in graph.claims:
        net.add_node(**_claim(claim, pos))
    for entity in graph.entities:
        net.add_node(**_entity(entity, pos))
    names = {s.id: s.title for s in graph.sources}
    quotes = Counter((a.claim_id, a.source_id) for a in graph.attestations)
    for (claim_id, source_id), count in sorted(quotes.items()):
        net.add_edge(
            claim_node(claim_id),
            source_node(source_id),
            id=f"attests:{claim_id}|{source_id}",
            kind="attestation",
            color=enc.ATTESTATION_EDGE_COLOR,
            arrows="to",
            title=f"stated in {names[source_id]} ({count} quote{'s' * (count > 1)})",
        )
    known = {e.id for e in graph.entities}
    for claim in graph.claims:
        for role, entity_id in (("subject", claim.subject), ("object", claim.object)):
            if entity_id in known:
                net.add_edge(**_entity_edge(claim, str(entity_id), role))
    for conflict in graph.conflicts:
        net.add_edge(**_conflict_edge(conflict))
    return list(net.nodes), list(net.edges)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "\u2026"


def _source(source: Source, pos: dict[str, tuple[int, int]]) -> Record:
    node = source_node(source.id)
    marks = enc.source_marks(source)
    commercial = source.commercial_interest.status in enc.COMMERCIAL
    border = enc.COMMERCIAL_BORDER if commercial else "#1f3a60"
    tooltip = [
        source.title,
        f"{source.kind.value.replace('_', ' ')}; {source.publication_status.value}",
        f"commercial interest: {source.commercial_interest.status.value.replace('_', ' ')}",
    ]
    return {
        "n_id": node,
        "label": "\n".join([_label(source.title), *marks]),
        "shape": enc.SOURCE_SHAPES[source.kind],
        "color": {"background": enc.SOURCE_COLOR, "border": border},
        "borderWidth": 5 if commercial else 2,
        "shapeProperties": {
            "borderDashes": [6, 4] if source.publication_status in enc.UNPUBLISHED else False
        },
        "size": enc.SOURCE_SIZE,
        "font": {"size": 34, "strokeWidth": 6, "bold": {"size": 34}},
        "kind": "source",
        "title": "\n".join(tooltip + marks),
        "x": pos[node][0],
        "y": pos[node][1],
    }


def _claim(claim: Claim, pos: dict[str, tuple[int, int]]) -> Record:
    node = claim_node(claim.id)
    strength = claim.strength
    origins = len(strength.origins) if strength else 0
    if strength:
        summary = f"{strength.label.value} ({strength.score:.2f}), {origins} independent source(s)"
    else:
        summary = "unscored"
    return {
        "n_id": node,
        "label": _label(claim.text),
        "shape": "dot",
        "color": enc.claim_color(claim),
        "size": enc.claim_size(origins),
        "kind": "claim",
        "title": f"{claim.text}\n{summary}",
        "x": pos[node][0],
        "y": pos[node][1],
    }


def _entity(entity: Entity, pos: dict[str, tuple[int, int]]) -> Record:
    node = entity_node(entity.id)
    synonyms = f"\nalso: {', '.join(entity.synonyms)}" if entity.synonyms else ""
    return {
        "n_id": node,
        "label": _label(entity.name),
        "shape": "box",
        "color": enc.ENTITY_COLOR,
        "kind": "entity",
        "hidden": True,
        "title": f"{entity.name} ({entity.type.value}){synonyms}",
        "x": pos[node][0],
        "y": pos[node][1],
    }


def _entity_edge(claim: Claim, entity_id: str, role: str) -> Record:
    return {
        "source": claim_node(claim.id),
        "to": entity_node(entity_id),
        "id": f"about:{claim.id}|{entity_id}|{role}",
        "kind": "entity",
        "color": enc.ENTITY_EDGE_COLOR,
        "arrows": "to",
        "hidden": True,
        "title": role,
    }


def _conflict_edge(conflict: Conflict) -> Record:
    kind = conflict.kind.value.replace("_", " ")
    return {
        "source": claim_node(conflict.a.claim_id),
        "to": claim_node(conflict.b.claim_id),
        "id": f"conflict:{conflict.id}",
        "kind": "conflict",
        "conflict": conflict.id,
        "color": enc.CONFLICT_EDGE_COLOR,
        "dashes": True,
        "width": 2,
        "arrows": "",
        "label": kind,
        "font": {"color": enc.CONFLICT_EDGE_COLOR, "size": 12, "strokeWidth": 3},
        "title": f"{kind} conflict, {conflict.severity.value} severity",
    }

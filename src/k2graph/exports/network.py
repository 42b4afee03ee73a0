"""The graph as a networkx MultiDiGraph, for graph algorithms and drawing.

Nodes are `source:<id>`, `claim:<id>` and `entity:<id>`, each with a `type` attribute. Edges:
`attests` (source → claim, one per attestation, keyed by its identifier), `subject`, `object`
and the entity qualifiers (claim → entity), `broader` (entity → entity) and `conflict` (claim →
claim, from side a to side b, keyed by the conflict's identifier). docs/api.md lists every
attribute.
"""

from __future__ import annotations

import networkx as nx

from k2graph.model import Claim, KnowledgeGraph

QUALIFIERS = ("population", "form", "outcome_measure", "comparator")


def to_networkx(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    net: nx.MultiDiGraph = nx.MultiDiGraph()
    for s in graph.sources:
        net.add_node(
            f"source:{s.id}",
            type="source",
            title=s.title,
            kind=s.kind.value,
            publication_status=s.publication_status.value,
            commercial_interest=s.commercial_interest.status.value,
        )
    for e in graph.entities:
        net.add_node(f"entity:{e.id}", type="entity", name=e.name, entity_type=e.type.value)
    for e in graph.entities:
        for b in e.broader:
            net.add_edge(f"entity:{e.id}", f"entity:{b}", key="broader", type="broader")
    for c in graph.claims:
        _add_claim(net, c)
    speakers = {s.id: s for s in graph.speakers}
    for a in graph.attestations:
        net.add_edge(
            f"source:{a.source_id}",
            f"claim:{a.claim_id}",
            key=a.id,
            type="attests",
            speaker=a.speaker_id,
            speaker_kind=speakers[a.speaker_id].kind.value,
            modality=a.modality.value,
            basis=a.basis.value,
            quote=a.quote.exact,
            score=a.strength.score if a.strength else None,
        )
    for k in graph.conflicts:
        net.add_edge(
            f"claim:{k.a.claim_id}",
            f"claim:{k.b.claim_id}",
            key=k.id,
            type="conflict",
            kind=k.kind.value,
            severity=k.severity.value,
            favours=k.favours,
        )
    return net


def _add_claim(net: nx.MultiDiGraph, claim: Claim) -> None:
    node = f"claim:{claim.id}"
    strength = claim.strength
    net.add_node(
        node,
        type="claim",
        text=claim.text,
        predicate=claim.predicate,
        negated=claim.negated,
        score=strength.score if strength else None,
        label=strength.label.value if strength else None,
    )
    roles = {"subject": claim.subject, "object": claim.object}
    roles.update({q: getattr(claim.qualifiers, q) for q in QUALIFIERS})
    for role, entity in roles.items():
        if entity is not None:
            net.add_edge(node, f"entity:{entity}", key=role, type=role)

"""The whole graph as an RDF dataset of nanopublications.

Each attestation is one nanopublication (http://nanopub.org/guidelines): a head graph linking an
assertion graph (the claim it states), a provenance graph (the Web Annotation: who says it, in
which words, on what evidence) and a publication-info graph (k2graph generated it, from which
source). Everything shared — sources, works, speakers, entities, conflicts, agreement — sits in
one corpus graph.
"""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef

from k2graph.model import KnowledgeGraph
from k2graph.rdf.annotations import annotation_triples
from k2graph.rdf.claims import claim_triples
from k2graph.rdf.corpus import (
    agreement_triples,
    conflict_triples,
    entity_triples,
    source_triples,
    speaker_triples,
    work_triples,
)
from k2graph.rdf.literals import Triple, text
from k2graph.rdf.namespaces import DCTERMS, K2, NP, PREFIXES, PROV, RDF
from k2graph.rdf.terms import Minter

GENERATOR = URIRef("https://w3id.org/k2graph/software")


Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def to_dataset(graph: KnowledgeGraph, base: str) -> Dataset:
    """An rdflib dataset of the graph (for queries and tests; exports use `to_quads`)."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    for s, p, o, g in to_quads(graph, base):
        dataset.graph(g).add((s, p, o))
    return dataset


def to_quads(graph: KnowledgeGraph, base: str) -> list[Quad]:
    """Every quad of the export, without duplicates, in a stable order."""
    mint = Minter(base)
    quads: set[Quad] = set()
    dataset = quads
    claims = {c.id: c for c in graph.claims}
    speakers = {s.id: s for s in graph.speakers}
    works = {w.id: w for w in graph.works}
    for a in graph.attestations:
        np = mint.nanopub(a.id)
        parts = {p: mint.nanopub(a.id, p) for p in ("head", "assertion", "provenance", "pubinfo")}
        _add(dataset, parts["head"], [
            (np, RDF.type, NP.Nanopublication),
            (np, NP.hasAssertion, parts["assertion"]),
            (np, NP.hasProvenance, parts["provenance"]),
            (np, NP.hasPublicationInfo, parts["pubinfo"]),
        ])  # fmt: skip
        _add(dataset, parts["assertion"], claim_triples(claims[a.claim_id], mint))
        provenance = annotation_triples(a, mint, speakers, works)
        provenance.append((parts["assertion"], PROV.wasDerivedFrom, mint.attestation(a.id)))
        _add(dataset, parts["provenance"], provenance)
        _add(dataset, parts["pubinfo"], [
            (np, PROV.wasGeneratedBy, GENERATOR),
            (np, DCTERMS.source, mint.source(a.source_id)),
            (np, K2.evidenceConfig, text(graph.evidence_config)),
        ])  # fmt: skip
    corpus: list[Triple] = []
    for source in graph.sources:
        mine = [a for a in graph.attestations if a.source_id == source.id]
        corpus += source_triples(source, mine, mint)
    for work in graph.works:
        corpus += work_triples(work, mint)
    for speaker in graph.speakers:
        corpus += speaker_triples(speaker, mint)
    for entity in graph.entities:
        corpus += entity_triples(entity, mint)
    for conflict in graph.conflicts:
        corpus += conflict_triples(conflict, mint)
    corpus += agreement_triples(graph, mint)
    _add(dataset, mint.corpus_graph(), corpus)
    return sorted(quads, key=lambda q: (q[3], q[0], q[1], q[2].n3()))


def _add(quads: set[Quad], name: URIRef, triples: list[Triple]) -> None:
    quads.update((s, p, o, name) for s, p, o in triples)

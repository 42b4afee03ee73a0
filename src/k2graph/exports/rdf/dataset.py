"""The whole graph as an RDF dataset of nanopublications, produced as a stream of named graphs.

Each attestation is one nanopublication (http://nanopub.org/guidelines): a head graph linking an
assertion graph (the claim it states), a provenance graph (the Web Annotation: who says it, in
which words, on what evidence) and a publication-info graph (k2graph generated it, from which
source). Everything shared — sources, works, speakers, entities, conflicts, agreement — sits in
one corpus graph.

The stream is in export order: the corpus graph, then the attestations by identifier, each with
its four graphs by name; the triples of a graph are sorted by their N-Triples text. One section
is built at a time, so writing an export never holds every quad of a large corpus in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Dataset

from k2graph.exports.rdf.annotations import annotation_triples
from k2graph.exports.rdf.claims import claim_triples
from k2graph.exports.rdf.corpus import (
    agreement_triples,
    conflict_triples,
    entity_triples,
    source_triples,
    speaker_triples,
    work_triples,
)
from k2graph.exports.rdf.namespaces import PREFIXES
from k2graph.exports.rdf.ns import DCTERMS, K2, NP, PROV, RDF
from k2graph.exports.rdf.nt import Quad, Term, Triple, iri, text, to_rdflib
from k2graph.exports.rdf.terms import Minter
from k2graph.model import KnowledgeGraph, by_source

GENERATOR = iri("https://w3id.org/k2graph/software")
NANOPUB_PARTS = ("assertion", "head", "provenance", "pubinfo")  # in name order


@dataclass(frozen=True, slots=True)
class NamedGraph:
    """One named graph: its name, its sorted distinct triples, and whether the merged (Turtle)
    export includes it: the assertion graphs of one claim's attestations hold the same triples,
    so only the first of them is merged."""

    name: Term
    triples: list[Triple]
    merged: bool = True


Section = tuple[NamedGraph, ...]


def sections(graph: KnowledgeGraph, base: str) -> Iterator[Section]:
    """The export's named graphs, a section at a time: the corpus graph, then one section per
    attestation (its nanopublication's four graphs)."""
    mint = Minter(base)
    yield (NamedGraph(mint.corpus_graph(), _sorted(corpus_triples(graph, mint))),)
    claims = {c.id: c for c in graph.claims}
    speakers = {s.id: s for s in graph.speakers}
    works = {w.id: w for w in graph.works}
    config = text(graph.evidence_config)
    # A claim's triples are built once and kept only until its last attestation is written.
    left = Counter(a.claim_id for a in graph.attestations)
    built: dict[str, list[Triple]] = {}
    for a in sorted(graph.attestations, key=lambda a: a.id):
        np = mint.nanopub(a.id)
        names = {p: mint.nanopub(a.id, p) for p in NANOPUB_PARTS}
        provenance = annotation_triples(a, mint, speakers, works)
        provenance.append((names["assertion"], PROV.wasDerivedFrom, mint.attestation(a.id)))
        first = a.claim_id not in built
        assertion = built.get(a.claim_id) or _sorted(claim_triples(claims[a.claim_id], mint))
        left[a.claim_id] -= 1
        if left[a.claim_id]:
            built[a.claim_id] = assertion
        else:
            built.pop(a.claim_id, None)
        yield (
            NamedGraph(names["assertion"], assertion, merged=first),
            NamedGraph(names["head"], _sorted([
                (np, RDF.type, NP.Nanopublication),
                (np, NP.hasAssertion, names["assertion"]),
                (np, NP.hasProvenance, names["provenance"]),
                (np, NP.hasPublicationInfo, names["pubinfo"]),
            ])),
            NamedGraph(names["provenance"], _sorted(provenance)),
            NamedGraph(names["pubinfo"], _sorted([
                (np, PROV.wasGeneratedBy, GENERATOR),
                (np, DCTERMS.source, mint.source(a.source_id)),
                (np, K2.evidenceConfig, config),
            ])),
        )  # fmt: skip


def corpus_triples(graph: KnowledgeGraph, mint: Minter) -> list[Triple]:
    grouped = by_source(graph.attestations)
    corpus: list[Triple] = []
    for source in graph.sources:
        corpus += source_triples(source, grouped.get(source.id, []), mint)
    for work in graph.works:
        corpus += work_triples(work, mint)
    for speaker in graph.speakers:
        corpus += speaker_triples(speaker, mint)
    for entity in graph.entities:
        corpus += entity_triples(entity, mint)
    for conflict in graph.conflicts:
        corpus += conflict_triples(conflict, mint)
    corpus += agreement_triples(graph, mint)
    return corpus


def _sorted(triples: list[Triple]) -> list[Triple]:
    return sorted(set(triples))


def quads(graph: KnowledgeGraph, base: str) -> Iterator[Quad]:
    """Every quad of the export, in export order, as N-Triples terms."""
    for section in sections(graph, base):
        for named in section:
            name = named.name
            for s, p, o in named.triples:
                yield s, p, o, name


def to_dataset(graph: KnowledgeGraph, base: str) -> Dataset:
    """An rdflib dataset of the graph (for the rdflib engine, SHACL and tests)."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    for named in (n for section in sections(graph, base) for n in section):
        target = dataset.graph(to_rdflib(named.name))
        target.addN((to_rdflib(s), to_rdflib(p), to_rdflib(o), target) for s, p, o in named.triples)
    return dataset

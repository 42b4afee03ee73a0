"""The corpus in RDF: sources (Dublin Core), works, speakers (PROV-O agents), entities (SKOS, with
identifiers as resolver IRIs), conflicts (CiTO disputes/qualifies) and agreement between the
attestations of one claim in different sources (CiTO agreesWith)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from statistics import fmean

from k2graph.exports.rdf.ns import CITO, DCTERMS, K2, OBO, PROV, RDF, RDFS, SKOS
from k2graph.exports.rdf.nt import Term, Triple, decimal, integer, iri, is_iri, text
from k2graph.exports.rdf.terms import Minter, resolver_iri
from k2graph.model import Attestation, Conflict, Entity, KnowledgeGraph, Source, Speaker, Work
from k2graph.vocabulary import ConflictKind, StudyDesign

# DESIGN.md §3: OBI study designs.
OBI_DESIGNS = {
    StudyDesign.RCT: OBO.OBI_0004001,
    StudyDesign.COHORT: OBO.OBI_0003698,
    StudyDesign.CASE_CONTROL: OBO.OBI_0003698,
}


def _iri_or_none(value: str) -> Term | None:
    return iri(value) if value.startswith(("http://", "https://")) and is_iri(value) else None


def source_triples(source: Source, mine: list[Attestation], mint: Minter) -> list[Triple]:
    node = mint.source(source.id)
    triples: list[Triple] = [
        (node, RDF.type, K2.Source),
        (node, RDF.type, PROV.Entity),
        (node, DCTERMS.title, text(source.title)),
        (node, DCTERMS.publisher, text(source.publisher)),
        (node, DCTERMS.creator, text(source.author)),
        (node, DCTERMS.date, text(source.date)),
        (node, DCTERMS.language, text(source.language)),
        (node, K2.sourceKind, text(source.kind.value)),
        (node, K2.publicationStatus, text(source.publication_status.value)),
        (node, K2.peerReviewed, text(str(source.peer_reviewed).lower())),
        (node, K2.commercialInterest, text(source.commercial_interest.status.value)),
        (node, K2.commercialDetail, text(source.commercial_interest.detail)),
        (node, K2.sha256, text(source.sha256)),
        (node, K2.site, text(source.site)),
    ]
    url = _iri_or_none(source.url)
    if url is not None:
        triples.append((node, RDFS.seeAlso, url))
    triples += [(node, DCTERMS.references, u) for c in source.cited_urls if (u := _iri_or_none(c))]
    scores = [a.strength.score for a in mine if a.strength is not None]
    if scores:
        triples.append((node, K2.meanStrength, decimal(round(fmean(scores), 4))))
    triples.append((node, K2.attestationCount, integer(len(mine))))
    return triples


def work_triples(work: Work, mint: Minter) -> list[Triple]:
    node = mint.work(work.id)
    triples: list[Triple] = [
        (node, RDF.type, K2.Work),
        (node, RDF.type, PROV.Entity),
        (node, DCTERMS.title, text(work.title)),
        (node, DCTERMS.date, text(str(work.year))),
        (node, K2.studyDesign, text(work.design.value)),
        (node, K2.publicationStatus, text(work.publication_status.value)),
        (node, K2.citedBy, mint.source(work.source_id)),
    ]
    if work.design in OBI_DESIGNS:
        triples.append((node, K2.studyDesignType, OBI_DESIGNS[work.design]))
    url = _iri_or_none(work.url)
    if url is not None:
        triples.append((node, RDFS.seeAlso, url))
    return triples


def speaker_triples(speaker: Speaker, mint: Minter) -> list[Triple]:
    node = mint.speaker(speaker.id)
    triples: list[Triple] = [
        (node, RDF.type, K2.Speaker),
        (node, RDF.type, PROV.Agent),
        (node, RDFS.label, text(speaker.name)),
        (node, RDFS.comment, text(speaker.description)),
        (node, K2.speakerKind, text(speaker.kind.value)),
        (node, K2.inSource, mint.source(speaker.source_id)),
    ]
    if speaker.work_id is not None:
        triples.append((node, K2.speaksFor, mint.work(speaker.work_id)))
    if speaker.relayed_by_id is not None:
        triples.append((node, K2.relayedBy, mint.speaker(speaker.relayed_by_id)))
    return triples


def entity_triples(entity: Entity, mint: Minter) -> list[Triple]:
    node = mint.entity(entity.id)
    triples: list[Triple] = [
        (node, RDF.type, K2.Entity),
        (node, RDFS.label, text(entity.name)),
        (node, K2.entityType, text(entity.type.value)),
    ]
    triples += [(node, SKOS.altLabel, text(s)) for s in entity.synonyms]
    triples += [(node, SKOS.broader, mint.entity(b)) for b in entity.broader]
    for xref in entity.xrefs:
        prop = SKOS.exactMatch if xref.verified else K2.unverifiedMatch
        triples.append((node, prop, resolver_iri(xref.curie)))
    if entity.description:
        triples.append((node, RDFS.comment, text(entity.description)))
    return triples


def conflict_triples(conflict: Conflict, mint: Minter) -> list[Triple]:
    node = mint.conflict(conflict.id)
    a, b = mint.claim(conflict.a.claim_id), mint.claim(conflict.b.claim_id)
    triples: list[Triple] = [
        (node, RDF.type, K2.Conflict),
        (node, K2.conflictKind, text(conflict.kind.value)),
        (node, K2.severity, text(conflict.severity.value)),
        (node, K2.sideA, a),
        (node, K2.sideB, b),
        (node, RDFS.comment, text(conflict.explanation)),
        (node, K2.favoursWhy, text(conflict.favours_why)),
    ]
    triples += [
        (node, K2.sideAAttestation, mint.attestation(i)) for i in conflict.a.attestation_ids
    ]
    triples += [
        (node, K2.sideBAttestation, mint.attestation(i)) for i in conflict.b.attestation_ids
    ]
    triples += [(node, K2.detectedBy, text(d)) for d in conflict.detected_by]
    if conflict.favours is not None:
        triples.append((node, K2.favours, a if conflict.favours == "a" else b))
    if a != b:
        relation = CITO.qualifies if conflict.kind is ConflictKind.SCOPE else CITO.disputes
        triples.append((a, relation, b))
    return triples


def agreement_triples(graph: KnowledgeGraph, mint: Minter) -> Iterable[Triple]:
    """Attestations of one claim in different sources agree with each other."""
    by_claim: dict[str, list[Attestation]] = {}
    for a in graph.attestations:
        by_claim.setdefault(a.claim_id, []).append(a)
    for members in by_claim.values():
        for x, y in combinations(sorted(members, key=lambda a: a.id), 2):
            if x.source_id != y.source_id:
                yield (mint.attestation(x.id), CITO.agreesWith, mint.attestation(y.id))

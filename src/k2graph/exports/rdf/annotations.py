"""Attestations in RDF: W3C Web Annotations whose body is the claim and whose target is the exact
span of the source (TextQuoteSelector and TextPositionSelector), with PROV-O attribution, the
evidence type (ECO) and the strength with every factor."""

from __future__ import annotations

from collections.abc import Mapping

from k2graph.exports.rdf.ns import K2, OA, OBO, PROV, RDF, RDFS
from k2graph.exports.rdf.nt import Term, Triple, decimal, nonneg, text
from k2graph.exports.rdf.terms import Minter
from k2graph.model import Attestation, Speaker, Work
from k2graph.vocabulary import Basis, StudyDesign

CLINICAL = frozenset(
    {
        StudyDesign.RCT,
        StudyDesign.COHORT,
        StudyDesign.CASE_CONTROL,
        StudyDesign.CASE_SERIES,
        StudyDesign.META_ANALYSIS,
        StudyDesign.SYSTEMATIC_REVIEW,
    }
)
TRACEABLE = OBO.ECO_0000033  # traceable author statement
NON_TRACEABLE = OBO.ECO_0000034  # non-traceable author statement


def evidence_type(attestation: Attestation, work: Work | None) -> Term:
    """The ECO class of what the statement rests on."""
    if attestation.basis is Basis.CITED_WORK and work is not None:
        if work.design in CLINICAL:
            return OBO.ECO_0000180  # clinical study evidence
        if work.design is StudyDesign.IN_VITRO:
            return OBO.ECO_0000181  # in vitro assay evidence
        if work.design is StudyDesign.ANIMAL:
            return OBO.ECO_0000179  # animal model evidence
        return TRACEABLE
    if attestation.basis is Basis.OWN_INFERENCE and attestation.inferred_from:
        return TRACEABLE
    return NON_TRACEABLE


def annotation_triples(
    a: Attestation,
    mint: Minter,
    speakers: Mapping[str, Speaker],
    works: Mapping[str, Work],
) -> list[Triple]:
    node = mint.attestation(a.id)
    target, quote, position = (mint.attestation(a.id, f) for f in ("target", "quote", "position"))
    work = works.get(a.basis_work_id) if a.basis_work_id else None
    triples: list[Triple] = [
        (node, RDF.type, OA.Annotation),
        (node, RDF.type, K2.Attestation),
        (node, OA.hasBody, mint.claim(a.claim_id)),
        (node, OA.hasTarget, target),
        (target, RDF.type, OA.SpecificResource),
        (target, OA.hasSource, mint.source(a.source_id)),
        (target, OA.hasSelector, quote),
        (target, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, text(a.quote.exact)),
        (quote, OA.prefix, text(a.quote.prefix)),
        (quote, OA.suffix, text(a.quote.suffix)),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, nonneg(a.position.start)),
        (position, OA.end, nonneg(a.position.end)),
        (node, PROV.wasAttributedTo, mint.speaker(a.speaker_id)),
        (node, PROV.wasDerivedFrom, mint.source(a.source_id)),
        (node, K2.line, nonneg(a.line)),
        (node, K2.modality, text(a.modality.value)),
        (node, K2.basis, text(a.basis.value)),
        (node, K2.evidenceType, evidence_type(a, work)),
    ]
    if work is not None:
        triples.append((node, PROV.hadPrimarySource, mint.work(work.id)))
    speaker = speakers[a.speaker_id]
    if speaker.work_id is not None:
        triples.append((node, PROV.wasQuotedFrom, mint.work(speaker.work_id)))
    triples += [(node, K2.inferredFrom, mint.attestation(p)) for p in a.inferred_from]
    if a.note:
        triples.append((node, RDFS.comment, text(a.note)))
    if a.strength is not None:
        triples += [
            (node, K2.strengthScore, decimal(a.strength.score)),
            (node, K2.strengthLabel, text(a.strength.label.value)),
        ]
        for factor in a.strength.factors:
            part = mint.attestation(a.id, f"factor-{factor.name}")
            triples += [
                (node, K2.factor, part),
                (part, RDF.type, K2.Factor),
                (part, K2.factorName, text(factor.name)),
                (part, RDFS.comment, text(factor.detail)),
                (part, K2.contribution, decimal(factor.contribution)),
            ]
    return triples

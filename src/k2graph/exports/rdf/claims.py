"""Claims in RDF: the claim node with subject, predicate, object or quantity, negation and
qualifiers, its strength, and — for a plain, affirmed entity-to-entity claim — the direct triple
`<subject> k2p:<predicate> <object>` that nanopublication readers expect in an assertion."""

from __future__ import annotations

from k2graph.exports.rdf.ns import K2, K2P, RDF, RDFS
from k2graph.exports.rdf.nt import Term, Triple, boolean, decimal, integer, text
from k2graph.exports.rdf.terms import Minter
from k2graph.model import Claim, Quantity

_ENTITY_QUALIFIERS = {
    "population": K2.population,
    "form": K2.form,
    "outcome_measure": K2.outcomeMeasure,
    "comparator": K2.comparator,
}


def quantity_triples(node: Term, quantity: Quantity) -> list[Triple]:
    triples: list[Triple] = [(node, RDF.type, K2.Quantity), (node, K2.unit, text(quantity.unit))]
    for field, prop in (("value", K2.value), ("low", K2.low), ("high", K2.high)):
        number = getattr(quantity, field)
        if number is not None:
            triples.append((node, prop, decimal(number)))
    triples.append((node, K2.approximate, boolean(quantity.approximate)))
    if quantity.per:
        triples.append((node, K2.per, text(quantity.per)))
    return triples


def claim_triples(claim: Claim, mint: Minter) -> list[Triple]:
    node = mint.claim(claim.id)
    subject = mint.entity(claim.subject)
    triples: list[Triple] = [
        (node, RDF.type, K2.Claim),
        (node, RDFS.label, text(claim.text)),
        (node, K2.subject, subject),
        (node, K2.predicate, K2P[claim.predicate]),
        (node, K2.negated, boolean(claim.negated)),
    ]
    if claim.object is not None:
        triples.append((node, K2.object, mint.entity(claim.object)))
    if claim.quantity is not None:
        quantity = mint.claim(claim.id, "quantity")
        triples += [(node, K2.quantity, quantity), *quantity_triples(quantity, claim.quantity)]
    qualified = False
    for field, value in claim.qualifiers:
        if value is None:
            continue
        qualified = True
        if isinstance(value, Quantity):
            part = mint.claim(claim.id, field)
            triples += [(node, K2[field], part), *quantity_triples(part, value)]
        else:
            triples.append((node, _ENTITY_QUALIFIERS[field], mint.entity(value)))
    if claim.strength is not None:
        triples += [
            (node, K2.strengthScore, decimal(claim.strength.score)),
            (node, K2.strengthLabel, text(claim.strength.label.value)),
            (node, K2.independentOrigins, integer(len(claim.strength.origins))),
        ]
    if claim.object is not None and not claim.negated and not qualified:
        triples.append((subject, K2P[claim.predicate], mint.entity(claim.object)))
    return triples

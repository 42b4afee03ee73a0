"""The vocabularies of the RDF export: one constant per namespace (DESIGN.md §3).

k2graph's own vocabulary (`K2`) and its predicate individuals (`K2P`) have fixed IRIs; instance
IRIs hang off a configurable base (`Minter`). The SPARQL command predeclares the same prefixes.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from k2graph.model import DEFAULT_BASE

K2 = Namespace("https://w3id.org/k2graph/vocab#")
K2P = Namespace("https://w3id.org/k2graph/predicate/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
NP = Namespace("http://www.nanopub.org/nschema#")
OBO = Namespace("http://purl.obolibrary.org/obo/")

PREFIXES: dict[str, str] = {
    "k2": str(K2),
    "k2p": str(K2P),
    "oa": str(OA),
    "prov": str(PROV),
    "cito": str(CITO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "np": str(NP),
    "obo": str(OBO),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
}

__all__ = [
    "CITO",
    "DCTERMS",
    "DEFAULT_BASE",
    "K2",
    "K2P",
    "NP",
    "OA",
    "OBO",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
]

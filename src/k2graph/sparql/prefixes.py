"""The prefixes every query may use without declaring them (the RDF mapping's, docs/rdf.md)."""

from __future__ import annotations

PREFIXES: dict[str, str] = {
    "k2": "https://w3id.org/k2graph/vocab#",
    "k2p": "https://w3id.org/k2graph/predicate/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "cito": "http://purl.org/spar/cito/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "np": "http://www.nanopub.org/nschema#",
    "obo": "http://purl.obolibrary.org/obo/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

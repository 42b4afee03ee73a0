"""The export's namespaces as makers of N-Triples terms (`K2.Claim` is `<…vocab#Claim>`), for the
mapping modules; `namespaces` holds the same namespaces as rdflib objects."""

from __future__ import annotations

from k2graph.exports.rdf import namespaces as rdflib_ns
from k2graph.exports.rdf.nt import Namespace

K2 = Namespace(str(rdflib_ns.K2))
K2P = Namespace(str(rdflib_ns.K2P))
OA = Namespace(str(rdflib_ns.OA))
CITO = Namespace(str(rdflib_ns.CITO))
NP = Namespace(str(rdflib_ns.NP))
OBO = Namespace(str(rdflib_ns.OBO))
DCTERMS = Namespace(str(rdflib_ns.DCTERMS))
PROV = Namespace(str(rdflib_ns.PROV))
RDF = Namespace(str(rdflib_ns.RDF))
RDFS = Namespace(str(rdflib_ns.RDFS))
SKOS = Namespace(str(rdflib_ns.SKOS))

"""Minting IRIs: every node of the export gets an IRI under the base (no blank nodes), so the
same graph always serializes to the same bytes and any node can be linked to from outside."""

from __future__ import annotations

from dataclasses import dataclass

from k2graph.exports.rdf.nt import Term

# Where a curie's prefix resolves (the identifier's public resolver).
RESOLVERS = {
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_",
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "CL": "http://purl.obolibrary.org/obo/CL_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "UniProt": "http://purl.uniprot.org/uniprot/",
    "HGNC": "https://identifiers.org/hgnc:",
}


def resolver_iri(curie: str) -> Term:
    prefix, _, local = curie.partition(":")
    base = RESOLVERS.get(prefix, f"https://identifiers.org/{prefix.lower()}:")
    return f"<{base}{local}>"


@dataclass(frozen=True)
class Minter:
    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def _iri(self, kind: str, ident: str, fragment: str = "") -> Term:
        return f"<{self.base}{kind}/{ident}{'#' + fragment if fragment else ''}>"

    def source(self, ident: str, fragment: str = "") -> Term:
        return self._iri("source", ident, fragment)

    def claim(self, ident: str, fragment: str = "") -> Term:
        return self._iri("claim", ident, fragment)

    def attestation(self, ident: str, fragment: str = "") -> Term:
        return self._iri("attestation", ident, fragment)

    def speaker(self, ident: str) -> Term:
        return self._iri("speaker", ident)

    def work(self, ident: str) -> Term:
        return self._iri("work", ident)

    def entity(self, ident: str) -> Term:
        return self._iri("entity", ident)

    def conflict(self, ident: str) -> Term:
        return self._iri("conflict", ident)

    def nanopub(self, attestation_id: str, part: str = "") -> Term:
        return self._iri("np", attestation_id, part)

    def corpus_graph(self) -> Term:
        return f"<{self.base}graph/corpus>"

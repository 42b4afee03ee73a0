"""The RDF export: nanopublication-style named graphs in N-Quads, TriG, Turtle and JSON-LD, plus
the k2graph vocabulary and SHACL shapes that ship with the package."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import TextIO

from k2graph.exports.rdf import serialize
from k2graph.exports.rdf.dataset import quads, sections, to_dataset
from k2graph.exports.rdf.nt import to_rdflib
from k2graph.model import KnowledgeGraph

VOCABULARY_FILE = "vocab.ttl"
SHAPES_FILE = "shapes.ttl"

# Export file name → serialization (`serialize.FORMATS`).
RDF_FILES = {
    "k2graph.nq": "nq",
    "k2graph.trig": "trig",
    "k2graph.ttl": "ttl",
    "k2graph.jsonld": "jsonld",
}


def shipped(name: str) -> str:
    return resources.files("k2graph.exports.rdf").joinpath(name).read_text(encoding="utf-8")


def write_rdf(graph: KnowledgeGraph, outputs: Mapping[str, TextIO]) -> None:
    """Write the RDF exports named in `outputs` (export file names) in one pass over the graph."""
    by_format = {RDF_FILES[name]: out for name, out in outputs.items()}
    serialize.write(sections(graph, graph.base_iri), by_format, graph.base_iri)


def render_rdf(graph: KnowledgeGraph, name: str) -> str:
    """One RDF export as text (small graphs: tests, the API)."""
    out = io.StringIO()
    write_rdf(graph, {name: out})
    return out.getvalue()


def rdflib_triples(graph: KnowledgeGraph) -> Iterator[tuple[object, object, object]]:
    """Every triple of the export as rdflib terms, graph by graph (duplicates repeat)."""
    for s, p, o, _ in quads(graph, graph.base_iri):
        yield to_rdflib(s), to_rdflib(p), to_rdflib(o)


def render_nquads(graph: KnowledgeGraph) -> str:
    return render_rdf(graph, "k2graph.nq")


def render_vocabulary(_: KnowledgeGraph) -> str:
    return shipped(VOCABULARY_FILE)


__all__ = [
    "RDF_FILES",
    "SHAPES_FILE",
    "quads",
    "rdflib_triples",
    "render_nquads",
    "render_rdf",
    "render_vocabulary",
    "sections",
    "shipped",
    "to_dataset",
    "write_rdf",
]

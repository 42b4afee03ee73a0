"""The RDF export: nanopublication-style named graphs in N-Quads, TriG, Turtle and JSON-LD, plus
the k2graph vocabulary and SHACL shapes that ship with the package."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from k2graph.model import KnowledgeGraph
from k2graph.rdf import serialize
from k2graph.rdf.dataset import Quad, to_dataset, to_quads

VOCABULARY_FILE = "vocab.ttl"
SHAPES_FILE = "shapes.ttl"


@lru_cache(maxsize=4)
def quads(graph: KnowledgeGraph) -> tuple[Quad, ...]:
    """The export's quads, computed once per graph: every RDF export and the SHACL check of one
    build share them."""
    return tuple(to_quads(graph, graph.base_iri))


def shipped(name: str) -> str:
    return resources.files("k2graph.rdf").joinpath(name).read_text(encoding="utf-8")


def render_nquads(graph: KnowledgeGraph) -> str:
    return serialize.nquads(quads(graph))


def render_turtle(graph: KnowledgeGraph) -> str:
    return serialize.turtle(quads(graph))


def render_trig(graph: KnowledgeGraph) -> str:
    return serialize.trig(quads(graph))


def render_jsonld(graph: KnowledgeGraph) -> str:
    return serialize.jsonld(quads(graph))


def render_vocabulary(_: KnowledgeGraph) -> str:
    return shipped(VOCABULARY_FILE)


__all__ = [
    "SHAPES_FILE",
    "quads",
    "render_jsonld",
    "render_nquads",
    "render_trig",
    "render_turtle",
    "render_vocabulary",
    "shipped",
    "to_dataset",
    "to_quads",
]

"""The streaming RDF writers write the same graph as rdflib's own writers.

The fast path builds N-Triples text and writes N-Quads, TriG, Turtle and JSON-LD itself; the
rdflib path puts the same data into an rdflib `Dataset` and serializes it with rdflib. Both are
read back by an independent parser (pyoxigraph) and compared as sorted N-Quads (N-Triples for the
merged Turtle): with no blank nodes, equal sorted statements mean isomorphic graphs. The corpora:
the seed corpus, a generated one in the real `sources/` format, and a synthetic graph whose texts
hold every character the escaping must get right.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench_support import bench_module
from conftest import SOURCES

from k2graph.exports.rdf import RDF_FILES, render_rdf, to_dataset, write_rdf
from k2graph.model import KnowledgeGraph
from k2graph.pipeline import build_graph

# rdflib's own writers call its deprecated `Dataset.contexts` and `Dataset.default_context`.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*is deprecated:DeprecationWarning")

FORMATS = {
    "k2graph.nq": ox.RdfFormat.N_QUADS,
    "k2graph.trig": ox.RdfFormat.TRIG,
    "k2graph.jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB = {"k2graph.nq": "nquads", "k2graph.trig": "trig", "k2graph.jsonld": "json-ld"}

# Characters the writers must escape or pass through: quotes, backslashes, line breaks, tabs, a C0
# control, the Unicode line separator, an astral character, and text that looks like syntax.
NASTY = 'say "hi" \\ back\\slash\nline\r\ttab \x01 \u2028 😀 > ^^<x> "@en .} ]} {"@id":'


def generated_graph(tmp: Path) -> KnowledgeGraph:
    generate = bench_module("generate").generate  # type: ignore[attr-defined]
    generate(300, tmp / "corpus", seed=7)
    return build_graph(tmp / "corpus")


def nasty_graph() -> KnowledgeGraph:
    graph: KnowledgeGraph = bench_module("synthetic").synthetic_graph(60)  # type: ignore[attr-defined]
    source = graph.sources[0].model_copy(update={"title": NASTY, "publisher": NASTY + "2"})
    entity = graph.entities[0].model_copy(update={"name": NASTY, "description": NASTY})
    attestation = graph.attestations[0].model_copy(update={"note": NASTY})
    return graph.model_copy(
        update={
            "sources": (source, *graph.sources[1:]),
            "entities": (entity, *graph.entities[1:]),
            "attestations": (attestation, *graph.attestations[1:]),
        }
    )


DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def canonical(term: object) -> object:
    """A decimal literal in one lexical form: rdflib's TriG and Turtle writers print `0` as the
    numeral `0.0`, the same value in another spelling."""
    if isinstance(term, ox.Literal) and term.datatype == DECIMAL:
        return ox.Literal(format(Decimal(term.value).normalize(), "f"), datatype=DECIMAL)
    return term


def statements(data: bytes, fmt: ox.RdfFormat, *, merge: bool = False) -> set[object]:
    """The statements of `data` as pyoxigraph terms (quads, or triples when `merge`): with no
    blank nodes, equal sets mean isomorphic graphs."""
    parsed = ox.parse(data, format=fmt)
    if merge:
        return {ox.Triple(q.subject, q.predicate, canonical(q.object)) for q in parsed}
    return {ox.Quad(q.subject, q.predicate, canonical(q.object), q.graph_name) for q in parsed}


def compare(graph: KnowledgeGraph) -> None:
    dataset = to_dataset(graph, graph.base_iri)
    rdflib_nquads = dataset.serialize(format="nquads", encoding="utf-8")
    reference = statements(rdflib_nquads, FORMATS["k2graph.nq"])
    assert reference, "the rdflib path produced nothing"
    for name, fmt in FORMATS.items():
        ours = statements(render_rdf(graph, name).encode("utf-8"), fmt)
        theirs = (
            reference
            if name == "k2graph.nq"
            else statements(dataset.serialize(format=RDFLIB[name], encoding="utf-8"), fmt)
        )
        assert ours == theirs == reference, name
    turtle = render_rdf(graph, "k2graph.ttl").encode("utf-8")
    merged = statements(rdflib_nquads, ox.RdfFormat.N_QUADS, merge=True)
    assert statements(turtle, ox.RdfFormat.TURTLE, merge=True) == merged


def test_the_seed_corpus_writes_the_same_graph_as_rdflib() -> None:
    compare(build_graph(SOURCES))


def test_a_generated_corpus_writes_the_same_graph_as_rdflib(tmp_path: Path) -> None:
    compare(generated_graph(tmp_path))


def test_escaping_survives_every_writer() -> None:
    graph = nasty_graph()
    compare(graph)
    for name, fmt in {**FORMATS, "k2graph.ttl": ox.RdfFormat.TURTLE}.items():
        parsed = ox.parse(render_rdf(graph, name).encode("utf-8"), format=fmt)
        values = {q.object.value for q in parsed if isinstance(q.object, ox.Literal)}
        assert {NASTY, NASTY + "2"} <= values, name


def test_the_four_files_come_from_one_pass_and_match_separate_renders() -> None:
    graph = nasty_graph()
    outputs = {name: io.StringIO() for name in RDF_FILES}
    write_rdf(graph, outputs)
    for name in RDF_FILES:
        assert outputs[name].getvalue() == render_rdf(graph, name)


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_the_streamed_bytes_are_deterministic(name: str) -> None:
    graph = nasty_graph()
    assert render_rdf(graph, name) == render_rdf(nasty_graph(), name)

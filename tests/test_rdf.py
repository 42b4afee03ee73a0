"""The RDF exports, checked by independent engines: pyoxigraph parses what rdflib-free writers
wrote, pyld expands the JSON-LD to the same quads, pyshacl validates against the shipped shapes,
and the bytes do not depend on the interpreter's hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXPORTS, ROOT, SOURCES
from factory import make_corpus
from pyld import jsonld
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from k2graph.exports.rdf import quads, shipped
from k2graph.exports.rdf.namespaces import K2, OA, RDF, RDFS
from k2graph.exports.rdf.validate import shacl_problems, union_graph
from k2graph.pipeline import build_graph
from k2graph.sparql import named
from k2graph.sparql.answer import Answer

GRAPH = build_graph(SOURCES)
QUADS = set(quads(GRAPH, GRAPH.base_iri))


def oxi_quads(path: Path, fmt: ox.RdfFormat) -> set[str]:
    return {str(q) for q in ox.parse(path=str(path), format=fmt)}


def test_nquads_and_trig_parse_in_pyoxigraph_to_the_same_quads() -> None:
    nq = oxi_quads(EXPORTS / "k2graph.nq", ox.RdfFormat.N_QUADS)
    trig = oxi_quads(EXPORTS / "k2graph.trig", ox.RdfFormat.TRIG)
    assert len(nq) == len(QUADS)
    assert nq == trig


def test_turtle_parses_in_pyoxigraph_with_the_same_triple_count() -> None:
    triples = {
        str(t) for t in ox.parse(path=str(EXPORTS / "k2graph.ttl"), format=ox.RdfFormat.TURTLE)
    }
    assert len(triples) == len({(s, p, o) for s, p, o, _ in QUADS})


def test_turtle_round_trips_to_an_isomorphic_graph() -> None:
    parsed = Graph().parse(EXPORTS / "k2graph.ttl", format="turtle")
    assert isomorphic(parsed, union_graph(GRAPH))


def test_jsonld_expands_with_pyld_to_the_same_quads() -> None:
    document = json.loads((EXPORTS / "k2graph.jsonld").read_text(encoding="utf-8"))

    # The context is inline: a document loader that refuses to fetch proves nothing is loaded.
    def no_fetch(url: str, options: object) -> None:
        raise AssertionError(f"pyld tried to fetch {url}")

    produced = jsonld.to_rdf(
        document, {"format": "application/n-quads", "documentLoader": no_fetch}
    )
    from_jsonld = {str(q) for q in ox.parse(produced, format=ox.RdfFormat.N_QUADS)}
    assert from_jsonld == oxi_quads(EXPORTS / "k2graph.nq", ox.RdfFormat.N_QUADS)


def test_the_export_conforms_to_the_shipped_shapes() -> None:
    assert shacl_problems(GRAPH) == []


def test_shapes_catch_a_broken_export() -> None:
    from pyshacl import validate

    broken = union_graph(GRAPH)
    claim = next(broken.subjects(RDF.type, K2.Claim))
    broken.remove((claim, K2.subject, None))
    attestation = next(broken.subjects(RDF.type, K2.Attestation))
    broken.set((attestation, K2.modality, Literal("shouting")))
    shapes = Graph().parse(data=shipped("shapes.ttl"), format="turtle")
    conforms, _, text = validate(broken, shacl_graph=shapes)
    assert not conforms
    assert str(claim) in text
    assert "shouting" in text


def test_every_k2_term_used_is_defined_in_the_vocabulary() -> None:
    vocab = Graph().parse(data=shipped("vocab.ttl"), format="turtle")
    used = {p for _, p, _, _ in QUADS if str(p).startswith(str(K2))}
    used |= {o for _, p, o, _ in QUADS if p == RDF.type and str(o).startswith(str(K2))}
    used |= {o for _, p, o, _ in QUADS if p == K2.predicate}
    for term in used:
        assert vocab.value(term, RDFS.label) is not None, term
        assert vocab.value(term, RDFS.comment) is not None, term


def test_an_attestation_is_a_web_annotation_on_the_exact_words() -> None:
    union = union_graph(GRAPH)
    attestation = GRAPH.attestations[0]
    node = URIRef(f"{GRAPH.base_iri}attestation/{attestation.id}")
    target = union.value(node, OA.hasTarget)
    assert union.value(target, OA.hasSource) == URIRef(
        f"{GRAPH.base_iri}source/{attestation.source_id}"
    )
    selectors = set(union.objects(target, OA.hasSelector))
    quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in union)
    position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in union)
    start = union.value(position, OA.start).toPython()
    end = union.value(position, OA.end).toPython()
    text = (SOURCES / attestation.source_id / "document.txt").read_text(encoding="utf-8")
    assert str(union.value(quote, OA.exact)) == text[start:end]


def test_every_attestation_is_a_nanopublication_with_four_graphs() -> None:
    graphs = {g for _, _, _, g in QUADS}
    for attestation in GRAPH.attestations:
        base = f"{GRAPH.base_iri}np/{attestation.id}#"
        for part in ("head", "assertion", "provenance", "pubinfo"):
            assert f"<{base}{part}>" in graphs


def test_the_base_iri_is_configurable(tiny: Path) -> None:
    graph = build_graph(tiny, base_iri="https://example.org/kg")
    found = list(quads(graph, graph.base_iri))
    subjects = {s for s, _, _, _ in found if s.startswith("<https://example.org/kg/")}
    assert any(s.startswith("<https://example.org/kg/claim/") for s in subjects)
    assert not any("w3id.org/k2graph/id" in s for s, _, _, _ in found)


def build_with_seed(sources: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [
        sys.executable,
        "-m",
        "k2graph",
        "build",
        "--sources",
        str(sources),
        "--out",
        str(out),
    ]
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=ROOT)


@pytest.fixture(scope="module")
def seed_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny corpus, and its exports built once under hash seed 99."""
    root = tmp_path_factory.mktemp("hash-seed")
    sources = make_corpus(root)
    build_with_seed(sources, root / "reference", "99")
    return sources, root / "reference"


@pytest.mark.parametrize("seed", ["1", "2"])
def test_rdf_bytes_do_not_depend_on_the_hash_seed(
    seed: str, seed_reference: tuple[Path, Path], tmp_path: Path
) -> None:
    sources, reference = seed_reference
    out = tmp_path / f"out{seed}"
    build_with_seed(sources, out, seed)
    for name in ("k2graph.nq", "k2graph.ttl", "k2graph.trig", "k2graph.jsonld"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_named_queries_return_the_same_rows_on_both_engines_on_the_corpus(
    corpus_answers: dict[str, tuple[Answer, Answer]],
) -> None:
    def key(row: dict[str, object]) -> str:
        return json.dumps(row, sort_keys=True)

    assert sorted(corpus_answers) == named.names()
    for name, (by_rdflib, by_oxigraph) in corpus_answers.items():
        assert by_rdflib.rows, name
        assert sorted(map(key, by_rdflib.rows)) == sorted(map(key, by_oxigraph.rows)), name


@pytest.mark.parametrize("bad", ["https://example.org/kg#", "kg/", "https://example.org/a b/"])
def test_a_bad_base_iri_is_refused_clearly(bad: str, tiny: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from k2graph.cli import main

    out = tmp_path / "out"
    args = ["--sources", str(tiny), "--out", str(out), "--base-iri", bad]
    for command in ("build", "check"):
        result = CliRunner().invoke(main, [command, *args])
        assert result.exit_code == 1
        assert f"--base-iri: '{bad}' is not an absolute http(s) IRI" in result.stderr
    assert not out.exists()

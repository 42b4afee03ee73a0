"""SHACL validation of the RDF export with pyshacl, reported as problems like any other."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SH

from k2graph.exports.rdf import SHAPES_FILE, rdflib_triples, shipped
from k2graph.model import KnowledgeGraph
from k2graph.problems import Problem

_SHOWN = 20


def union_graph(graph: KnowledgeGraph) -> Graph:
    """Every named graph of the export merged into one rdflib graph."""
    merged = Graph()
    merged.addN((s, p, o, merged) for s, p, o in rdflib_triples(graph))  # type: ignore[misc]
    return merged


def shacl_problems(graph: KnowledgeGraph) -> list[Problem]:
    """One problem per SHACL violation (at most 20, then a count), naming node, path and why."""
    from pyshacl import validate  # imported here: loading pyshacl takes a second

    shapes = Graph().parse(data=shipped(SHAPES_FILE), format="turtle")
    conforms, report, _ = validate(union_graph(graph), shacl_graph=shapes)
    if conforms:
        return []
    assert isinstance(report, Graph)
    results = sorted(
        (
            str(report.value(r, SH.focusNode)),
            str(report.value(r, SH.resultPath)),
            str(report.value(r, SH.resultMessage)),
        )
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    )
    problems = [
        Problem(
            file="exports (RDF)",
            message=f"SHACL: {node} {path}: {message}",
            fix="a k2graph bug: report it with this message",
        )
        for node, path, message in results[:_SHOWN]
    ]
    if len(results) > _SHOWN:
        problems.append(
            Problem(file="exports (RDF)", message=f"SHACL: {len(results) - _SHOWN} more violations")
        )
    return problems

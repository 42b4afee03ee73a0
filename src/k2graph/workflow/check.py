"""What `check` does: the build's checks, the SHACL shapes and stale exports, writing nothing."""

from __future__ import annotations

from pathlib import Path

from k2graph.evidence.config import load_config
from k2graph.exports.rdf.validate import shacl_problems
from k2graph.exports.registry import render_all
from k2graph.exports.writer import JOURNAL_NAME, interrupted
from k2graph.model import DEFAULT_BASE, KnowledgeGraph
from k2graph.pipeline import run
from k2graph.problems import Problem, display_path
from k2graph.workflow.build import base_iri_problems


def check(
    sources_dir: Path,
    out_dir: Path | None,
    evidence_path: Path | None = None,
    base_iri: str = DEFAULT_BASE,
) -> tuple[KnowledgeGraph, list[Problem]]:
    """Every problem in the sources, every SHACL violation of the RDF export and, if `out_dir`
    exists, every stale or missing export."""
    config, problems = load_config(evidence_path)
    problems += base_iri_problems(base_iri)
    if problems:
        return KnowledgeGraph(), problems
    graph, problems = run(sources_dir, config, base_iri)
    if not problems:
        problems = shacl_problems(graph)
    if problems or out_dir is None or not out_dir.is_dir():
        return graph, problems
    if interrupted(out_dir):
        problems.append(
            Problem(
                file=display_path(out_dir / JOURNAL_NAME),
                message="a build was stopped while renaming its files, so the exports may be"
                " a mix of two builds",
                fix="run `k2graph build`, which finishes the renames first",
            )
        )
    for name, text in render_all(graph).items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            state = (
                "missing"
                if not path.is_file()
                else "out of date with the sources (or with the evidence weights)"
            )
            problems.append(
                Problem(
                    file=display_path(path), message=f"export is {state}", fix="run `k2graph build`"
                )
            )
    return graph, problems

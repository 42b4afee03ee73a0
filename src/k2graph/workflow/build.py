"""What `build` does, as library calls the CLI (and tests, and notebooks) share.

`build` runs the pipeline and writes every registered export (then, if asked, loads the N-Quads
into an on-disk Oxigraph store); `load_graph` builds without writing; `summary` is the line of
counts every command prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from k2graph.evidence.config import load_config
from k2graph.exports.registry import EXPORTS, producers, render_all
from k2graph.exports.writer import write_exports, write_produced
from k2graph.model import DEFAULT_BASE, KnowledgeGraph
from k2graph.pipeline import build_graph
from k2graph.problems import CorpusError, Problem, display_path
from k2graph.sparql import store as sparql_store
from k2graph.stages.gcpause import paused_gc

Progress = Callable[[str], None]
NQUADS_NAME = "k2graph.nq"  # the export `--store` loads


@dataclass(frozen=True)
class BuildReport:
    graph: KnowledgeGraph
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    store: sparql_store.StoreReport | None = None


def quiet(_: str) -> None:
    return None


def build(
    sources_dir: Path,
    out_dir: Path,
    progress: Progress = quiet,
    evidence_path: Path | None = None,
    base_iri: str = DEFAULT_BASE,
    store_dir: Path | None = None,
    skip: frozenset[str] = frozenset(),
) -> BuildReport:
    """Build the graph from `sources_dir` and write every export into `out_dir` atomically; then,
    given `store_dir`, load the N-Quads export into the Oxigraph store there (`sparql.store`).

    Raises `CorpusError` (nothing is written) when the sources or the weights have problems, and
    `StoreError` (checked before anything is written) when `store_dir` cannot be used. The
    exports named in `skip` are neither written nor touched.
    """
    if store_dir is not None:
        sparql_store.check_target(store_dir, out_dir)
    progress("reading and checking sources")
    graph = load_graph(sources_dir, evidence_path, base_iri)
    progress("writing exports")
    with paused_gc():
        written = write_produced(out_dir, producers(graph, skip))
    unchanged = tuple(
        out_dir / name
        for name in sorted(EXPORTS)
        if name not in skip and out_dir / name not in written
    )
    loaded = None
    if store_dir is not None:
        progress(f"loading the store {display_path(store_dir)}")
        loaded = sparql_store.load(out_dir / NQUADS_NAME, store_dir, out_dir)
    return BuildReport(graph, tuple(written), unchanged, loaded)


def summary(graph: KnowledgeGraph) -> str:
    """One line of counts."""
    return (
        f"{len(graph.sources)} sources, {len(graph.speakers)} speakers, "
        f"{len(graph.entities)} entities, {len(graph.claims)} claims, "
        f"{len(graph.attestations)} attestations (every quote anchored), "
        f"{len(graph.conflicts)} conflicts"
    )


_BASE_IRI = re.compile(r"https?://[^\s#<>\"{}|\\^`]+")


def base_iri_problems(base_iri: str) -> list[Problem]:
    """The base must be an absolute http(s) IRI without `#`, so minted IRIs stay valid (a `/` is
    added at the end when missing)."""
    if _BASE_IRI.fullmatch(base_iri):
        return []
    return [
        Problem(
            file="--base-iri",
            message=f"'{base_iri}' is not an absolute http(s) IRI without '#' or spaces",
            fix="give one such as https://example.org/kg/ (no spaces, no '#')",
        )
    ]


def load_graph(
    sources_dir: Path, evidence_path: Path | None = None, base_iri: str = DEFAULT_BASE
) -> KnowledgeGraph:
    """The graph of `sources_dir` scored with the weights of `evidence_path` (or the shipped
    defaults); raise `CorpusError` listing every problem, the weights' included."""
    config, problems = load_config(evidence_path)
    problems += base_iri_problems(base_iri)
    if problems:
        raise CorpusError(problems)
    return build_graph(sources_dir, config, base_iri)


def write_audit(graph: KnowledgeGraph, out_dir: Path) -> tuple[Path, ...]:
    """Write `audit.md` and `audit.json` into `out_dir` atomically; return those written."""
    files = {name: text for name, text in render_all(graph).items() if name.startswith("audit.")}
    return tuple(write_exports(out_dir, files))

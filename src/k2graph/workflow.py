"""What `build` and `check` do, as library calls the CLI (and tests, and notebooks) share.

`build` runs the pipeline and writes every registered export; `check` runs the same pipeline,
also compares the exports on disk with what a build would write, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from k2graph.exports import render_all
from k2graph.model import KnowledgeGraph
from k2graph.pipeline import build_graph, run
from k2graph.problems import Problem, display_path
from k2graph.writer import write_exports

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    graph: KnowledgeGraph
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]


def quiet(_: str) -> None:
    return None


def build(sources_dir: Path, out_dir: Path, progress: Progress = quiet) -> BuildReport:
    """Build the graph from `sources_dir` and write every export into `out_dir` atomically.

    Raises `CorpusError` (nothing is written) when the sources have problems.
    """
    progress("reading and checking sources")
    graph = build_graph(sources_dir)
    progress("rendering exports")
    files = render_all(graph)
    progress("writing exports")
    written = write_exports(out_dir, files)
    unchanged = tuple(out_dir / name for name in sorted(files) if out_dir / name not in written)
    return BuildReport(graph, tuple(written), unchanged)


def check(sources_dir: Path, out_dir: Path | None) -> tuple[KnowledgeGraph, list[Problem]]:
    """Every problem in the sources and, if `out_dir` exists, every stale or missing export."""
    graph, problems = run(sources_dir)
    if problems or out_dir is None or not out_dir.is_dir():
        return graph, problems
    for name, text in render_all(graph).items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            state = "missing" if not path.is_file() else "out of date with the sources"
            problems.append(
                Problem(
                    file=display_path(path), message=f"export is {state}", fix="run `k2graph build`"
                )
            )
    return graph, problems


def summary(graph: KnowledgeGraph) -> str:
    """One line of counts."""
    return (
        f"{len(graph.sources)} sources, {len(graph.speakers)} speakers, "
        f"{len(graph.entities)} entities, {len(graph.claims)} claims, "
        f"{len(graph.attestations)} attestations (every quote anchored), "
        f"{len(graph.conflicts)} conflicts"
    )

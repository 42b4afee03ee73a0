"""How every command reports: problems one a line on standard error and exit status 1, a spinner
on a terminal, and the screen's width and colour for tables."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from k2graph import resolve
from k2graph.exports.writer import LockTimeout
from k2graph.model import KnowledgeGraph
from k2graph.problems import CorpusError, Problem, display_path
from k2graph.query.tables import WIDTH
from k2graph.workflow.build import Progress, load_graph, quiet


def fail(problems: tuple[Problem, ...] | list[Problem]) -> NoReturn:
    """Print every problem, one a line, and a count; exit with status 1."""
    for problem in problems:
        click.echo(problem.render(), err=True)
    noun = "problem" if len(problems) == 1 else "problems"
    click.echo(f"{len(problems)} {noun} found.", err=True)
    sys.exit(1)


def fail_with(message: str) -> NoReturn:
    """Print one line on standard error and exit with status 1."""
    click.echo(message, err=True)
    sys.exit(1)


def write_failure(err: OSError | LockTimeout, out_dir: Path) -> str:
    """The one line for an export that could not be written."""
    if isinstance(err, LockTimeout):
        return f"{err}: another build holds the lock; wait for it and retry"
    return f"cannot write exports to {display_path(out_dir)}: {err.strerror}"


@contextmanager
def progress() -> Iterator[Progress]:
    """Stage names on a spinner when standard error is a terminal; silence otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield quiet
        return
    with console.status("k2graph") as status:
        yield lambda stage: status.update(f"k2graph: {stage}…")


def graph_or_exit(sources_dir: Path, evidence_path: Path | None) -> KnowledgeGraph:
    """The built graph, or every problem printed and exit status 1."""
    try:
        return load_graph(sources_dir, evidence_path)
    except CorpusError as err:
        fail(err.problems)


def print_or_fail(make: Callable[[], str]) -> None:
    """Print what `make` returns, or its one-line `NotFound` message and exit with status 1."""
    try:
        text = make()
    except resolve.NotFound as err:
        fail_with(str(err))
    click.echo(text, nl=False)


def screen() -> tuple[int, bool]:
    """Width and colour for standard output: the terminal's, or 80 columns and no colour in a
    pipe; never colour with NO_COLOR set."""
    console = Console()
    if not console.is_terminal:
        return WIDTH, False
    return console.width, not console.no_color and console.color_system is not None

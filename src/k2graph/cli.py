"""The `k2graph` command line: parse, make one library call, print. No logic lives here.

Failures print one line per problem on standard error and exit with status 1; no traceback is
shown for a problem in the user's input.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from k2graph import __version__, workflow
from k2graph.problems import CorpusError, Problem, display_path
from k2graph.writer import LockTimeout

SOURCES_OPTION = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("sources"),
    show_default=True,
    help="Folder holding one folder per source document.",
)
OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports"),
    show_default=True,
    help="Folder the exports are written to.",
)


def _fail(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.render(), err=True)
    noun = "problem" if len(problems) == 1 else "problems"
    click.echo(f"{len(problems)} {noun} found.", err=True)
    sys.exit(1)


@contextmanager
def _progress() -> Iterator[workflow.Progress]:
    """Stage names on a spinner when standard error is a terminal; silence otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield workflow.quiet
        return
    with console.status("k2graph") as status:
        yield lambda stage: status.update(f"k2graph: {stage}…")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="k2graph")
def main() -> None:
    """k2graph: who claims what about vitamin K2, on what evidence, and where sources disagree."""


@main.command()
@SOURCES_OPTION
@OUT_OPTION
def build(sources_dir: Path, out_dir: Path) -> None:
    """Build the graph from the sources and write every export atomically.

    Nothing is written when any source has a problem; every problem is listed.
    """
    try:
        with _progress() as progress:
            report = workflow.build(sources_dir, out_dir, progress)
    except CorpusError as err:
        _fail(err.problems)
    except LockTimeout as err:
        click.echo(f"{err}: another build holds the lock; wait for it and retry", err=True)
        sys.exit(1)
    except OSError as err:
        click.echo(f"cannot write exports to {display_path(out_dir)}: {err.strerror}", err=True)
        sys.exit(1)
    click.echo(workflow.summary(report.graph))
    for path in report.written:
        click.echo(f"wrote {display_path(path)}")
    for path in report.unchanged:
        click.echo(f"unchanged {display_path(path)}")


@main.command()
@SOURCES_OPTION
@OUT_OPTION
@click.option("--no-exports", is_flag=True, help="Do not compare the exports on disk.")
def check(sources_dir: Path, out_dir: Path, no_exports: bool) -> None:
    """Check the sources (and that the exports are current); write nothing.

    Lists every problem, one per line, and exits with status 1 if there is any.
    """
    graph, problems = workflow.check(sources_dir, None if no_exports else out_dir)
    if problems:
        _fail(sorted(set(problems), key=Problem.sort_key))
    click.echo(f"ok: {workflow.summary(graph)}")

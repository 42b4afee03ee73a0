"""The `k2graph` command line: parse, make one library call, print. No logic lives here.

Each module holds the commands of one part (`build`: build, view, check, audit; `queries`:
sources, claims, show, conflicts; `sparql`; `push`) and this group adds them all. Failures print
one line per problem on standard error and exit with status 1; no traceback is shown for a problem
in the user's input (`output`).
"""

from __future__ import annotations

import click

from k2graph import __version__
from k2graph.cli import build, push, queries, sparql


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="k2graph")
def main() -> None:
    """k2graph: who claims what about vitamin K2, on what evidence, and where sources disagree."""


for command in (
    build.build,
    build.view,
    build.check,
    build.audit,
    queries.sources,
    queries.claims,
    queries.show,
    queries.conflicts,
    sparql.sparql,
    push.push_command,
):
    main.add_command(command)

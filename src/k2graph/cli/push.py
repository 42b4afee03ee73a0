"""The `k2graph push` command: parse, one library call (`remote.push`), print.

Progress goes to standard error, one line per batch; the summary to standard output. A failure is
one line on standard error and exit status 1.
"""

from __future__ import annotations

from pathlib import Path

import click

from k2graph.cli.output import fail_with
from k2graph.remote import push


@click.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's Graph Store endpoint (Oxigraph: http://127.0.0.1:7878/store); with "
    "--method update, its update endpoint (Oxigraph: http://127.0.0.1:7878/update).",
)
@click.option(
    "--graph",
    metavar="IRI",
    default=None,
    help="Put every triple into this one named graph (the export's graph names are dropped).",
)
@click.option(
    "--exports",
    "exports_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports"),
    show_default=True,
    help=f"Folder holding {push.NQUADS}.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=push.DEFAULT_BATCH,
    show_default=True,
    help="Quads per request.",
)
@click.option(
    "--method",
    type=click.Choice(push.METHODS),
    default="gsp",
    show_default=True,
    help="gsp: SPARQL 1.1 Graph Store HTTP Protocol POST; update: SPARQL 1.1 Update INSERT DATA.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=push.DEFAULT_RETRIES,
    show_default=True,
    help="Times a batch is sent again after no answer, a timeout, HTTP 5xx or 429 (never "
    "after another 4xx).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=push.DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the store's answer to one batch.",
)
def push_command(
    endpoint: str,
    graph: str | None,
    exports_dir: Path,
    batch_size: int,
    method: str,
    retries: int,
    timeout: float,
) -> None:
    """Load exports/k2graph.nq into a running SPARQL 1.1 store over HTTP, in batches.

    The file is streamed, never read whole. Batches already sent stay loaded when a later one
    fails, and re-running is safe: a store keeps each quad once.
    """
    options = push.Options(endpoint, graph, exports_dir, batch_size, retries, timeout, method)
    try:
        report = push.push(options, lambda line: click.echo(line, err=True))
    except push.PushError as err:
        fail_with(str(err))
    click.echo(report.summary())

"""The `k2graph sparql` command: parse, one library call (`workflow.sparql.run`), print."""

from __future__ import annotations

from pathlib import Path

import click

from k2graph.cli.output import fail_with
from k2graph.sparql.engines import ENGINES
from k2graph.sparql.errors import SparqlError
from k2graph.sparql.results import FORMATS
from k2graph.workflow import sparql as sparql_request


@click.command()
@click.argument("query", required=False)
@click.option(
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read the query from this .rq file.",
)
@click.option("--named", default=None, help="Run a named query (see --list).")
@click.option("--list", "list_named", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="VAR=VALUE",
    help="Pre-bind a result variable: <iri> or prefix:name is an IRI, anything else a literal.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table, or the W3C SPARQL 1.1 results formats (json, csv, tsv).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="oxigraph",
    show_default=True,
    help="Oxigraph is faster; its default graph keeps a triple once per graph (use DISTINCT).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=sparql_request.DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds before the query (with loading the data) is stopped, or to wait for the "
    "endpoint's answer.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=sparql_request.DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many rows.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=64),
    default=sparql_request.DEFAULT_MAX_MEMORY,
    show_default=True,
    metavar="MB",
    help="Megabytes of memory the query may use (with loading the data) before it is stopped.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path, dir_okay=False),
    default=sparql_request.DEFAULT_DATA,
    show_default=True,
    help="The N-Quads export to query.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Send the query to this SPARQL 1.1 query endpoint (e.g. http://127.0.0.1:7878/query) "
    "instead of running it on --data; --engine and --data are then unused.",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Query this on-disk Oxigraph store (written by `k2graph build --store DIR`) instead of"
    " loading --data; warns when it was not loaded from the current --data.",
)
def sparql(
    query: str | None,
    query_file: Path | None,
    named: str | None,
    list_named: bool,
    binds: tuple[str, ...],
    output: str,
    engine: str,
    timeout: float,
    limit: int,
    max_memory: int,
    data: Path,
    endpoint: str | None,
    store: Path | None,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the RDF export,
    or over a SPARQL endpoint holding it (--endpoint).

    The prefixes of the RDF mapping, docs/rdf.md (k2, k2p, oa, prov, cito, dcterms, skos, np, obo,
    rdf, rdfs, xsd, owl), are predeclared. SERVICE, FROM and updates are refused.
    """
    request = sparql_request.Request(
        query,
        query_file,
        named,
        list_named,
        binds,
        output,
        engine,
        timeout,
        limit,
        data,
        endpoint,
        store,
        max_memory,
    )
    try:
        result = sparql_request.run(request)
    except SparqlError as err:
        fail_with(str(err))
    click.echo(result.text, nl=False)
    if result.note:
        click.echo(result.note, err=True)

"""The `k2graph` command line: parse, make one library call, print. No logic lives here.

Failures print one line per problem on standard error and exit with status 1; no traceback is
shown for a problem in the user's input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from k2graph import __version__, resolve, workflow
from k2graph.html import HTML_NAME
from k2graph.html.browser import open_page
from k2graph.model import KnowledgeGraph
from k2graph.problems import CorpusError, Problem, display_path
from k2graph.rdf.namespaces import DEFAULT_BASE
from k2graph.sparql import api as sparql_api
from k2graph.sparql.engines import ENGINES
from k2graph.sparql.errors import SparqlError
from k2graph.sparql.results import FORMATS
from k2graph.sparql.store import StoreError
from k2graph.vocabulary import ConflictKind, Severity
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


EVIDENCE_OPTION = click.option(
    "--evidence-config",
    "evidence_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML file overriding evidence weights (defaults: see docs/evidence.md).",
)


BASE_OPTION = click.option(
    "--base-iri",
    default=DEFAULT_BASE,
    show_default=True,
    help="Base of the instance IRIs in the RDF exports.",
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
@EVIDENCE_OPTION
@BASE_OPTION
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Then load the N-Quads export into an on-disk Oxigraph store in this folder (e.g."
    " .k2graph-store, never inside --out), replaced atomically, for `k2graph sparql --store`.",
)
@click.option(
    "--no-html",
    is_flag=True,
    help="Leave the interactive page (k2graph.html) out, as it was: for large corpora, whose "
    "page takes long to lay out and to open.",
)
def build(
    sources_dir: Path,
    out_dir: Path,
    evidence_path: Path | None,
    base_iri: str,
    store_dir: Path | None,
    no_html: bool,
) -> None:
    """Build the graph from the sources and write every export atomically.

    Nothing is written when any source has a problem; every problem is listed.
    """
    skip = frozenset({HTML_NAME}) if no_html else frozenset()
    report = _build(sources_dir, out_dir, evidence_path, base_iri, store_dir, skip)
    click.echo(workflow.summary(report.graph))
    for path in report.written:
        click.echo(f"wrote {display_path(path)}")
    for path in report.unchanged:
        click.echo(f"unchanged {display_path(path)}")
    for name in sorted(skip):
        click.echo(f"skipped {display_path(out_dir / name)} (--no-html)")
    if report.store is not None:
        click.echo(report.store.line())


@main.command()
@SOURCES_OPTION
@OUT_OPTION
@EVIDENCE_OPTION
def view(sources_dir: Path, out_dir: Path, evidence_path: Path | None) -> None:
    """Build, then open the interactive graph page (exports/k2graph.html) in your browser.

    The page is one offline HTML file. When no browser can be started, its path is printed
    instead; open it in any browser.
    """
    report = _build(sources_dir, out_dir, evidence_path, DEFAULT_BASE)
    click.echo(workflow.summary(report.graph))
    page = out_dir / HTML_NAME
    if open_page(page):
        click.echo(f"opened {display_path(page)} in your browser")
    else:
        click.echo(f"no browser could be started; open this file in one:\n{page.resolve()}")


def _build(
    sources_dir: Path,
    out_dir: Path,
    evidence_path: Path | None,
    base_iri: str,
    store_dir: Path | None = None,
    skip: frozenset[str] = frozenset(),
) -> workflow.BuildReport:
    try:
        with _progress() as progress:
            return workflow.build(
                sources_dir, out_dir, progress, evidence_path, base_iri, store_dir, skip
            )
    except CorpusError as err:
        _fail(err.problems)
    except StoreError as err:
        click.echo(str(err), err=True)
    except LockTimeout as err:
        click.echo(f"{err}: another build holds the lock; wait for it and retry", err=True)
    except OSError as err:
        click.echo(f"cannot write exports to {display_path(out_dir)}: {err.strerror}", err=True)
    sys.exit(1)


@main.command()
@SOURCES_OPTION
@OUT_OPTION
@click.option("--no-exports", is_flag=True, help="Do not compare the exports on disk.")
@EVIDENCE_OPTION
@BASE_OPTION
def check(
    sources_dir: Path,
    out_dir: Path,
    no_exports: bool,
    evidence_path: Path | None,
    base_iri: str,
) -> None:
    """Check the sources (and that the exports are current); write nothing.

    Lists every problem, one per line, and exits with status 1 if there is any.
    """
    graph, problems = workflow.check(
        sources_dir, None if no_exports else out_dir, evidence_path, base_iri
    )
    if problems:
        _fail(sorted(set(problems), key=Problem.sort_key))
    click.echo(f"ok: {workflow.summary(graph)}")


@main.command()
@SOURCES_OPTION
@EVIDENCE_OPTION
@click.option(
    "--source",
    "source_id",
    default=None,
    help="Only conflicts with a side in this source (identifier, title or unique prefix).",
)
@click.option(
    "--kind",
    type=click.Choice([k.value for k in ConflictKind]),
    default=None,
    help="Only conflicts of this kind.",
)
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default=None,
    help="Only conflicts at least this severe (low < moderate < high).",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="Output format; the JSON is documented in docs/conflicts.md, the CSV in docs/api.md.",
)
def conflicts(
    sources_dir: Path,
    evidence_path: Path | None,
    source_id: str | None,
    kind: str | None,
    min_severity: str | None,
    output: str,
) -> None:
    """List the conflicts, strongest first: both sides, their quotes and strengths, and which
    side the evidence favours."""
    graph = _graph(sources_dir, evidence_path)
    _print_or_fail(lambda: workflow.conflicts_report(graph, source_id, kind, min_severity, output))


@main.command()
@SOURCES_OPTION
@OUT_OPTION
@EVIDENCE_OPTION
def audit(sources_dir: Path, out_dir: Path, evidence_path: Path | None) -> None:
    """Write the audit (audit.md and audit.json): conflicts first, then a profile per source,
    then the claims that rest on a single weak source. `build` writes them too."""
    graph = _graph(sources_dir, evidence_path)
    try:
        written = workflow.write_audit(graph, out_dir)
    except LockTimeout as err:
        click.echo(f"{err}: another build holds the lock; wait for it and retry", err=True)
        sys.exit(1)
    except OSError as err:
        click.echo(f"cannot write exports to {display_path(out_dir)}: {err.strerror}", err=True)
        sys.exit(1)
    click.echo(f"{len(graph.conflicts)} conflicts, {len(graph.sources)} sources profiled")
    for name in ("audit.md", "audit.json"):
        state = "wrote" if out_dir / name in written else "unchanged"
        click.echo(f"{state} {display_path(out_dir / name)}")


@main.command()
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
    default=sparql_api.DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds before the query (with loading the data) is stopped, or to wait for the "
    "endpoint's answer.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=sparql_api.DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many rows.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path, dir_okay=False),
    default=sparql_api.DEFAULT_DATA,
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
    data: Path,
    endpoint: str | None,
    store: Path | None,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the RDF export,
    or over a SPARQL endpoint holding it (--endpoint).

    The prefixes of the RDF mapping, docs/rdf.md (k2, k2p, oa, prov, cito, dcterms, skos, np, obo,
    rdf, rdfs, xsd, owl), are predeclared. SERVICE, FROM and updates are refused.
    """
    request = sparql_api.Request(
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
    )
    try:
        result = sparql_api.run(request)
    except SparqlError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    click.echo(result.text, nl=False)
    if result.note:
        click.echo(result.note, err=True)


def _graph(sources_dir: Path, evidence_path: Path | None) -> KnowledgeGraph:
    try:
        return workflow.load_graph(sources_dir, evidence_path)
    except CorpusError as err:
        _fail(err.problems)
        raise  # pragma: no cover - _fail exits


def _print_or_fail(make: Callable[[], str]) -> None:
    """Print what `make` returns, or its one-line `NotFound` message and exit with status 1."""
    try:
        text = make()
    except resolve.NotFound as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    click.echo(text, nl=False)


# The query commands (sources, claims, show) and `push` live in their own modules, which add them
# to `main`.
from k2graph import cli_push, cli_queries  # noqa: E402, F401

"""The commands that build and check: `build`, `view`, `check` and `audit`."""

from __future__ import annotations

from pathlib import Path

import click

from k2graph.cli.options import BASE_OPTION, EVIDENCE_OPTION, OUT_OPTION, SOURCES_OPTION
from k2graph.cli.output import fail, fail_with, graph_or_exit, progress, write_failure
from k2graph.exports.html import HTML_NAME
from k2graph.exports.html.browser import open_page
from k2graph.exports.writer import LockTimeout
from k2graph.model import DEFAULT_BASE
from k2graph.problems import CorpusError, Problem, display_path
from k2graph.sparql.store import StoreError
from k2graph.workflow import build as workflow
from k2graph.workflow.check import check as check_sources


@click.command()
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


@click.command()
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
        with progress() as report_stage:
            return workflow.build(
                sources_dir, out_dir, report_stage, evidence_path, base_iri, store_dir, skip
            )
    except CorpusError as err:
        fail(err.problems)
    except StoreError as err:
        fail_with(str(err))
    except (LockTimeout, OSError) as err:
        fail_with(write_failure(err, out_dir))


@click.command()
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
    graph, problems = check_sources(
        sources_dir, None if no_exports else out_dir, evidence_path, base_iri
    )
    if problems:
        fail(sorted(set(problems), key=Problem.sort_key))
    click.echo(f"ok: {workflow.summary(graph)}")


@click.command()
@SOURCES_OPTION
@OUT_OPTION
@EVIDENCE_OPTION
def audit(sources_dir: Path, out_dir: Path, evidence_path: Path | None) -> None:
    """Write the audit (audit.md and audit.json): conflicts first, then a profile per source,
    then the claims that rest on a single weak source. `build` writes them too."""
    graph = graph_or_exit(sources_dir, evidence_path)
    try:
        written = workflow.write_audit(graph, out_dir)
    except (LockTimeout, OSError) as err:
        fail_with(write_failure(err, out_dir))
    click.echo(f"{len(graph.conflicts)} conflicts, {len(graph.sources)} sources profiled")
    for name in ("audit.md", "audit.json"):
        state = "wrote" if out_dir / name in written else "unchanged"
        click.echo(f"{state} {display_path(out_dir / name)}")

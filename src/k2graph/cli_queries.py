"""The query commands: `k2graph sources`, `claims` and `show` (added to the `cli` group).

Like every command: parse, one library call (`reports`), print; a name that matches nothing
prints one line and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console

from k2graph import query, reports, tables
from k2graph.cli import EVIDENCE_OPTION, SOURCES_OPTION, _graph, _print_or_fail, main
from k2graph.vocabulary import GradeLabel, SpeakerKind

FORMAT_OPTION = click.option(
    "--format",
    "output",
    type=click.Choice(tables.FORMATS),
    default="table",
    show_default=True,
    help="table (fits the terminal, 80 columns in a pipe), or json, csv, markdown "
    "(docs/api.md documents the JSON and CSV).",
)


def _screen() -> tuple[int, bool]:
    """Width and colour for standard output: the terminal's, or 80 columns and no colour in a
    pipe; never colour with NO_COLOR set."""
    console = Console()
    if not console.is_terminal:
        return tables.WIDTH, False
    return console.width, not console.no_color and console.color_system is not None


@main.command()
@SOURCES_OPTION
@EVIDENCE_OPTION
@FORMAT_OPTION
def sources(sources_dir: Path, evidence_path: Path | None, output: str) -> None:
    """List the sources: title, kind, publication status, commercial interest, number of
    attestations and mean evidence strength."""
    graph = _graph(sources_dir, evidence_path)
    width, color = _screen()
    _print_or_fail(lambda: reports.sources_report(graph, output, width, color))


@main.command()
@SOURCES_OPTION
@EVIDENCE_OPTION
@click.option(
    "--source",
    "source",
    multiple=True,
    help="Only claims this source attests (identifier, title or unique prefix; repeatable).",
)
@click.option(
    "--entity",
    default=None,
    help="Only claims naming this entity as subject, object or qualifier (name, synonym or "
    "unique prefix, any case).",
)
@click.option(
    "--include-narrower",
    is_flag=True,
    help="With --entity, also claims about narrower entities (MK-7 for vitamin K2).",
)
@click.option("--predicate", default=None, help="Only claims with this predicate (reverses …).")
@click.option(
    "--speaker",
    type=click.Choice([k.value for k in SpeakerKind]),
    default=None,
    help="Only claims stated by a speaker of this kind.",
)
@click.option(
    "--min-strength",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only claims whose strength score is at least this.",
)
@click.option(
    "--label",
    multiple=True,
    type=click.Choice([g.value for g in GradeLabel]),
    help="Only claims with this strength label (repeatable: --label low --label 'very low').",
)
@click.option("--conflicted", is_flag=True, help="Only claims in at least one conflict.")
@click.option(
    "--single-source", is_flag=True, help="Only claims every attestation of which is in one source."
)
@click.option(
    "--text", default=None, help="Only claims whose text or quotes contain every one of WORDS."
)
@FORMAT_OPTION
@click.option(
    "--sort",
    type=click.Choice(query.SORTS),
    default="strength",
    show_default=True,
    help="strength (strongest first), sources (most sources first) or id.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N claims.")
def claims(sources_dir: Path, evidence_path: Path | None, output: str, **given: Any) -> None:
    """List the claims that pass every filter given: who states each, and how strongly it is
    supported. Names accept synonyms, unique prefixes and any case."""
    graph = _graph(sources_dir, evidence_path)
    filters = query.ClaimFilters(**given)
    width, color = _screen()
    _print_or_fail(lambda: reports.claims_report(graph, filters, output, width, color))


@main.command()
@click.argument("identifier")
@SOURCES_OPTION
@EVIDENCE_OPTION
def show(identifier: str, sources_dir: Path, evidence_path: Path | None) -> None:
    """Show one claim, source, conflict or attestation (a unique identifier prefix will do):
    every attestation with its quote in context, speaker, modality and basis, the evidence
    factors, the provenance chain, and the conflicts with their other side."""
    graph = _graph(sources_dir, evidence_path)
    width, color = _screen()
    _print_or_fail(lambda: reports.show_report(graph, identifier, width, color))

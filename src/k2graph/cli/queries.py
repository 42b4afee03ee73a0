"""The query commands: `k2graph sources`, `claims`, `show` and `conflicts`.

Like every command: parse, one library call (`reports`), print; a name that matches nothing
prints one line and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from k2graph.cli.options import EVIDENCE_OPTION, FORMAT_OPTION, SOURCES_OPTION
from k2graph.cli.output import graph_or_exit, print_or_fail, screen
from k2graph.query import reports
from k2graph.query.claims import SORTS, ClaimFilters
from k2graph.vocabulary import ConflictKind, GradeLabel, Severity, SpeakerKind


@click.command()
@SOURCES_OPTION
@EVIDENCE_OPTION
@FORMAT_OPTION
def sources(sources_dir: Path, evidence_path: Path | None, output: str) -> None:
    """List the sources: title, kind, publication status, commercial interest, number of
    attestations and mean evidence strength."""
    graph = graph_or_exit(sources_dir, evidence_path)
    width, color = screen()
    print_or_fail(lambda: reports.sources_report(graph, output, width, color))


@click.command()
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
    type=click.Choice(SORTS),
    default="strength",
    show_default=True,
    help="strength (strongest first), sources (most sources first) or id.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N claims.")
def claims(sources_dir: Path, evidence_path: Path | None, output: str, **given: Any) -> None:
    """List the claims that pass every filter given: who states each, and how strongly it is
    supported. Names accept synonyms, unique prefixes and any case."""
    graph = graph_or_exit(sources_dir, evidence_path)
    filters = ClaimFilters(**given)
    width, color = screen()
    print_or_fail(lambda: reports.claims_report(graph, filters, output, width, color))


@click.command()
@click.argument("identifier")
@SOURCES_OPTION
@EVIDENCE_OPTION
def show(identifier: str, sources_dir: Path, evidence_path: Path | None) -> None:
    """Show one claim, source, conflict or attestation (a unique identifier prefix will do):
    every attestation with its quote in context, speaker, modality and basis, the evidence
    factors, the provenance chain, and the conflicts with their other side."""
    graph = graph_or_exit(sources_dir, evidence_path)
    width, color = screen()
    print_or_fail(lambda: reports.show_report(graph, identifier, width, color))


@click.command()
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
    graph = graph_or_exit(sources_dir, evidence_path)
    print_or_fail(lambda: reports.conflicts_report(graph, source_id, kind, min_severity, output))

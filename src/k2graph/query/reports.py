"""What `k2graph sources`, `claims`, `show` and `conflicts` print: one call each from the command
line.

Each returns the text to print, or raises `resolve.NotFound` (one line) for a name or
identifier that names nothing.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from k2graph import resolve
from k2graph.conflicts.render import render_json, render_markdown, render_table
from k2graph.conflicts.views import Filters, conflict_views
from k2graph.model import KnowledgeGraph
from k2graph.query import claims as query
from k2graph.query import show, tables
from k2graph.vocabulary import ConflictKind, Severity


def sources_report(graph: KnowledgeGraph, fmt: str, width: int, color: bool) -> str:
    return tables.render(query.source_rows(graph), fmt, {}, width, color)


def claims_report(
    graph: KnowledgeGraph, filters: query.ClaimFilters, fmt: str, width: int, color: bool
) -> str:
    rows = query.select_claims(graph, filters)
    return tables.render(rows, fmt, shown_filters(filters), width, color)


def shown_filters(filters: query.ClaimFilters) -> dict[str, Any]:
    """The filters as given, for the JSON document (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(filters).items()}


def show_report(graph: KnowledgeGraph, given: str, width: int, color: bool) -> str:
    return show.show(graph, given, width, color)


def conflicts_report(
    graph: KnowledgeGraph,
    source: str | None,
    kind: str | None,
    min_severity: str | None,
    output: str,
) -> str:
    """`k2graph conflicts` output: the filtered conflicts as a table, JSON, CSV or Markdown.

    `source` may be a title or a unique prefix; raise `resolve.NotFound` when it names nothing.
    """
    filters = Filters(
        source=resolve.source_id(graph, source) if source is not None else None,
        kind=ConflictKind(kind) if kind else None,
        min_severity=Severity(min_severity) if min_severity else None,
    )
    if output == "csv":
        return tables.render_csv(query.conflict_rows(graph, filters))
    views = conflict_views(graph, filters)
    if output == "json":
        shown = {
            "source": filters.source,
            "kind": filters.kind.value if filters.kind else None,
            "min_severity": filters.min_severity.value if filters.min_severity else None,
        }
        return render_json(views, shown, graph.evidence_config)
    if output == "markdown":
        return render_markdown(views)
    return render_table(views)

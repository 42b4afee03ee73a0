"""What `k2graph sources`, `claims` and `show` print: one call each from the command line.

Each returns the text to print, or raises `resolve.NotFound` (one line) for a name or
identifier that names nothing.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from k2graph import query, show, tables
from k2graph.model import KnowledgeGraph


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

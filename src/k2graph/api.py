"""The Python API: `k2graph.load(sources_dir)` and the queries of the command line as methods.

`K2Graph` wraps the canonical model (`.graph`); its methods take the same filters, under the same
names, as `k2graph claims` and `k2graph conflicts`, and return typed, frozen rows (`rows`).
Documented, with examples checked by the tests, in docs/api.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from k2graph import resolve
from k2graph.conflicts.views import Filters
from k2graph.model import KnowledgeGraph
from k2graph.query import claims as query
from k2graph.rows import ClaimRow, ConflictRow, Rows, SourceRow
from k2graph.vocabulary import ConflictKind, Severity

if TYPE_CHECKING:  # the heavy modules are imported when first used
    import networkx as nx
    from pyoxigraph import Store
    from rdflib import Dataset

    from k2graph.sparql.inprocess import SparqlResult


def _names(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(repr=False)
class K2Graph:
    """The knowledge graph of a sources folder, with query methods."""

    graph: KnowledgeGraph
    _store: Store | None = field(default=None)

    def __repr__(self) -> str:
        from k2graph.workflow.build import summary

        return f"<K2Graph: {summary(self.graph)}>"

    def claims(
        self,
        source: str | Iterable[str] | None = None,
        entity: str | None = None,
        *,
        include_narrower: bool = False,
        predicate: str | None = None,
        speaker: str | None = None,
        min_strength: float | None = None,
        label: str | Iterable[str] | None = None,
        conflicted: bool = False,
        single_source: bool = False,
        text: str | None = None,
        sort: str = "strength",
        limit: int | None = None,
    ) -> Rows[ClaimRow]:
        """The claims passing every filter given (see `k2graph claims --help`).

        Raises `k2graph.resolve.NotFound` for a source, entity or predicate that names nothing.
        """
        filters = query.ClaimFilters(
            source=_names(source),
            entity=entity,
            include_narrower=include_narrower,
            predicate=predicate,
            speaker=speaker,
            min_strength=min_strength,
            label=_names(label),
            conflicted=conflicted,
            single_source=single_source,
            text=text,
            sort=sort,
            limit=limit,
        )
        check_choices(filters)
        return query.select_claims(self.graph, filters)

    def sources(self) -> Rows[SourceRow]:
        """Every source with its kind, status, commercial interest and mean evidence strength."""
        return query.source_rows(self.graph)

    def conflicts(
        self,
        source: str | None = None,
        kind: str | None = None,
        min_severity: str | None = None,
    ) -> Rows[ConflictRow]:
        """The conflicts, strongest first (the filters of `k2graph conflicts`)."""
        filters = Filters(
            source=resolve.source_id(self.graph, source) if source else None,
            kind=ConflictKind(kind) if kind else None,
            min_severity=Severity(min_severity) if min_severity else None,
        )
        return query.conflict_rows(self.graph, filters)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Sources, claims and entities as a networkx MultiDiGraph (see docs/api.md)."""
        from k2graph.exports.network import to_networkx

        return to_networkx(self.graph)

    def to_rdf(self) -> Dataset:
        """The RDF export as an rdflib Dataset (nanopublication named graphs; docs/rdf.md)."""
        from k2graph.exports.rdf import to_dataset

        return to_dataset(self.graph, self.graph.base_iri)

    def sparql(self, text: str, limit: int = 1000) -> SparqlResult:
        """Run a read-only query in-process on Oxigraph; updates, SERVICE and FROM are refused
        (`k2graph.sparql.errors.SparqlError`) before anything runs, as on the command line."""
        from k2graph.sparql.inprocess import run_query

        result, self._store = run_query(self.graph, text, limit, self._store)
        return result


def check_choices(filters: query.ClaimFilters) -> None:
    """Refuse a sort, label or speaker kind outside its closed set, naming the allowed ones."""
    from k2graph.vocabulary import GradeLabel, SpeakerKind

    allowed: list[tuple[str, Iterable[str], Iterable[str]]] = [
        ("sort", (filters.sort,), query.SORTS),
        ("label", filters.label, [g.value for g in GradeLabel]),
        ("speaker", (filters.speaker,) if filters.speaker else (), [k.value for k in SpeakerKind]),
    ]
    for name, given, choices in allowed:
        for value in given:
            if value not in choices:
                options = ", ".join(choices)
                raise ValueError(f"unknown {name} '{value}' — use one of: {options}")


def load(sources_dir: str | Path = "sources", evidence_config: str | Path | None = None) -> K2Graph:
    """Build the graph of `sources_dir` (raises `k2graph.problems.CorpusError` on problems)."""
    from k2graph.workflow.build import load_graph

    evidence = Path(evidence_config) if evidence_config is not None else None
    return K2Graph(load_graph(Path(sources_dir), evidence))

"""SPARQL for the Python API: in-process on Oxigraph, behind the same `guard` as the CLI.

The command line runs queries in a child process so that `--timeout` can stop them; the API runs
them here, on an Oxigraph store built once from the graph's N-Quads. The query is checked first,
so updates, SERVICE and FROM are refused before the store is even built.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict

from k2graph.model import KnowledgeGraph
from k2graph.sparql import engines, guard

Store = ox.Store


class SparqlResult(BaseModel):
    """A query's answer: `rows` maps each variable to its value as a string (IRIs in full);
    `boolean` holds an ASK answer; `truncated` says rows were cut at the limit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    form: str
    variables: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    boolean: bool | None = None
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_dataframe(self) -> Any:
        """A `pandas.DataFrame` with one column per variable (needs the `pandas` extra)."""
        from k2graph.rows import pandas

        return pandas().DataFrame(list(self.rows), columns=list(self.variables))


def build_store(graph: KnowledgeGraph) -> ox.Store:
    from k2graph.exports.rdf import render_nquads

    store = ox.Store()
    store.load(render_nquads(graph).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def run_query(
    graph: KnowledgeGraph, text: str, limit: int, store: ox.Store | None = None
) -> tuple[SparqlResult, ox.Store]:
    """Check `text`, then run it on `store` (built from `graph` when None); return the store so
    the caller can keep it for the next query."""
    checked = guard.check(text)
    store = store if store is not None else build_store(graph)
    answer = engines.query_oxigraph(store, checked, {}, limit)
    rows = tuple({name: term["value"] for name, term in row.items()} for row in answer.rows)
    result = SparqlResult(
        form=answer.form,
        variables=tuple(answer.variables),
        rows=rows,
        boolean=answer.boolean,
        truncated=answer.truncated,
    )
    return result, store

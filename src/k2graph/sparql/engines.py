"""Load the N-Quads export into rdflib or Oxigraph (or open the on-disk Oxigraph store) and run one
checked query on it.

The default graph is the union of the named graphs on both engines (rdflib
`Dataset(default_union=True)`, Oxigraph `use_default_graph_as_union=True`). Note that Oxigraph's
union keeps a triple once per graph holding it while rdflib's keeps it once: queries that must
agree across engines use DISTINCT. Runs inside the worker process, never in the CLI's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.term import BNode, Literal, Node, URIRef, Variable

from k2graph.sparql.answer import TRIPLE_VARIABLES, Answer, Row, Term, capped, literal
from k2graph.sparql.guard import CheckedQuery
from k2graph.sparql.prefixes import PREFIXES
from k2graph.sparql.store import open_read_only

ENGINES = ("rdflib", "oxigraph")


def execute(
    engine: str,
    data: Path,
    checked: CheckedQuery,
    bindings: dict[str, Term],
    limit: int,
    store: Path | None = None,
) -> Answer:
    """Run `checked` on the dataset in `data` (or, given `store`, on that on-disk Oxigraph store,
    opened read-only), keeping at most `limit + 1` rows."""
    if store is not None:
        return query_oxigraph(open_read_only(store), checked, bindings, limit)
    if engine == "rdflib":
        return query_rdflib(load_rdflib(data), checked, bindings, limit)
    return query_oxigraph(load_oxigraph(data), checked, bindings, limit)


def load_rdflib(data: Path) -> rdflib.Dataset:
    dataset = rdflib.Dataset(default_union=True)
    with data.open("rb") as stream:  # rdflib leaves a path's file handle open
        dataset.parse(stream, format="nquads")
    return dataset


def load_oxigraph(data: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(data), format=ox.RdfFormat.N_QUADS)
    return store


def query_rdflib(
    dataset: rdflib.Dataset, checked: CheckedQuery, bindings: dict[str, Term], limit: int
) -> Answer:
    init: dict[str, rdflib.term.Identifier] = {
        name: URIRef(t["value"]) if t["type"] == "uri" else Literal(t["value"])
        for name, t in bindings.items()
    }
    # evalQuery, not Graph.query: its SELECT bindings are a generator, so islice stops early.
    result = evalQuery(dataset, checked.query, init)
    if checked.form == "ASK":
        return Answer(form="ASK", boolean=bool(result["askAnswer"]))
    if checked.form == "SELECT":
        names = [str(v) for v in result["vars_"]]
        rows = [
            {n: _rdflib_term(b[Variable(n)]) for n in names if b.get(Variable(n)) is not None}
            for b in islice(result["bindings"], limit + 1)
        ]
        return _answer("SELECT", names, rows, limit)
    triples: Iterable[tuple[Node, Node, Node]] = result["graph"]
    rows = [_triple_row(t, _rdflib_term) for t in islice(triples, limit + 1)]
    return _answer(checked.form, TRIPLE_VARIABLES, rows, limit)


def query_oxigraph(
    store: ox.Store, checked: CheckedQuery, bindings: dict[str, Term], limit: int
) -> Answer:
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): ox.NamedNode(t["value"])
        if t["type"] == "uri"
        else ox.Literal(t["value"])
        for name, t in bindings.items()
    }
    result = store.query(
        checked.text,
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
        substitutions=substitutions,
    )
    if isinstance(result, ox.QueryBoolean):
        return Answer(form="ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [
            {n: oxigraph_term(s[n]) for n in names if s[n] is not None}
            for s in islice(result, limit + 1)
        ]
        return _answer("SELECT", names, rows, limit)
    rows = [
        _triple_row((t.subject, t.predicate, t.object), oxigraph_term)
        for t in islice(result, limit + 1)
    ]
    return _answer(checked.form, TRIPLE_VARIABLES, rows, limit)


def _answer(form: str, names: list[str], rows: list[Row], limit: int) -> Answer:
    kept, truncated = capped(rows, limit)
    return Answer(form=form, variables=names, rows=kept, truncated=truncated)


def _triple_row(triple: tuple[object, object, object], convert: Callable[[object], Term]) -> Row:
    return dict(zip(TRIPLE_VARIABLES, (convert(part) for part in triple), strict=True))


def _rdflib_term(node: object) -> Term:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype is not None else None
        return literal(str(node), datatype, node.language)
    return {"type": "literal", "value": str(node)}


def oxigraph_term(node: object) -> Term:
    if isinstance(node, ox.NamedNode):
        return {"type": "uri", "value": node.value}
    if isinstance(node, ox.BlankNode):
        return {"type": "bnode", "value": node.value}
    if isinstance(node, ox.Literal):
        return literal(node.value, node.datatype.value, node.language)
    # An RDF-star quoted triple: the export has none; shown in its N-Triples spelling.
    return {"type": "triple", "value": str(node)}

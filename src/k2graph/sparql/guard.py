"""Parse a query with rdflib and refuse, before any engine sees it, what this command never runs.

Refused: update requests (INSERT, DELETE, LOAD, CLEAR, DROP …), `FROM` / `FROM NAMED` (rdflib
would fetch the IRI over the network or from disk), and `SERVICE` anywhere (both engines would
send the query to the endpoint). The checks read the parsed query and its algebra, never the raw
text, so no spelling of `SERVICE` escapes them.

The guard judges exactly the text the engines later run, and makes that text one that every
parser reads the same way (`canonical`): `\\u` escapes expanded once (and refused when the result
would spell another escape, which an engine expanding again would read differently), and every
line break made a line feed. rdflib ends a `#` comment at a line feed only, Oxigraph (as SPARQL
says) at a carriage return too: with no carriage return left, a comment ends at the same place
for both, so nothing can hide behind one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Variable

from k2graph.sparql.errors import QueryRefused, SparqlError
from k2graph.sparql.prefixes import PREFIXES

FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every check, ready for an engine."""

    text: str  # the canonical text (escapes expanded, line feeds only): what engines run
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: frozenset[str]  # every variable the query mentions
    projected: tuple[str, ...]  # the SELECT result variables (empty for other forms)
    query: Query  # rdflib's translated query: what the rdflib engine evaluates
    trailing_values: bool = False  # ends with its own VALUES clause (after the WHERE block)


MAX_QUERY_CHARS = 1_000_000


def canonical(text: str) -> str:
    """The text as every engine reads it: escapes expanded, line breaks as line feeds."""
    if len(text) > MAX_QUERY_CHARS:
        raise SparqlError(
            f"the query is {len(text):,} characters long, over the limit of {MAX_QUERY_CHARS:,}:"
            " query with less text (a long VALUES list can often be a FILTER or a join)"
        )
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as err:
        raise SparqlError(f"syntax error: {err}") from None
    found = _ESCAPE.search(expanded)
    if found:
        raise QueryRefused(
            f"the query spells the escape {found.group()!r} only after its escapes are expanded"
            " (from \\u005C, a backslash): engines that expand again would read another query;"
            " write the character itself"
        )
    half = _SURROGATE.search(expanded)
    if half:
        raise SparqlError(
            f"syntax error: the query holds U+{ord(half.group()):04X}, half of a surrogate pair,"
            " which is no character: write the character itself"
        )
    return expanded.replace("\r\n", "\n").replace("\r", "\n")


# Anything an engine could still read as an escape, in any engine's spelling: rdflib's parser
# expands `\\u` or `\\U` with four or eight hex digits in either case, SPARQL says `\\u` and four,
# `\\U` and eight. What the expansion left must contain none of them.
_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check(text: str) -> CheckedQuery:
    """Parse `text` and refuse updates, dataset clauses and SERVICE; raise `SparqlError`.

    The checked query's `text` is `canonical(text)`: run that, never `text` itself."""
    expanded = canonical(text)
    parsed = _parse(expanded)
    try:
        translated = translateQuery(parsed, initNs=PREFIXES)
    except Exception as err:  # rdflib raises bare Exception for e.g. an unknown prefix
        raise SparqlError(f"query error: {_one_line(str(err))}") from None
    nodes = list(_walk(parsed)) + list(_walk(translated.algebra))
    if any(isinstance(n, CompValue) and n.name == "ServiceGraphPattern" for n in nodes):
        raise QueryRefused("SERVICE is refused: queries never reach other endpoints")
    # The parser records FROM in the query's datasetClause; the algebra copies it.
    if _field(parsed[1], "datasetClause") or _field(translated.algebra, "datasetClause"):
        raise QueryRefused("FROM / FROM NAMED are refused: the query runs on the k2graph data only")
    select = translated.algebra.name == "SelectQuery"
    return CheckedQuery(
        text=expanded,
        form=FORMS[translated.algebra.name],
        variables=frozenset(str(n) for n in nodes if isinstance(n, Variable)),
        projected=tuple(str(v) for v in translated.algebra["PV"]) if select else (),
        query=translated,
        trailing_values=_field(parsed[1], "valuesClause") is not None,
    )


def _parse(expanded: str) -> ParseResults:
    """The parse tree, or a one-line error: update requests are told apart from typos."""
    try:
        return parseQuery(expanded)
    except ParseBaseException as err:
        if _is_update(expanded):
            raise QueryRefused(
                "update requests are refused: only SELECT, ASK, CONSTRUCT and DESCRIBE run"
            ) from None
        raise SparqlError(
            f"syntax error at line {err.lineno}, column {err.col}: {_one_line(err.msg)}"
        ) from None
    except RecursionError:
        raise SparqlError("query error: the query is nested too deeply") from None


def _field(node: object, key: str) -> object:
    # CompValue.get(key) returns the key itself when absent, so read the plain dict instead.
    return dict.get(node, key) if isinstance(node, dict) else None


def _is_update(expanded: str) -> bool:
    try:
        parseUpdate(expanded)
    except (ParseBaseException, RecursionError):
        return False
    return True


def _walk(root: object) -> Iterator[object]:
    """Every node under `root`: parse results, algebra operators, expressions, terms.

    Iterative, so a deeply nested query cannot exhaust the stack here. EXISTS patterns, OPTIONAL
    and subqueries all hang somewhere below the root, so nothing is skipped.
    """
    stack: list[object] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            stack.extend(node)


def _one_line(text: str) -> str:
    return " ".join(text.split())

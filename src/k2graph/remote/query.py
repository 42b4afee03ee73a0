"""Run a checked query on a remote SPARQL 1.1 endpoint (`k2graph sparql --endpoint URL`).

The SPARQL 1.1 Protocol: the query is the body of a POST (`application/sparql-query`). The
predeclared prefixes are written in front of it, and `--bind` values are appended as one trailing
`VALUES` clause (SPARQL 1.1 Query §10.2.2) of serialized terms, IRIs checked and literals escaped,
so a bound value can never change the query's shape; the whole text then goes through `guard`
again before it leaves. SELECT and ASK answers are read as W3C SPARQL JSON results, CONSTRUCT and
DESCRIBE answers as N-Triples (or whichever RDF syntax the endpoint names), into the same `Answer`
the local engines return, so the same formats print them.

Which graph a query sees by default is the store's choice: the named queries expect the union of
the named graphs (Oxigraph: `oxigraph serve --union-default-graph`; QLever and Virtuoso do so
unless told otherwise).
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

import pyoxigraph as ox

from k2graph.remote import http as endpoint
from k2graph.sparql import guard
from k2graph.sparql.answer import TRIPLE_VARIABLES, Answer, Row, Term, capped, literal
from k2graph.sparql.bindings import IRI_FORBIDDEN
from k2graph.sparql.engines import oxigraph_term
from k2graph.sparql.errors import QueryTimeout, SparqlError
from k2graph.sparql.guard import CheckedQuery
from k2graph.sparql.prefixes import PREFIXES

_RESULTS_JSON = "application/sparql-results+json"
_RDF = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


def run(
    url: str, text: str, form: str, limit: int, timeout: float, given: float | None = None
) -> Answer:
    """The endpoint's answer to `text` (from `request_text`), a query of the given form, at most
    `limit` rows, within `timeout` seconds (what is left of the `--timeout` `given`, which the
    messages name); `SparqlError` on any failure."""
    try:
        endpoint.check_url(url, "http://127.0.0.1:7878/query")
    except endpoint.BadUrl as err:
        raise SparqlError(str(err)) from None
    rdf = form in ("CONSTRUCT", "DESCRIBE")
    shown = endpoint.redact(url)
    try:
        response = endpoint.post(
            url,
            text.encode("utf-8"),
            "application/sparql-query",
            _RDF if rdf else _RESULTS_JSON,
            timeout,
            max_bytes=endpoint.MAX_ANSWER,
        )
    except endpoint.EndpointError as err:
        raise _error(err, given or timeout) from None
    if rdf:
        return _graph_answer(shown, form, response, limit)
    return _results_answer(shown, response, limit)


def request_text(checked: CheckedQuery, bindings: dict[str, Term]) -> str:
    """The text sent: prefixes, the checked query, and the bindings as a trailing VALUES clause."""
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    text = prologue + checked.text
    if bindings:
        if checked.trailing_values:
            raise SparqlError(
                "--bind cannot be used with --endpoint on a query that ends in its own VALUES"
                " clause: put the value in that clause instead"
            )
        names = sorted(bindings)
        row = " ".join(sparql_term(bindings[name]) for name in names)
        # On its own line: the query may end in a comment.
        text += f"\nVALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    # A second look at the whole text: still one read-only query of the same form. What is sent
    # is the text that look judged, in the canonical form every parser reads alike.
    final = guard.check(text)
    if final.form != checked.form:
        raise SparqlError("the bound query changed its form: refused")
    return final.text


def sparql_term(term: Term) -> str:
    """A bound value in SPARQL syntax: `<iri>` (checked) or a plain string literal (escaped)."""
    value = term["value"]
    if term["type"] == "uri":
        if IRI_FORBIDDEN.search(value) or ":" not in value:
            raise SparqlError(f"--bind value <{value}> is not an absolute IRI")
        return f"<{value}>"
    # STRING_LITERAL_QUOTE may not hold a raw quote, backslash or line break: escape them.
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
        value = value.replace(raw, escaped)
    return f'"{value}"'


def _error(err: endpoint.EndpointError, timeout: float) -> SparqlError:
    if err.timed_out:
        return QueryTimeout(
            f"no answer from {err.url} within {timeout:g} s (--timeout):"
            " narrow the query or give it more time with --timeout"
        )
    if err.status is None:
        return SparqlError(
            f"cannot reach {err.url}: {err.describe()} — check that the endpoint is running"
            " and that --endpoint is its SPARQL query URL (Oxigraph: http://HOST:7878/query)"
        )
    return SparqlError(f"{err.url} answered {err.describe()}")


def _results_answer(url: str, response: endpoint.Response, limit: int) -> Answer:
    try:
        document = json.loads(response.body)
        if "boolean" in document:
            return Answer(form="ASK", boolean=bool(document["boolean"]))
        names = [str(n) for n in document["head"].get("vars", [])]
        bindings = document["results"]["bindings"]
        rows = [_row(binding) for binding in islice(bindings, limit + 1)]
    except RecursionError:
        raise SparqlError(f"{url} answered with JSON nested too deeply to read") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SparqlError(
            f"{url} did not answer in SPARQL JSON results ({response.content_type or 'no type'}):"
            " is --endpoint the store's SPARQL query URL?"
        ) from None
    kept, truncated = capped(rows, limit)
    return Answer(form="SELECT", variables=names, rows=kept, truncated=truncated)


def _row(binding: dict[str, Any]) -> Row:
    return {name: json_term(term) for name, term in binding.items()}


def json_term(term: dict[str, Any]) -> Term:
    """A W3C SPARQL JSON term as the local engines write it (xsd:string left implicit)."""
    kind = term["type"]
    if kind == "uri":
        return {"type": "uri", "value": str(term["value"])}
    if kind == "bnode":
        return {"type": "bnode", "value": str(term["value"])}
    if kind in ("literal", "typed-literal"):  # "typed-literal": the old Virtuoso spelling
        return literal(str(term["value"]), term.get("datatype"), term.get("xml:lang"))
    if kind == "triple":
        parts = term["value"]
        inner = [json_term(parts[key]) for key in ("subject", "predicate", "object")]
        return {"type": "triple", "value": "<< " + " ".join(_nt(t) for t in inner) + " >>"}
    raise ValueError(kind)


def _nt(term: Term) -> str:
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return value
    text = sparql_term({"type": "literal", "value": value})
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    return f"{text}^^<{term['datatype']}>" if "datatype" in term else text


def _graph_answer(url: str, form: str, response: endpoint.Response, limit: int) -> Answer:
    syntax = ox.RdfFormat.from_media_type(response.content_type)
    if syntax is None:
        raise SparqlError(
            f"{url} answered a {form} query with {response.content_type or 'no type'},"
            " not an RDF syntax: is --endpoint the store's SPARQL query URL?"
        )
    try:
        triples = list(islice(ox.parse(response.body, format=syntax), limit + 1))
    except (SyntaxError, ValueError) as err:
        reason = " ".join(str(err).split())
        raise SparqlError(f"{url} answered unreadable {syntax.name}: {reason}") from None
    rows = [_triple_row(t.subject, t.predicate, t.object) for t in triples]
    kept, truncated = capped(rows, limit)
    return Answer(form=form, variables=TRIPLE_VARIABLES, rows=kept, truncated=truncated)


def _triple_row(*terms: object) -> Row:
    return dict(zip(TRIPLE_VARIABLES, map(oxigraph_term, terms), strict=True))

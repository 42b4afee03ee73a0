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

import tempfile
import time
from dataclasses import dataclass, replace
from itertools import islice

import pyoxigraph as ox

from k2graph.remote import http as endpoint
from k2graph.sparql import guard, runner
from k2graph.sparql.answer import TRIPLE_VARIABLES, Answer, Row, Term, capped
from k2graph.sparql.bindings import sparql_term
from k2graph.sparql.engines import oxigraph_term
from k2graph.sparql.errors import QueryTimeout, SparqlError
from k2graph.sparql.guard import CheckedQuery
from k2graph.sparql.json_results import UnreadableResults, read_results
from k2graph.sparql.prefixes import PREFIXES

_RESULTS_JSON = "application/sparql-results+json"
_RDF = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


@dataclass(frozen=True)
class Limits:
    """What a query may take: `timeout` seconds left of the `--timeout` `given` (which messages
    name), and `max_memory` megabytes for reading a large answer."""

    timeout: float
    given: float
    max_memory: int


def run(url: str, text: str, form: str, limit: int, limits: Limits) -> Answer:
    """The endpoint's answer to `text` (from `request_text`), a query of the given form, at most
    `limit` rows; `SparqlError` on any failure."""
    try:
        endpoint.check_url(url, "http://127.0.0.1:7878/query")
    except endpoint.BadUrl as err:
        raise SparqlError(str(err)) from None
    rdf = form in ("CONSTRUCT", "DESCRIBE")
    shown = endpoint.redact(url)
    started = time.monotonic()
    try:
        response = endpoint.post(
            url,
            text.encode("utf-8"),
            "application/sparql-query",
            _RDF if rdf else _RESULTS_JSON,
            limits.timeout,
            max_bytes=endpoint.MAX_ANSWER,
        )
    except endpoint.EndpointError as err:
        raise _error(err, limits.given) from None
    if rdf:
        return _graph_answer(shown, form, response, limit)
    left = max(limits.timeout - (time.monotonic() - started), 0.001)
    return _results_answer(shown, response, limit, replace(limits, timeout=left))


# Answers up to this size are read here; larger ones in the query worker, under --max-memory:
# a JSON document takes many times its size once parsed (180 MB of `{}` took 4.7 GB).
IN_PROCESS_BYTES = 8 * 1024 * 1024


def _results_answer(url: str, response: endpoint.Response, limit: int, limits: Limits) -> Answer:
    try:
        if len(response.body) <= IN_PROCESS_BYTES:
            return read_results(response.body, limit)
        return _read_in_worker(response.body, limit, limits)
    except UnreadableResults as err:
        raise SparqlError(
            f"{url} did not answer in SPARQL JSON results ({response.content_type or 'no type'}:"
            f" {err}): is --endpoint the store's SPARQL query URL?"
        ) from None


def _read_in_worker(body: bytes, limit: int, limits: Limits) -> Answer:
    with tempfile.NamedTemporaryFile(prefix="k2graph-answer-", suffix=".json") as stored:
        stored.write(body)
        stored.flush()
        request = {"results": stored.name, "limit": limit, "max_memory": limits.max_memory}
        return runner.run_in_child(request, limits.timeout, limits.given)


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

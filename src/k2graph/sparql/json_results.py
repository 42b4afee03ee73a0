"""Reading W3C SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)
into the `Answer` the local engines return: an endpoint's answer to SELECT or ASK.

Only the first `limit + 1` rows are kept. The document is parsed whole, so a large one is read in
the query worker, under `--max-memory` (see `remote.query`), never in the command's own process.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

from k2graph.sparql.answer import Answer, Row, Term, capped, literal
from k2graph.sparql.bindings import sparql_term


class UnreadableResults(ValueError):
    """Not SPARQL JSON results; `str(err)` says why in a few words."""


def read_results(body: bytes, limit: int) -> Answer:
    """The answer in `body`, at most `limit` rows; `UnreadableResults` when it is not one."""
    try:
        document = json.loads(body)
        if "boolean" in document:
            return Answer(form="ASK", boolean=bool(document["boolean"]))
        names = [str(n) for n in document["head"].get("vars", [])]
        bindings = document["results"]["bindings"]
        rows = [_row(binding) for binding in islice(bindings, limit + 1)]
    except RecursionError:
        raise UnreadableResults("JSON nested too deeply to read") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UnreadableResults("not SPARQL JSON results") from None
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

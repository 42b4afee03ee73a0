"""`--bind var=value` to RDF terms, checked against the query's variables.

`<iri>` or a prefixed name with a predeclared prefix is an IRI; anything else is a plain
literal. The terms are handed to the engines as pre-bound values (rdflib's initBindings,
Oxigraph's SEP-0007 substitutions) and never spliced into the query text, so a value holding
quotes, `}` or `#` cannot change what the query does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from k2graph.sparql.errors import SparqlError
from k2graph.sparql.guard import CheckedQuery
from k2graph.sparql.prefixes import PREFIXES

# A W3C SPARQL JSON term: {"type": "uri" | "literal", "value": …}.
Term = dict[str, str]

_VARIABLE = re.compile(r"^\??([A-Za-z_][A-Za-z0-9_]*)$")
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*):([A-Za-z0-9_][A-Za-z0-9_.%-]*)$")
# Characters an IRI may not hold (RFC 3987 / SPARQL IRIREF), so `<…>` is a real IRI.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def parse(raw: str) -> tuple[str, Term]:
    """`var=value` → (variable name, term); a one-line `SparqlError` when malformed."""
    name, sep, value = raw.partition("=")
    match = _VARIABLE.match(name.strip())
    if not sep or match is None:
        raise SparqlError(f"--bind '{raw}': expected var=value, e.g. --bind source=<https://…>")
    return match.group(1), _term(value)


def _term(value: str) -> Term:
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        iri = value[1:-1]
        if IRI_FORBIDDEN.search(iri) or ":" not in iri:
            raise SparqlError(f"--bind value {value} is not an absolute IRI")
        return {"type": "uri", "value": iri}
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in PREFIXES:
        return {"type": "uri", "value": PREFIXES[prefixed.group(1)] + prefixed.group(2)}
    return {"type": "literal", "value": value}


def resolve(raws: Iterable[str], checked: CheckedQuery) -> dict[str, Term]:
    """Every `--bind` as a term, refusing variables the query cannot bind.

    For SELECT only result variables can be bound: Oxigraph's substitution requires it, and
    holding both engines to the same rule keeps their answers equal.
    """
    allowed = checked.projected if checked.form == "SELECT" else checked.variables
    bound: dict[str, Term] = {}
    for raw in raws:
        name, term = parse(raw)
        if name not in allowed:
            known = ", ".join(f"?{v}" for v in sorted(allowed) if not v.startswith("_"))
            raise SparqlError(
                f"unknown --bind variable ?{name}: the query's variables are {known or 'none'}"
            )
        bound[name] = term
    return bound


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

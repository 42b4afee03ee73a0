"""RDF terms written as N-Triples text, the form every export starts from.

The mapping builds each term once as its N-Triples text: an IRI as `<…>`, a literal as `"…"`
(escaped as the W3C grammars require) with `^^<datatype>` unless it is a plain string. The
writers then only join strings, one export streams without holding the graph's quads, and the
sort order of a graph is the order of that text. `to_rdflib` turns a term back into an rdflib
term for the rdflib path (SHACL validation, the rdflib engine, the equality tests).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

Term = str
Triple = tuple[Term, Term, Term]
Quad = tuple[Term, Term, Term, Term]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_ESCAPED = re.compile(r"\\[\\\"nrt]")
# Characters an IRI reference may not contain (RFC 3987 and the N-Triples IRIREF production).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

_DECIMAL = f"^^<{XSD.decimal}>"
_INTEGER = f"^^<{XSD.integer}>"
_NONNEG = f"^^<{XSD.nonNegativeInteger}>"
_BOOLEAN = f"^^<{XSD.boolean}>"


class Namespace:
    """`NS.name` and `NS["name"]` give the IRI `<base + name>` as N-Triples text."""

    def __init__(self, base: str) -> None:
        self.base = str(base)

    def __getattr__(self, name: str) -> Term:
        if name.startswith("__"):
            raise AttributeError(name)
        term = f"<{self.base}{name}>"
        setattr(self, name, term)  # later lookups are plain attribute reads
        return term

    def __getitem__(self, name: str) -> Term:
        return f"<{self.base}{name}>"


def iri(value: str) -> Term:
    return f"<{value}>"


def is_iri(value: str) -> bool:
    """Whether `value` can be written as an IRI as it stands."""
    return bool(value) and _BAD_IRI.search(value) is None


def escape(value: str) -> str:
    """A string's body as N-Triples, Turtle and TriG write it between double quotes."""
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def text(value: str) -> Term:
    return f'"{escape(value)}"'


@lru_cache(maxsize=1 << 16)
def decimal(value: float) -> Term:
    """An exact decimal (never a binary float), the same in every engine and run (cached: scores
    and weights repeat across attestations)."""
    return f'"{format(Decimal(repr(value)).normalize(), "f")}"{_DECIMAL}'


def integer(value: int) -> Term:
    return f'"{value}"{_INTEGER}'


def nonneg(value: int) -> Term:
    return f'"{value}"{_NONNEG}'


def boolean(value: bool) -> Term:
    return f'"{"true" if value else "false"}"{_BOOLEAN}'


def split_literal(term: Term) -> tuple[str, str | None]:
    """The escaped body and the datatype IRI (None for a plain string) of a literal term."""
    body, _, tail = term[1:].rpartition('"')
    return body, tail[3:-1] if tail else None


def unescape(body: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], body)


def to_rdflib(term: Term) -> URIRef | Literal:
    if term[0] == "<":
        return URIRef(term[1:-1])
    body, datatype = split_literal(term)
    return Literal(unescape(body), datatype=URIRef(datatype) if datatype else None)

"""Deterministic RDF serializations: N-Quads, Turtle, TriG and JSON-LD, written from sorted quads.

rdflib's own writers order by hash and are slow on a corpus this size, so these writers walk the
quads in one stable order and escape terms the way the W3C grammars require. No blank nodes
exist in the export, so there are no labels to keep stable. An independent engine (pyoxigraph)
and a standalone JSON-LD processor (pyld) read them back in the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from rdflib import Literal, URIRef

from k2graph.rdf.dataset import Quad
from k2graph.rdf.namespaces import PREFIXES, XSD

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _string(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value) + '"'


def nt_term(term: URIRef | Literal) -> str:
    """A term as N-Triples writes it (also valid Turtle and TriG)."""
    if isinstance(term, Literal):
        body = _string(str(term))
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return f"<{term}>"


def short_term(term: URIRef | Literal) -> str:
    """A term with a declared prefix where the local part is a plain name."""
    if isinstance(term, Literal):
        if term.datatype is not None and term.datatype != XSD.string and not term.language:
            return f"{_string(str(term))}^^{short_term(term.datatype)}"
        return nt_term(term)
    for prefix, namespace in _BY_LENGTH:
        if term.startswith(namespace) and _LOCAL.fullmatch(term[len(namespace) :]):
            return f"{prefix}:{term[len(namespace) :]}"
    return f"<{term}>"


def nquads(quads: Iterable[Quad]) -> str:
    return "".join(
        f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n" for s, p, o, g in quads
    )


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{n}> .\n" for p, n in sorted(PREFIXES.items())) + "\n"


def _turtle_body(triples: Sequence[tuple[URIRef, URIRef, URIRef | Literal]], indent: str) -> str:
    out: list[str] = []
    for subject, rows in groupby(triples, key=lambda t: t[0]):
        predicates = []
        for predicate, objects in groupby(rows, key=lambda t: t[1]):
            values = ", ".join(short_term(o) for _, _, o in objects)
            predicates.append(f"{short_term(predicate)} {values}")
        joined = f" ;\n{indent}    ".join(predicates)
        out.append(f"{indent}{short_term(subject)} {joined} .\n")
    return "".join(out)


def turtle(quads: Sequence[Quad]) -> str:
    """All graphs merged into one (duplicates dropped), subjects in order."""
    triples = sorted({(s, p, o) for s, p, o, _ in quads}, key=lambda t: (t[0], t[1], t[2].n3()))
    return _prefix_lines() + _turtle_body(triples, "")


def trig(quads: Sequence[Quad]) -> str:
    blocks = []
    for name, rows in groupby(quads, key=lambda q: q[3]):
        triples = [(s, p, o) for s, p, o, _ in rows]
        blocks.append(f"{short_term(name)} {{\n{_turtle_body(triples, '  ')}}}\n")
    return _prefix_lines() + "\n".join(blocks)


def context() -> dict[str, Any]:
    """The inline JSON-LD context: the export's prefixes, nothing fetched."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def _json_value(term: URIRef | Literal) -> dict[str, str]:
    if isinstance(term, Literal):
        value: dict[str, str] = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            value["@type"] = short_term(term.datatype)
        return value
    return {"@id": short_term(term).strip("<>")}


def _nodes(triples: Iterable[tuple[URIRef, URIRef, URIRef | Literal]]) -> Iterator[dict[str, Any]]:
    for subject, rows in groupby(triples, key=lambda t: t[0]):
        node: dict[str, Any] = {"@id": short_term(subject).strip("<>")}
        for predicate, objects in groupby(rows, key=lambda t: t[1]):
            key = "@type" if predicate == _RDF_TYPE else short_term(predicate).strip("<>")
            values = [_json_value(o) for _, _, o in objects]
            node[key] = [v["@id"] for v in values] if key == "@type" else values
        yield node


_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def jsonld(quads: Sequence[Quad]) -> str:
    graphs = []
    for name, rows in groupby(quads, key=lambda q: q[3]):
        triples = [(s, p, o) for s, p, o, _ in rows]
        graphs.append({"@id": short_term(name).strip("<>"), "@graph": list(_nodes(triples))})
    document = {**context(), "@graph": graphs}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

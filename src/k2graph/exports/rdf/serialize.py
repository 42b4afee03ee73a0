"""Deterministic, streaming RDF serializations: N-Quads, TriG, Turtle and JSON-LD.

The writers take the export's named graphs a section at a time (`dataset.sections`) and write
text as they go, so one pass over the graph feeds every format and a corpus of a million claims
never sits in memory as quads. The terms arrive as N-Triples text, already escaped the way the
W3C grammars require; TriG and Turtle shorten IRIs with the declared prefixes where the local
part is a plain name. No blank nodes exist in the export, so there are no labels to keep stable.
Independent parsers (pyoxigraph, pyld, rdflib) read every format back in the tests, and the
equality tests compare each with rdflib's own serializers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import TextIO

from k2graph.exports.rdf.dataset import NamedGraph, Section
from k2graph.exports.rdf.namespaces import PREFIXES, RDF
from k2graph.exports.rdf.nt import Term, Triple, unescape

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_RDF_TYPE = f"<{RDF.type}>"
_CONTROL = re.compile(r"[\x00-\x1f]")


class ShortTerms:
    """Turtle's short form of a term: a prefixed name for an IRI under a declared prefix whose
    local part is a plain name, `xsd:` for a literal's datatype. Vocabulary terms are cached;
    instance IRIs (under the graph's base, which has no prefix) are written in full."""

    def __init__(self, base: str) -> None:
        self._base = f"<{base}"
        self._cache: dict[Term, str] = {}

    def __call__(self, term: Term) -> str:
        short = self._cache.get(term)
        if short is not None:
            return short
        if term[0] == '"':
            end = term.rfind('"^^<')
            if end < 0:
                return term
            return f"{term[: end + 1]}^^{self(term[end + 3 :])}"
        if term.startswith(self._base):
            return term
        short = self._cache[term] = _prefixed(term)
        return short


def _prefixed(term: Term) -> str:
    value = term[1:-1]
    for prefix, namespace in _BY_LENGTH:
        if value.startswith(namespace) and _LOCAL.fullmatch(value[len(namespace) :]):
            return f"{prefix}:{value[len(namespace) :]}"
    return term


def prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{n}> .\n" for p, n in sorted(PREFIXES.items())) + "\n"


def _turtle_body(triples: Iterable[Triple], short: ShortTerms) -> str:
    """Triples sorted by subject and predicate, as Turtle statements with `;` and `,`."""
    out: list[str] = []
    subject = predicate = ""
    for s, p, o in triples:
        if s != subject:
            if subject:
                out.append(" .\n")
            out += (short(s), " ", short(p), " ", short(o))
            subject, predicate = s, p
        elif p != predicate:
            out += (" ;\n    ", short(p), " ", short(o))
            predicate = p
        else:
            out += (", ", short(o))
    if subject:
        out.append(" .\n")
    return "".join(out)


def _indented(body: str) -> str:
    """Turtle statements indented by two spaces, as TriG writes them inside a graph (a term
    never holds a raw line break: N-Triples escapes it)."""
    return "  " + body[:-1].replace("\n", "\n  ") + "\n" if body else ""


class JsonLd:
    """One document: the inline context, then the named graphs, one per line. Each node lists
    `@id`, then its properties in the order of their IRIs (`@type` for `rdf:type`), each with an
    array of values. The JSON is written directly: IRIs never need JSON escapes, and a literal's
    N-Triples escapes are JSON's own, so its body is copied unless it holds a control character."""

    def __init__(self, short: ShortTerms) -> None:
        self.short = short

    @staticmethod
    def header() -> str:
        context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, sort_keys=True)
        return f'{{"@context": {context},\n"@graph": [\n'

    def graph(self, named: NamedGraph, out: list[str]) -> None:
        out += ('{"@id": "', self._id(named.name), '", "@graph": [')
        self._nodes(named.triples, out)
        out.append("]}")

    def _id(self, term: Term) -> str:
        short = self.short(term)
        return short[1:-1] if short[0] == "<" else short

    def _value(self, term: Term) -> str:
        if term[0] != '"':
            return f'{{"@id": "{self._id(term)}"}}'
        end = term.rfind('"^^<')
        body = term[1:end] if end >= 0 else term[1:-1]
        if _CONTROL.search(body):
            body = json.dumps(unescape(body), ensure_ascii=False)[1:-1]
        if end < 0:
            return f'{{"@value": "{body}"}}'
        return f'{{"@type": "{self._id(term[end + 3 :])}", "@value": "{body}"}}'

    def _nodes(self, triples: Iterable[Triple], out: list[str]) -> None:
        subject = predicate = ""
        for s, p, o in triples:
            if s != subject:
                out.append("]}, " if subject else "")
                out += ('{"@id": "', self._id(s), '"')
                subject, predicate = s, ""
            if p != predicate:
                if predicate:
                    out.append("]")
                key = "@type" if p == _RDF_TYPE else self._id(p)
                out += (', "', key, '": [')
                predicate = p
            else:
                out.append(", ")
            out.append(f'"{self._id(o)}"' if p == _RDF_TYPE else self._value(o))
        if subject:
            out.append("]}")


FORMATS = ("nq", "trig", "ttl", "jsonld")


def write(sections: Iterable[Section], outputs: Mapping[str, TextIO], base: str) -> None:
    """Write every format of `outputs` (keyed `nq`, `trig`, `ttl`, `jsonld`) in one pass over
    `sections`. Each graph's Turtle statements are made once, for Turtle and for TriG.

    N-Quads: every quad on a line. TriG: each named graph under its name, prefixes declared
    once. Turtle: all graphs merged, graph by graph (a subject may recur), the triples that
    several graphs share (one claim's assertion) written once. JSON-LD: one document with the
    inline context and the named graphs, one per line."""
    short = ShortTerms(base)
    nq, trig, ttl, jsonld = (outputs.get(fmt) for fmt in FORMATS)
    json_ld = JsonLd(short)
    if trig is not None:
        trig.write(prefix_lines())
    if ttl is not None:
        ttl.write(prefix_lines())
    if jsonld is not None:
        jsonld.write(json_ld.header())
    first = True
    for section in sections:
        lines: list[str] = []
        graphs: list[str] = []
        merged: list[str] = []
        objects: list[str] = []
        for named in section:
            if nq is not None:
                g = named.name
                lines += [f"{s} {p} {o} {g} .\n" for s, p, o in named.triples]
            if trig is not None or ttl is not None:
                body = _turtle_body(named.triples, short)
                if ttl is not None and named.merged:
                    merged.append(body)
                if trig is not None:
                    graphs += ("" if first else "\n", short(named.name), " {\n")
                    graphs += (_indented(body), "}\n")
            if jsonld is not None:
                objects.append("" if first else ",\n")
                json_ld.graph(named, objects)
            first = False
        for out, parts in ((nq, lines), (trig, graphs), (ttl, merged), (jsonld, objects)):
            if out is not None:
                out.write("".join(parts))
    if jsonld is not None:
        jsonld.write("\n]}\n")

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
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TextIO

from k2graph.rdf.dataset import Section
from k2graph.rdf.namespaces import PREFIXES, RDF
from k2graph.rdf.nt import Term, Triple, unescape

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


class Writer(Protocol):
    def start(self) -> None: ...
    def section(self, section: Section) -> None: ...
    def finish(self) -> None: ...


def prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{n}> .\n" for p, n in sorted(PREFIXES.items())) + "\n"


def _turtle_body(triples: Iterable[Triple], short: ShortTerms, indent: str) -> str:
    """Triples sorted by subject and predicate, as Turtle statements with `;` and `,`."""
    out: list[str] = []
    subject = predicate = ""
    for s, p, o in triples:
        if s != subject:
            if subject:
                out.append(" .\n")
            out += (indent, short(s), " ", short(p), " ", short(o))
            subject, predicate = s, p
        elif p != predicate:
            out += (" ;\n", indent, "    ", short(p), " ", short(o))
            predicate = p
        else:
            out += (", ", short(o))
    if subject:
        out.append(" .\n")
    return "".join(out)


class NQuads:
    """Every quad on its own line, in export order."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        return None

    def section(self, section: Section) -> None:
        write = self.out.write
        for named in section:
            g = named.name
            write("".join([f"{s} {p} {o} {g} .\n" for s, p, o in named.triples]))

    def finish(self) -> None:
        return None


class TriG:
    """The named graphs with their names, prefixes declared once."""

    def __init__(self, out: TextIO, base: str) -> None:
        self.out = out
        self.short = ShortTerms(base)
        self.first = True

    def start(self) -> None:
        self.out.write(prefix_lines())

    def section(self, section: Section) -> None:
        parts = []
        for named in section:
            parts.append("" if self.first else "\n")
            self.first = False
            body = _turtle_body(named.triples, self.short, "  ")
            parts.append(f"{self.short(named.name)} {{\n{body}}}\n")
        self.out.write("".join(parts))

    def finish(self) -> None:
        return None


class Turtle:
    """All graphs merged into one: a section's triples grouped by subject, and the triples that
    several graphs share (one claim's assertion) written once."""

    def __init__(self, out: TextIO, base: str) -> None:
        self.out = out
        self.short = ShortTerms(base)
        self.written: set[str] = set()

    def start(self) -> None:
        self.out.write(prefix_lines())

    def section(self, section: Section) -> None:
        triples: list[Triple] = []
        for named in section:
            if named.shared is not None:
                if named.shared in self.written:
                    continue
                self.written.add(named.shared)
            triples += named.triples
        if len(section) > 1:
            triples = sorted(set(triples))
        self.out.write(_turtle_body(triples, self.short, ""))

    def finish(self) -> None:
        return None


def context() -> dict[str, Any]:
    """The inline JSON-LD context: the export's prefixes, nothing fetched."""
    return {"@context": dict(sorted(PREFIXES.items()))}


class JsonLd:
    """One document: the inline context, then the named graphs, one per line. Each node lists
    `@id`, then its properties in the order of their IRIs (`@type` for `rdf:type`), each with an
    array of values. The JSON is written directly: IRIs never need JSON escapes, and a literal's
    N-Triples escapes are JSON's own, so its body is copied unless it holds a control character."""

    def __init__(self, out: TextIO, base: str) -> None:
        self.out = out
        self.short = ShortTerms(base)
        self.first = True

    def start(self) -> None:
        header = json.dumps(context()["@context"], ensure_ascii=False, sort_keys=True)
        self.out.write(f'{{"@context": {header},\n"@graph": [\n')

    def section(self, section: Section) -> None:
        out: list[str] = []
        for named in section:
            out.append("" if self.first else ",\n")
            self.first = False
            out += ('{"@id": "', self._id(named.name), '", "@graph": [')
            self._nodes(named.triples, out)
            out.append("]}")
        self.out.write("".join(out))

    def finish(self) -> None:
        self.out.write("\n]}\n")

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


def writers(outputs: Mapping[str, TextIO], base: str) -> list[Writer]:
    """A writer per output, keyed by format (`nq`, `trig`, `ttl`, `jsonld`)."""
    makers: dict[str, Callable[[TextIO], Writer]] = {
        "nq": NQuads,
        "trig": lambda out: TriG(out, base),
        "ttl": lambda out: Turtle(out, base),
        "jsonld": lambda out: JsonLd(out, base),
    }
    return [makers[fmt](out) for fmt, out in outputs.items()]


def write(sections: Iterable[Section], outputs: Mapping[str, TextIO], base: str) -> None:
    """Write every format of `outputs` in one pass over `sections`."""
    active = writers(outputs, base)
    for w in active:
        w.start()
    for section in sections:
        for w in active:
            w.section(section)
    for w in active:
        w.finish()

"""The N-Quads export read in batches of whole lines, and each batch as the body of a request.

Read line by line, so memory stays flat however large the file. A batch goes to a Graph Store
endpoint as the N-Quads lines themselves (or, into one `--graph`, as N-Triples parsed from them),
or to an update endpoint as one SPARQL 1.1 `INSERT DATA`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from k2graph.problems import display_path


class PushError(Exception):
    """Something the user can fix; `str(err)` is the one line to print."""


@dataclass(frozen=True)
class Batch:
    number: int
    first_line: int  # line numbers in the file, from 1
    last_line: int
    lines: list[bytes]
    read: int  # bytes of the file read so far, for the progress percentage


@dataclass(frozen=True)
class Request:
    url: str
    content_type: str
    body: bytes


def read_batches(path: Path, size: int) -> Iterator[Batch]:
    """The file's quad lines, `size` at a time; blank and comment lines are skipped."""
    lines: list[bytes] = []
    first = last = read = number = 0
    try:
        with path.open("rb") as stream:
            for index, line in enumerate(stream, start=1):
                read += len(line)
                if not line.strip() or line.lstrip().startswith(b"#"):
                    continue
                first, last = (first if lines else index), index
                lines.append(line if line.endswith(b"\n") else line + b"\n")
                if len(lines) == size:
                    number += 1
                    yield Batch(number, first, last, lines, read)
                    lines = []
    except OSError as err:
        raise PushError(f"cannot read {display_path(path)}: {err.strerror or err}") from None
    if lines:
        yield Batch(number + 1, first, last, lines, read)


def check_graph(iri: str) -> str:
    """`iri` (without enclosing `<…>`) when it is an absolute IRI; `PushError` otherwise."""
    bare = iri[1:-1] if iri.startswith("<") and iri.endswith(">") else iri
    try:
        ox.NamedNode(bare)
    except ValueError as err:
        raise PushError(
            f"--graph {iri!r} is not an absolute IRI ({err}): give one such as"
            " https://example.org/graph/k2graph"
        ) from None
    return bare


def request_for(batch: Batch, method: str, url: str, graph: str | None, path: Path) -> Request:
    if method == "update":
        text = insert_data(_quads(batch, path), graph)
        return Request(url, "application/sparql-update", text.encode("utf-8"))
    if graph is None:
        return Request(url, "application/n-quads", b"".join(batch.lines))
    # Parsed rather than cut with a pattern: a literal may hold spaces, quotes and `> .`.
    body = "".join(_triple(quad) + "\n" for quad in _quads(batch, path)).encode("utf-8")
    separator = "&" if urlsplit(url).query else "?"
    return Request(f"{url}{separator}graph={quote(graph, safe='')}", "application/n-triples", body)


def _quads(batch: Batch, path: Path) -> list[ox.Quad]:
    try:
        return list(ox.parse(b"".join(batch.lines), format=ox.RdfFormat.N_QUADS))
    except SyntaxError:
        pass
    for offset, line in enumerate(batch.lines):  # find the line at fault, to name it
        try:
            list(ox.parse(line, format=ox.RdfFormat.N_QUADS))
        except SyntaxError as err:
            where = f"{display_path(path)}:{batch.first_line + offset}"
            raise PushError(
                f"{where}: not valid N-Quads ({' '.join(str(err).split())}):"
                " rebuild the exports with `k2graph build`"
            ) from None
    raise PushError(
        f"{display_path(path)}: lines {batch.first_line}-{batch.last_line} do not parse"
    )


def insert_data(quads: list[ox.Quad], graph: str | None) -> str:
    """One SPARQL 1.1 `INSERT DATA` of `quads`, in their graphs or all in `graph`.

    Terms are written by pyoxigraph in N-Triples syntax, which SPARQL reads the same way:
    literals escaped, IRIs already checked when parsed.
    """
    groups: dict[str, list[str]] = {}
    for quad in quads:
        name = quad.graph_name
        if graph is not None:
            key = f"<{graph}>"
        elif isinstance(name, ox.DefaultGraph):
            key = ""
        elif isinstance(name, ox.NamedNode):
            key = str(name)
        else:
            raise PushError("a quad in a blank-node graph cannot be sent by SPARQL Update: use gsp")
        groups.setdefault(key, []).append(_triple(quad))
    blocks = [
        "\n".join(triples) if key == "" else f"GRAPH {key} {{\n" + "\n".join(triples) + "\n}"
        for key, triples in groups.items()
    ]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}\n"


def _triple(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."

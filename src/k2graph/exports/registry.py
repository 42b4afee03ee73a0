"""The export registry: each export is a file name and a renderer from the graph to text.

Renderers return text and never touch the file system; `writer` writes them. The four RDF
exports are also produced together, streamed in one pass over the graph (`producers`), which is
how `build` writes them. A new export format is one renderer plus one entry here (and a golden
file in the tests).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from functools import partial
from typing import TextIO

from k2graph.exports.audit import render_audit_json, render_audit_markdown
from k2graph.exports.html import render_html
from k2graph.exports.rdf import RDF_FILES, render_rdf, render_vocabulary, write_rdf
from k2graph.exports.writer import Producer
from k2graph.model import KnowledgeGraph

Renderer = Callable[[KnowledgeGraph], str]


def render_json(graph: KnowledgeGraph) -> str:
    """The canonical JSON dump: every field in the model's field order, two-space indent, UTF-8,
    final newline (serialized by pydantic-core: seven times faster than `json.dumps`)."""
    return graph.model_dump_json(indent=2) + "\n"


EXPORTS: dict[str, Renderer] = {
    "k2graph.json": render_json,
    "audit.json": render_audit_json,
    "audit.md": render_audit_markdown,
    **{name: partial(render_rdf, name=name) for name in RDF_FILES},
    "k2graph-vocab.ttl": render_vocabulary,
    "k2graph.html": render_html,
}


def producers(graph: KnowledgeGraph, skip: frozenset[str] = frozenset()) -> list[Producer]:
    """How `build` writes the exports (all but `skip`): the RDF files in one streamed pass, the
    others each from its renderer."""
    found: list[Producer] = []
    rdf = tuple(name for name in RDF_FILES if name not in skip)
    if rdf:

        def write(handles: Mapping[str, TextIO]) -> None:
            write_rdf(graph, handles)

        found.append(Producer(rdf, write))
    for name, render in sorted(EXPORTS.items()):
        if name not in RDF_FILES and name not in skip:
            found.append(Producer((name,), partial(_write_one, name, render, graph)))
    return found


def _write_one(
    name: str, render: Renderer, graph: KnowledgeGraph, handles: Mapping[str, TextIO]
) -> None:
    handles[name].write(render(graph))


def render_all(graph: KnowledgeGraph) -> dict[str, str]:
    """Every registered export, by file name, in memory (small graphs: checks and tests)."""
    outputs = {name: io.StringIO() for name in EXPORTS}
    for producer in producers(graph):
        producer.write({name: outputs[name] for name in producer.names})
    return {name: outputs[name].getvalue() for name in sorted(EXPORTS)}

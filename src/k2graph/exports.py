"""The export registry: each export is a file name and a renderer from the graph to text.

Renderers return text and never touch the file system; `writer.write_exports` writes them all.
A new export format is one renderer plus one entry here (and a golden file in the tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from k2graph.audit import render_audit_json, render_audit_markdown
from k2graph.html import render_html
from k2graph.model import KnowledgeGraph
from k2graph.rdf import (
    render_jsonld,
    render_nquads,
    render_trig,
    render_turtle,
    render_vocabulary,
)

Renderer = Callable[[KnowledgeGraph], str]


def render_json(graph: KnowledgeGraph) -> str:
    """The canonical JSON dump: every field, keys sorted, two-space indent, UTF-8, final newline."""
    data = graph.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


EXPORTS: dict[str, Renderer] = {
    "k2graph.json": render_json,
    "audit.json": render_audit_json,
    "audit.md": render_audit_markdown,
    "k2graph.ttl": render_turtle,
    "k2graph.trig": render_trig,
    "k2graph.nq": render_nquads,
    "k2graph.jsonld": render_jsonld,
    "k2graph-vocab.ttl": render_vocabulary,
    "k2graph.html": render_html,
}


def render_all(graph: KnowledgeGraph) -> dict[str, str]:
    """Every registered export, by file name."""
    return {name: render(graph) for name, render in sorted(EXPORTS.items())}

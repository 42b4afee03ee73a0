"""Helpers shared by the sparql tests: the fixture export as N-Quads, and running a query."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from k2graph.sparql.answer import Row
from k2graph.workflow import sparql as api

FIXTURE = Path(__file__).resolve().parent / "data" / "sparql_fixture.trig"
ID = "https://w3id.org/k2graph/id/"
ENGINES = ("rdflib", "oxigraph")


def write_nquads(folder: Path) -> Path:
    """The hand-written TriG fixture (it follows RDF.md) as the N-Quads file the command reads."""
    # Converted with pyoxigraph: rdflib's Dataset.parse trips its own DeprecationWarning.
    quads = ox.parse(path=FIXTURE, format=ox.RdfFormat.TRIG)
    path = folder / "k2graph.nq"
    ox.serialize(quads, path, format=ox.RdfFormat.N_QUADS)
    return path


def rows(data: Path, engine: str, **options: object) -> list[Row]:
    """The JSON result rows of one query run through the library, as the CLI runs it."""
    import json

    request = api.Request(data=data, engine=engine, fmt="json", **options)  # type: ignore[arg-type]
    document = json.loads(api.run(request).text)
    found: list[Row] = document["results"]["bindings"]
    return found

"""`k2graph sparql`: read-only SPARQL over the exported N-Quads, on rdflib or Oxigraph.

The pieces, each with one job: `guard` parses and refuses what must not run, `bindings` turns
`--bind var=value` into RDF terms, `named` holds the named queries, `runner` runs a query in a
child process (`worker`, using `engines`) under a time limit, `results` writes the W3C formats,
`store` builds and checks the on-disk Oxigraph store (`--store`), and `inprocess` runs a query
for the Python API. `k2graph.workflow.sparql` ties them together for the command line, and
`k2graph.remote.query` sends the same checked query to an endpoint.
"""

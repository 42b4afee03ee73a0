"""Claim queries and their renderings: the filters of `k2graph claims` (`claims`), `show`, the
tables and formats every listing shares (`tables`), and the text each query command prints
(`reports`). SPARQL has its own package, `k2graph.sparql`."""

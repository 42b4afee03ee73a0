"""The build stages between loading and scoring, each one pure function (typed in, typed out).

anchor (quotes located in their documents) → normalize (entities and their names; quantities in
base units) → provenance (sources, speakers, works) → assemble (claims merged across sources) →
inference (premises linked) → coverage (every sentence curated or skipped). The order itself lives
in `k2graph.pipeline`.
"""

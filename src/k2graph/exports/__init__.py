"""Everything a build writes: the registry of exports (`registry`), the canonical JSON, the RDF
(`rdf/`), the graph page (`html/`), the audit (`audit`), the networkx view (`network`), and the
one writer (`writer`) that puts files on disk atomically."""

"""k2graph: a claim-provenance knowledge graph of what documents say about vitamin K2."""

__version__ = "0.1.0"

"""Node and edge identifiers on the graph page: one namespace per kind of record.

A source, a claim and an entity could share an identifier; the page prefixes each so they cannot.
"""

from __future__ import annotations


def source_node(source_id: str) -> str:
    return f"source:{source_id}"


def claim_node(claim_id: str) -> str:
    return f"claim:{claim_id}"


def entity_node(entity_id: str) -> str:
    return f"entity:{entity_id}"

"""The canonical model is frozen, strict, and its identifiers are content-derived and IRI-safe."""

from __future__ import annotations

import re

import pytest
from conftest import SOURCES
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from k2graph.identifiers import content_id, is_slug, slugify
from k2graph.model import Entity, KnowledgeGraph
from k2graph.pipeline import build_graph

IRI_SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)?")


def test_models_are_frozen_and_refuse_unknown_fields() -> None:
    entity = Entity(id="mgp", name="MGP", type="protein")
    with pytest.raises(ValidationError):
        entity.name = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        Entity.model_validate({"id": "x", "name": "x", "type": "protein", "colour": "red"})


def test_every_identifier_in_the_corpus_is_iri_safe() -> None:
    graph = build_graph(SOURCES)
    collections = [
        graph.sources,
        graph.works,
        graph.speakers,
        graph.entities,
        graph.claims,
        graph.attestations,
        graph.conflicts,
    ]
    for items in collections:
        ids = [item.id for item in items]
        assert ids == sorted(set(ids))
        for identifier in ids:
            assert IRI_SAFE.fullmatch(identifier), identifier


def test_graph_round_trips_through_json() -> None:
    graph = build_graph(SOURCES)
    assert KnowledgeGraph.model_validate_json(graph.model_dump_json()) == graph


@given(st.dictionaries(st.text(max_size=5), st.integers(), max_size=6))
def test_content_id_ignores_key_order(content: dict[str, int]) -> None:
    reversed_content = dict(reversed(list(content.items())))
    assert content_id("c", content) == content_id("c", reversed_content)


@given(st.text(max_size=40))
def test_slugify_always_gives_a_slug(name: str) -> None:
    assert is_slug(slugify(name))

"""The predicate vocabulary is coherent, and sources/README.md shows it as it is."""

from __future__ import annotations

from conftest import SOURCES

from k2graph.predicates import PREDICATES, ObjectKind, vocabulary_table


def test_opposites_exist_and_are_mutual() -> None:
    for predicate in PREDICATES.values():
        if predicate.opposite is not None:
            assert predicate.opposite in PREDICATES, predicate.name
            assert PREDICATES[predicate.opposite].opposite == predicate.name, predicate.name


def test_the_degree_scale_runs_reverses_halts_slows_no_effect_worsens() -> None:
    scale = sorted((p for p in PREDICATES.values() if p.degree is not None), key=lambda p: p.degree)
    assert [p.name for p in reversed(scale)] == [
        "reverses",
        "halts",
        "slows",
        "no_effect_on",
        "worsens",
    ]


def test_single_valued_and_degree_predicates_take_entities() -> None:
    for predicate in PREDICATES.values():
        if predicate.single_valued or predicate.degree is not None:
            assert predicate.object_kind is ObjectKind.ENTITY, predicate.name


def test_every_predicate_has_a_definition_and_a_snake_case_name() -> None:
    for name, predicate in PREDICATES.items():
        assert name == predicate.name
        assert name.replace("_", "").isalpha()
        assert name.islower()
        assert len(predicate.definition.split()) >= 4, name


def test_sources_readme_shows_the_vocabulary_as_it_is() -> None:
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- predicates:start -->\n", "<!-- predicates:end -->"
    assert start in readme, "sources/README.md lost its predicate table's start marker"
    assert end in readme, "sources/README.md lost its predicate table's end marker"
    shown = readme.split(start, 1)[1].split(end, 1)[0]
    assert shown == vocabulary_table(), (
        "sources/README.md's predicate table is stale: replace it with "
        "k2graph.predicates.vocabulary_table()"
    )

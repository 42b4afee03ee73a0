"""Stage 3, normalize: build the entity lexicon and resolve names and synonyms to entities.

A name is looked up case-insensitively after the quote-folding rule, so "MK7", "mk-7" spelled with
a different dash, and "Menaquinone-7" find the same entity when the lexicon lists them. One name
belongs to one entity only; a clash is a problem, never a silent choice.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from k2graph.corpus.records import EntityRecord
from k2graph.corpus.validation import Located
from k2graph.identifiers import slugify
from k2graph.model import Entity, Xref
from k2graph.problems import Problem, describe_character
from k2graph.stages.anchor import fold_quote
from k2graph.stages.lookalike import invisible_in, skeleton


def ancestors(entities: Mapping[str, Entity], entity_id: str) -> frozenset[str]:
    """Every entity reachable through `broader` links (not the entity itself, unless in a
    cycle)."""
    seen: set[str] = set()
    frontier = list(entities[entity_id].broader)
    while frontier:
        current = frontier.pop()
        if current not in seen:
            seen.add(current)
            frontier.extend(entities[current].broader)
    return frozenset(seen)


def name_key(name: str) -> str:
    """The lookup key of a name: folded, case-folded, single-spaced."""
    return fold_quote(name).casefold()


@dataclass(frozen=True)
class Lexicon:
    """Entities by identifier, and every known name's key mapped to its entity identifier."""

    entities: dict[str, Entity]
    names: dict[str, str]

    def resolve(self, name: str) -> str | None:
        return self.names.get(name_key(name))

    def ancestors(self, entity_id: str) -> frozenset[str]:
        return ancestors(self.entities, entity_id)

    def suggest(self, name: str) -> list[str]:
        """Up to three known names closest to `name`, for 'did you mean' messages."""
        display = {name_key(n): n for e in self.entities.values() for n in (e.name, *e.synonyms)}
        close = difflib.get_close_matches(name_key(name), list(display), n=3, cutoff=0.6)
        return [display[k] for k in close]


def build_lexicon(records: Sequence[Located[EntityRecord]]) -> tuple[Lexicon, list[Problem]]:
    """Turn entity records into entities; report identifier and name clashes."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    owners: dict[str, Located[EntityRecord]] = {}
    names: dict[str, str] = {}
    looks: dict[str, tuple[str, str]] = {}  # skeleton → (entity id, name as written)
    for located in records:
        record = located.value
        entity_id = slugify(record.name)
        if entity_id in entities:
            problems.append(
                located.problem(
                    f"entity '{record.name}' has the same identifier '{entity_id}' as "
                    f"'{entities[entity_id].name}' ({owners[entity_id].label})",
                    field="name",
                    fix="merge the two entities, or make one of the names distinct",
                )
            )
            continue
        entity = Entity(
            id=entity_id,
            name=record.name,
            type=record.type,
            synonyms=tuple(sorted(set(record.synonyms), key=str.casefold)),
            xrefs=tuple(
                sorted(
                    {
                        Xref(curie=x.curie, verified=x.verified, evidence=x.evidence)
                        for x in record.xrefs
                    },
                    key=lambda x: x.curie,
                )
            ),
            description=record.description,
        )
        entities[entity_id] = entity
        owners[entity_id] = located
        for name in (record.name, *record.synonyms):
            found = _unclear(name, looks, entity_id, entities, located)
            if found is not None:
                problems.append(found)
                continue
            looks[skeleton(name_key(name))] = (entity_id, name)
            key = name_key(name)
            owner = names.get(key)
            if owner is not None and owner != entity_id:
                problems.append(
                    located.problem(
                        f"name '{name}' already belongs to entity '{entities[owner].name}'",
                        field="synonyms",
                        fix="a name may belong to one entity only: remove it from one of them",
                    )
                )
                continue
            names[key] = entity_id
    lexicon = Lexicon(entities, names)
    problems += _link_broader(lexicon, owners)
    return lexicon, problems


def _unclear(
    name: str,
    looks: dict[str, tuple[str, str]],
    entity_id: str,
    entities: dict[str, Entity],
    located: Located[EntityRecord],
) -> Problem | None:
    """A name with an invisible character, or one that looks like another entity's name."""
    invisible = invisible_in(name)
    if invisible is not None:
        return located.problem(
            f"name {name!r} holds the invisible character {describe_character(invisible)}",
            field="name" if name == located.value.name else "synonyms",
            fix="remove it: a name that differs only by what cannot be seen is another name",
        )
    owner = looks.get(skeleton(name_key(name)))
    # Even two names of one entity: a look-alike is there to pass for the other, or by mistake.
    if owner is None or name_key(owner[1]) == name_key(name):
        return None
    of = "" if owner[0] == entity_id else f" of entity '{entities[owner[0]].name}'"
    return located.problem(
        f"name {name!r} looks the same as {owner[1]!r}{of}"
        " but is written with other characters (letters of another script?)",
        field="name" if name == located.value.name else "synonyms",
        fix="write it in the same letters as the other name, and merge the two entities if"
        " they are one",
    )


def _link_broader(lexicon: Lexicon, owners: dict[str, Located[EntityRecord]]) -> list[Problem]:
    """Resolve each entity's `broader` names to identifiers; refuse unknown names and cycles."""
    problems: list[Problem] = []
    for entity_id, located in owners.items():
        linked: list[str] = []
        for position, name in enumerate(located.value.broader):
            target = lexicon.resolve(name)
            if target is None or target == entity_id:
                why = "is the entity itself" if target else "is not a known entity name"
                problems.append(
                    located.problem(
                        f"broader '{name}' {why}",
                        field=f"broader.{position}",
                        fix="name a more general entity from this file",
                    )
                )
                continue
            linked.append(target)
        entity = lexicon.entities[entity_id]
        lexicon.entities[entity_id] = entity.model_copy(update={"broader": tuple(sorted(linked))})
    for entity_id, located in owners.items():
        if entity_id in lexicon.ancestors(entity_id):
            problems.append(
                located.problem(
                    "circular `broader` links: the entity is, through others, broader than itself",
                    field="broader",
                    fix="a broader entity must be more general, never back to this one",
                )
            )
    return problems

"""Turn what a person types into an identifier: any case, a synonym, a title or a unique prefix.

A name that matches nothing raises `NotFound` with the closest candidates; a prefix that matches
several raises it with those it matched. Both messages are one line, for the command line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from k2graph.model import KnowledgeGraph

SHOWN = 6  # candidates named in an error message


class NotFound(LookupError):
    """A name that matches nothing, or a prefix that matches several things; one-line message."""

    def __str__(self) -> str:
        return str(self.args[0])


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve(what: str, given: str, aliases: Mapping[str, Iterable[str]]) -> str:
    """The identifier (a key of `aliases`) that `given` names.

    Tried in order: an exact alias (the identifier itself, a name, a synonym, a title), then a
    unique prefix of an alias. Case and runs of spaces are ignored.
    """
    key = _key(given)
    table = {ident: {_key(a) for a in (ident, *names)} for ident, names in aliases.items()}
    exact = sorted(i for i, keys in table.items() if key in keys)
    if len(exact) == 1:
        return exact[0]
    prefixed = exact or sorted(
        i for i, keys in table.items() if any(k.startswith(key) for k in keys)
    )
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise NotFound(f"{what} '{given}' is ambiguous: it matches {_listing(prefixed)}")
    every = {k: i for i, keys in table.items() for k in keys}
    close = difflib.get_close_matches(key, sorted(every), n=SHOWN, cutoff=0.6)
    closest = list(dict.fromkeys(every[k] for k in close))  # best first
    if closest:
        raise NotFound(f"unknown {what} '{given}' — closest: {_listing(closest)}")
    if len(aliases) <= SHOWN:
        raise NotFound(f"unknown {what} '{given}' — use one of: {_listing(sorted(aliases))}")
    raise NotFound(f"unknown {what} '{given}' — nothing close to it")


def _listing(idents: list[str]) -> str:
    shown = ", ".join(idents[:SHOWN])
    more = len(idents) - SHOWN
    return f"{shown} (and {more} more)" if more > 0 else shown


def source_id(graph: KnowledgeGraph, given: str) -> str:
    """A source by identifier or title, in any case, or a unique prefix of either."""
    return resolve("source", given, {s.id: (s.title,) for s in graph.sources})


def entity_id(graph: KnowledgeGraph, given: str) -> str:
    """An entity by identifier, name or synonym, in any case, or a unique prefix of one."""
    return resolve("entity", given, {e.id: (e.name, *e.synonyms) for e in graph.entities})


def predicate(graph: KnowledgeGraph, given: str) -> str:
    """A predicate used by some claim; `reverses`, `Reverses`, `inversely associated with`."""
    used = sorted({c.predicate for c in graph.claims})
    spelled = given.replace("-", "_").replace(" ", "_")
    return resolve("predicate", spelled, {p: () for p in used})


def record_id(graph: KnowledgeGraph, given: str) -> str:
    """A claim, source, conflict or attestation by identifier or unique identifier prefix."""
    idents: dict[str, tuple[str, ...]] = {s.id: (s.title,) for s in graph.sources}
    for collection in (graph.claims, graph.conflicts, graph.attestations):
        idents.update({item.id: () for item in collection})
    return resolve("identifier", given, idents)

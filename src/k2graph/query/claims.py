"""The filters of `k2graph claims` (and of `K2Graph.claims`), and the rows they select.

`ClaimFilters` holds names as a person typed them; `select_claims` resolves them (`resolve`)
and keeps the claims that pass every filter given. `--entity` matches a claim whose subject,
object or an entity qualifier (population, form, outcome measure, comparator) is that entity;
with `include_narrower` also one that names a narrower entity (one whose `broader` chain reaches
it, e.g. MK-7 under vitamin K2). A row lists its sources, speakers and bases sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from k2graph import resolve
from k2graph.conflicts.views import Filters, conflict_views
from k2graph.model import Attestation, Claim, KnowledgeGraph, by_source
from k2graph.rows import ClaimRow, ConflictRow, Rows, SourceRow

SORTS = ("strength", "sources", "id")


@dataclass(frozen=True)
class ClaimFilters:
    """Every filter of `k2graph claims`; the defaults keep everything."""

    source: tuple[str, ...] = ()  # any of these sources attests the claim
    entity: str | None = None
    include_narrower: bool = False
    predicate: str | None = None
    speaker: str | None = None  # a speaker kind: author, reader_comment, …
    min_strength: float | None = None
    label: tuple[str, ...] = ()  # any of these strength labels
    conflicted: bool = False
    single_source: bool = False  # every attestation comes from one source
    text: str | None = None  # every word occurs in the claim's text or one of its quotes
    sort: str = "strength"
    limit: int | None = None


@dataclass(frozen=True)
class _Resolved:
    sources: frozenset[str]
    entities: frozenset[str]
    predicate: str | None


def _resolve(graph: KnowledgeGraph, filters: ClaimFilters) -> _Resolved:
    entities: frozenset[str] = frozenset()
    if filters.entity is not None:
        found = resolve.entity_id(graph, filters.entity)
        entities = narrower(graph, found) if filters.include_narrower else frozenset({found})
    return _Resolved(
        sources=frozenset(resolve.source_id(graph, s) for s in filters.source),
        entities=entities,
        predicate=resolve.predicate(graph, filters.predicate) if filters.predicate else None,
    )


def narrower(graph: KnowledgeGraph, entity: str) -> frozenset[str]:
    """`entity` and every entity whose `broader` chain reaches it."""
    found = {entity}
    grew = True
    while grew:
        more = {e.id for e in graph.entities if found.intersection(e.broader)} - found
        found |= more
        grew = bool(more)
    return frozenset(found)


def mentions(claim: Claim) -> set[str]:
    """The entity identifiers a claim names: subject, object and entity qualifiers."""
    q = claim.qualifiers
    named = (claim.object, q.population, q.form, q.outcome_measure, q.comparator)
    return {claim.subject} | {n for n in named if n is not None}


def _keep(claim: Claim, atts: list[Attestation], speakers: dict[str, str], f: ClaimFilters) -> bool:
    strength = claim.strength
    checks = (
        not f.speaker or any(speakers[a.speaker_id] == f.speaker for a in atts),
        f.min_strength is None or (strength is not None and strength.score >= f.min_strength),
        not f.label or (strength is not None and strength.label.value in f.label),
        not f.single_source or len({a.source_id for a in atts}) == 1,
        not f.text or _has_words(f.text, [claim.text, *(a.quote.exact for a in atts)]),
    )
    return all(checks)


def _has_words(words: str, texts: list[str]) -> bool:
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in words.casefold().split())


def select_claims(graph: KnowledgeGraph, filters: ClaimFilters) -> Rows[ClaimRow]:
    """The claims passing every filter, sorted and cut to the limit; raise `NotFound` for a
    source, entity or predicate that names nothing."""
    found = _resolve(graph, filters)
    by_claim: dict[str, list[Attestation]] = {}
    for a in graph.attestations:
        by_claim.setdefault(a.claim_id, []).append(a)
    speakers = {s.id: s.kind.value for s in graph.speakers}
    conflicts = _conflicts_by_claim(graph)
    rows = [
        claim_row(c, by_claim.get(c.id, []), conflicts.get(c.id, []))
        for c in graph.claims
        if (not found.sources or found.sources & {a.source_id for a in by_claim.get(c.id, [])})
        and (not found.entities or found.entities & mentions(c))
        and (found.predicate is None or c.predicate == found.predicate)
        and (not filters.conflicted or c.id in conflicts)
        and _keep(c, by_claim.get(c.id, []), speakers, filters)
    ]
    ordered = sorted(rows, key=_SORT_KEYS[filters.sort])
    return Rows(ClaimRow, ordered[: filters.limit] if filters.limit else ordered)


_SORT_KEYS = {
    "strength": lambda r: (-(r.score or 0), -len(r.sources), r.id),
    "sources": lambda r: (-len(r.sources), -(r.score or 0), r.id),
    "id": lambda r: (r.id,),
}


def _conflicts_by_claim(graph: KnowledgeGraph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for conflict in graph.conflicts:
        for claim_id in dict.fromkeys((conflict.a.claim_id, conflict.b.claim_id)):
            found.setdefault(claim_id, []).append(conflict.id)
    return found


def claim_row(claim: Claim, atts: Iterable[Attestation], conflicts: list[str]) -> ClaimRow:
    mine = list(atts)
    strength = claim.strength
    return ClaimRow(
        id=claim.id,
        text=claim.text,
        subject=claim.subject,
        predicate=claim.predicate,
        object=claim.object,
        negated=claim.negated,
        score=strength.score if strength else None,
        label=strength.label.value if strength else None,
        sources=sorted({a.source_id for a in mine}),
        speakers=sorted({a.speaker_id for a in mine}),
        bases=sorted({a.basis.value for a in mine}),
        attestations=len(mine),
        origins=len(strength.origins) if strength else 0,
        conflicts=sorted(conflicts),
    )


def source_rows(graph: KnowledgeGraph) -> Rows[SourceRow]:
    """Every source, by identifier, with its attestation count and mean evidence strength."""
    rows = []
    grouped = by_source(graph.attestations)
    for s in graph.sources:
        mine = grouped.get(s.id, [])
        scores = [a.strength.score for a in mine if a.strength]
        rows.append(
            SourceRow(
                id=s.id,
                title=s.title,
                kind=s.kind.value,
                publication_status=s.publication_status.value,
                commercial_interest=s.commercial_interest.status.value,
                attestations=len(mine),
                mean_strength=round(fmean(scores), 3) if scores else None,
            )
        )
    return Rows(SourceRow, rows)


def conflict_rows(graph: KnowledgeGraph, filters: Filters | None = None) -> Rows[ConflictRow]:
    """The conflicts `k2graph conflicts` lists, strongest first, one flat row each."""
    rows = []
    for view in conflict_views(graph, filters or Filters()):
        a, b = view["a"], view["b"]
        rows.append(
            ConflictRow(
                id=view["id"],
                kind=view["kind"],
                severity=view["severity"],
                a_claim_id=a["claim_id"],
                a_claim=a["claim"],
                a_sources=a["sources"],
                a_score=a["score"],
                b_claim_id=b["claim_id"],
                b_claim=b["claim"],
                b_sources=b["sources"],
                b_score=b["score"],
                favours=view["favours"],
                favours_why=view["favours_why"],
                explanation=view["explanation"],
                detected_by=view["detected_by"],
            )
        )
    return Rows(ConflictRow, rows)

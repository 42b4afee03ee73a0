"""Conflicts as readers see them: each side's claim, sources, speakers, quotes and strengths.

`conflict_views` filters and orders the graph's conflicts and expands every identifier into the
words behind it. The dictionaries it returns are the documented, stable JSON of
`k2graph conflicts --format json` (docs/conflicts.md) and the input of every other rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from k2graph.model import Attestation, Conflict, ConflictSide, KnowledgeGraph, Speaker
from k2graph.vocabulary import ConflictKind, Severity

FORMAT = "k2graph-conflicts/1"
SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MODERATE: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class Filters:
    source: str | None = None
    kind: ConflictKind | None = None
    min_severity: Severity | None = None

    def keep(self, conflict: Conflict, graph: _Index) -> bool:
        if self.kind is not None and conflict.kind is not self.kind:
            return False
        if self.min_severity is not None and (
            SEVERITY_ORDER[conflict.severity] > SEVERITY_ORDER[self.min_severity]
        ):
            return False
        if self.source is not None:
            ids = (*conflict.a.attestation_ids, *conflict.b.attestation_ids)
            return any(graph.attestations[i].source_id == self.source for i in ids)
        return True


class _Index:
    """Lookups by identifier over one graph."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.claims = {c.id: c for c in graph.claims}
        self.attestations = {a.id: a for a in graph.attestations}
        self.speakers = {s.id: s for s in graph.speakers}
        self.sources = {s.id: s for s in graph.sources}


def strongest_first(conflicts: list[Conflict]) -> list[Conflict]:
    """Severity first, then the stronger side's score, then identifier (stable)."""
    return sorted(
        conflicts,
        key=lambda c: (SEVERITY_ORDER[c.severity], -max(c.a.score or 0, c.b.score or 0), c.id),
    )


def conflict_views(graph: KnowledgeGraph, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """The kept conflicts, strongest first, fully expanded."""
    index = _Index(graph)
    kept = [c for c in graph.conflicts if filters.keep(c, index)]
    return [_conflict(c, index) for c in strongest_first(kept)]


def _conflict(conflict: Conflict, index: _Index) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "kind": conflict.kind.value,
        "severity": conflict.severity.value,
        "explanation": conflict.explanation,
        "favours": conflict.favours,
        "favours_why": conflict.favours_why,
        "detected_by": list(conflict.detected_by),
        "reasons": list(conflict.reasons),
        "a": _side(conflict.a, index),
        "b": _side(conflict.b, index),
    }


def _side(side: ConflictSide, index: _Index) -> dict[str, Any]:
    claim = index.claims[side.claim_id]
    attestations = [index.attestations[i] for i in side.attestation_ids]
    return {
        "claim_id": claim.id,
        "claim": claim.text,
        "score": side.score,
        "label": _best_label(attestations),
        "claim_strength": _strength(claim.strength),
        "sources": sorted({a.source_id for a in attestations}),
        "attestations": [_attestation(a, index) for a in attestations],
    }


def _attestation(a: Attestation, index: _Index) -> dict[str, Any]:
    speaker = index.speakers[a.speaker_id]
    return {
        "id": a.id,
        "source_id": a.source_id,
        "speaker_id": a.speaker_id,
        "speaker": _speaker_label(speaker),
        "quote": a.quote.exact,
        "start": a.position.start,
        "end": a.position.end,
        "line": a.line,
        "modality": a.modality.value,
        "basis": a.basis.value,
        "strength": _strength(a.strength),
    }


def _best_label(attestations: list[Attestation]) -> str | None:
    """The label that goes with the side's score: that of its strongest attestation."""
    scored = [a.strength for a in attestations if a.strength is not None]
    return max(scored, key=lambda s: s.score).label.value if scored else None


def _speaker_label(speaker: Speaker) -> str:
    """`Dr. Know (author)`, or for an unnamed one its local id: `comment-5 (reader comment)`."""
    kind = speaker.kind.value.replace("_", " ")
    if speaker.name != "unknown":
        return f"{speaker.name} ({kind})"
    return f"{speaker.id.split('--', 1)[-1]} ({kind})"


def _strength(strength: Any) -> dict[str, Any] | None:
    if strength is None:
        return None
    return {"score": strength.score, "label": strength.label.value}

"""Stage 7, conflicts: merge curated conflicts and rule findings, and weigh each conflict.

One record per conflict: the same kind between the same claims, whoever found it — a curator
(`conflicts.yaml`) or a detection rule — lists everything that found it in `detected_by` and
every reason given in `reasons`. Each record says how severe it is and which side the evidence
favours, and why, from the claims' strengths.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from k2graph.conflicts.curated import CURATED
from k2graph.conflicts.rules import Finding
from k2graph.evidence.config import EvidenceConfig
from k2graph.identifiers import content_id
from k2graph.model import Attestation, Claim, Conflict, ConflictSide
from k2graph.vocabulary import ConflictKind, Severity

# How much each kind of conflict matters on its own: a flat contradiction more than a scope
# qualification (docs/evidence.md, "Severity").
KIND_WEIGHT = {
    ConflictKind.CONTRADICTION: 3,
    ConflictKind.DEGREE: 3,
    ConflictKind.PUBLICATION_STATUS: 3,
    ConflictKind.EXCLUSIVE_VALUES: 2,
    ConflictKind.NUMERIC: 2,
    ConflictKind.SCOPE: 1,
}
FAVOUR_MARGIN = 0.1


@dataclass
class _Merged:
    kind: ConflictKind
    claims: tuple[str, str]
    attestations: dict[str, set[str]] = field(default_factory=dict)
    detected_by: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)
    curated_reasons: list[str] = field(default_factory=list)


def merge_conflicts(
    curated: Mapping[str, Conflict],
    findings: Sequence[Finding],
    claims: Mapping[str, Claim],
    attestations: Mapping[str, Attestation],
    config: EvidenceConfig,
) -> dict[str, Conflict]:
    """One weighed conflict record per (kind, pair of claims)."""
    merged: dict[tuple[ConflictKind, tuple[str, str]], _Merged] = {}
    by_claim: dict[str, list[str]] = {}
    for a in attestations.values():
        by_claim.setdefault(a.claim_id, []).append(a.id)
    for conflict in sorted(curated.values(), key=lambda c: c.id):
        pair = (conflict.a.claim_id, conflict.b.claim_id)
        entry = merged.setdefault((conflict.kind, pair), _Merged(conflict.kind, pair))
        for side in (conflict.a, conflict.b):
            entry.attestations.setdefault(side.claim_id, set()).update(side.attestation_ids)
        entry.detected_by.add(CURATED)
        entry.curated_reasons.append(conflict.explanation)
    for finding in findings:
        pair = (min(finding.a, finding.b), max(finding.a, finding.b))
        entry = merged.setdefault((finding.kind, pair), _Merged(finding.kind, pair))
        only = dict(finding.only)
        for claim_id in pair:
            chosen = only.get(claim_id, tuple(by_claim[claim_id]))
            entry.attestations.setdefault(claim_id, set()).update(chosen)
        entry.detected_by.add(finding.rule)
        entry.reasons.append(f"{finding.rule}: {finding.explanation}")
    out: dict[str, Conflict] = {}
    for entry in merged.values():
        conflict = _weigh(entry, claims, attestations, config)
        out[conflict.id] = conflict
    return out


def _weigh(
    entry: _Merged,
    claims: Mapping[str, Claim],
    attestations: Mapping[str, Attestation],
    config: EvidenceConfig,
) -> Conflict:
    a_claim, b_claim = entry.claims
    sides: tuple[ConflictSide, ConflictSide]
    if a_claim == b_claim:  # two attestations of one claim: split the curated sides back out
        ids = sorted(entry.attestations[a_claim])
        sides = (
            ConflictSide(claim_id=a_claim, attestation_ids=(ids[0],)),
            ConflictSide(claim_id=b_claim, attestation_ids=tuple(ids[1:])),
        )
    else:
        sides = (
            ConflictSide(
                claim_id=a_claim, attestation_ids=tuple(sorted(entry.attestations[a_claim]))
            ),
            ConflictSide(
                claim_id=b_claim, attestation_ids=tuple(sorted(entry.attestations[b_claim]))
            ),
        )
    a, b = (s.model_copy(update={"score": _side_score(s, attestations)}) for s in sides)
    favours, why = _favours(entry.kind, a, b, claims, attestations)
    reasons = tuple(f"{CURATED}: {r}" for r in entry.curated_reasons) + tuple(entry.reasons)
    explanation = (entry.curated_reasons or [r.split(": ", 1)[1] for r in entry.reasons])[0]
    identity = {"kind": entry.kind.value, "sides": [a.claim_id, b.claim_id, *a.attestation_ids]}
    return Conflict(
        id=content_id("conflict", {**identity, "b": list(b.attestation_ids)}),
        kind=entry.kind,
        severity=_severity(entry.kind, a, b, attestations, config),
        a=a,
        b=b,
        favours=favours,
        favours_why=why,
        explanation=explanation,
        detected_by=tuple(sorted(entry.detected_by)),
        reasons=reasons,
    )


def _side_score(side: ConflictSide, attestations: Mapping[str, Attestation]) -> float:
    """A side's strength: the best of its attestations (those the conflict is about)."""
    scores = [s.score for i in side.attestation_ids if (s := attestations[i].strength) is not None]
    return max(scores, default=0.0)


def _severity(
    kind: ConflictKind,
    a: ConflictSide,
    b: ConflictSide,
    attestations: Mapping[str, Attestation],
    config: EvidenceConfig,
) -> Severity:
    """Kind weight, plus 2 when the stronger side is at least moderate or 1 when at least low,
    plus 1 when the two sides come from different sources: 5+ is high, 3-4 moderate."""
    stronger = max(a.score or 0.0, b.score or 0.0)
    labels = config.labels
    points = KIND_WEIGHT[kind] + (
        2 if stronger >= labels["moderate"] else 1 if stronger >= labels["low"] else 0
    )
    sources_a = {attestations[i].source_id for i in a.attestation_ids}
    sources_b = {attestations[i].source_id for i in b.attestation_ids}
    if sources_a != sources_b:
        points += 1
    if points >= 5:
        return Severity.HIGH
    return Severity.MODERATE if points >= 3 else Severity.LOW


def _favours(
    kind: ConflictKind,
    a: ConflictSide,
    b: ConflictSide,
    claims: Mapping[str, Claim],
    attestations: Mapping[str, Attestation],
) -> tuple[str | None, str]:
    sa, sb = a.score or 0.0, b.score or 0.0
    if round(abs(sa - sb), 4) < FAVOUR_MARGIN:  # rounded: 0.35 - 0.25 is a full 0.1
        return None, (
            f"neither side: their evidence is about as strong ({sa:.2f} vs {sb:.2f}, "
            f"a difference under {FAVOUR_MARGIN})"
        )
    side, stronger, weaker = ("a", a, b) if sa > sb else ("b", b, a)
    why = (
        f"{claims[stronger.claim_id].text}: its best attestation scores "
        f"{stronger.score:.2f} against {weaker.score:.2f} "
        f"({_differences(_best(stronger, attestations), _best(weaker, attestations))})"
    )
    if kind is ConflictKind.PUBLICATION_STATUS:
        why += "; the other side rests only on unpublished or preliminary work"
    return side, why


def _best(side: ConflictSide, attestations: Mapping[str, Attestation]) -> Attestation:
    return max(
        (attestations[i] for i in side.attestation_ids),
        key=lambda x: (x.strength.score if x.strength else 0.0, x.id),
    )


def _differences(stronger: Attestation, weaker: Attestation) -> str:
    """The two factors that most separate the stronger side from the weaker, in words."""
    if stronger.strength is None or weaker.strength is None:
        return "unscored"
    mine = {f.name: f for f in stronger.strength.factors}
    theirs = {f.name: f for f in weaker.strength.factors}
    gaps = []
    for name in sorted(set(mine) | set(theirs)):
        own, other = mine.get(name), theirs.get(name)
        gap = (own.contribution if own else 0.0) - (other.contribution if other else 0.0)
        # Say what the stronger side has, or else what holds the weaker one back.
        words = f"{name}: {own.detail}" if own and gap > 0 and own.contribution >= 0 else None
        if words is None and other is not None:
            words = f"the other side's {name}: {other.detail}"
        gaps.append((round(gap, 4), words or name))
    shown = [words for gap, words in sorted(gaps, key=lambda g: -g[0])[:2] if gap > 0]
    return "; ".join(shown) or "the same factors, differently weighted"

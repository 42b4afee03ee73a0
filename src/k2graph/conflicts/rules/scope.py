"""Rules on scope: a statement for everyone against a caution for some."""

from __future__ import annotations

from k2graph.conflicts.rules.context import Context, Finding
from k2graph.model import Claim
from k2graph.vocabulary import ConflictKind, EntityType, Modality

GENERAL_POPULATION = "general-population"
CAUTIONS = frozenset({"caution_with", "contraindicated_with"})


def scope_caution(ctx: Context) -> list[Finding]:
    """An unconditional permission against a caution for a specific population. Fires when one
    claim is a permission without restriction — `safe_for` or `recommended_for` the general
    population, or `safe_at` an amount with no population qualifier — and the other is
    `caution_with` or `contraindicated_with` a population entity other than the general
    population, neither claim is negated, and the subjects are related ("vitamin K2 is safe" /
    "MK-7: caution in renal impairment", MK-7 being a kind of vitamin K2). Does not fire when the
    caution's object is not a population (a drug, a measurement), for unrelated subjects, or for
    a negated caution ("no specific precautions for X")."""
    findings = []
    candidates = ctx.pairs(
        lambda c: not c.negated and _permission(c),
        related=("subject",),
        partner=lambda c: not c.negated and _caution(ctx, c),
    )
    for a, b in candidates:
        if _permission(a) and _caution(ctx, b):
            permission, caution = a, b
        elif _permission(b) and _caution(ctx, a):
            permission, caution = b, a
        else:
            continue
        firm = tuple(
            x.id
            for x in ctx.of_claim(permission.id)
            if x.modality not in (Modality.HEDGED, Modality.SPECULATIVE)
        )
        if firm and ctx.related(a.subject, b.subject):
            findings.append(
                Finding(
                    "scope_caution",
                    ConflictKind.SCOPE,
                    a.id,
                    b.id,
                    f"One side says without restriction that {permission.text}, while the other "
                    f"says {caution.text}, singling out {ctx.name(caution.object)}.",
                    only=((permission.id, firm),),
                )
            )
    return findings


def _permission(claim: Claim) -> bool:
    if claim.predicate in ("safe_for", "recommended_for"):
        return claim.object == GENERAL_POPULATION
    return claim.predicate == "safe_at" and claim.qualifiers.population is None


def _caution(ctx: Context, claim: Claim) -> bool:
    if claim.predicate not in CAUTIONS or claim.object in (None, GENERAL_POPULATION):
        return False
    entity = ctx.entities.get(claim.object) if claim.object else None
    return entity is not None and entity.type is EntityType.POPULATION

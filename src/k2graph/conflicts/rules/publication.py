"""Rules on publication status: a conflict where one side rests only on unpublished work."""

from __future__ import annotations

from k2graph.conflicts.rules.context import Context, Finding
from k2graph.conflicts.rules.logic import (
    antonym_predicates,
    degree_disagreement,
    exclusive_values,
    opposite_polarity,
)
from k2graph.conflicts.rules.numeric import numeric_disagreement
from k2graph.model import Claim
from k2graph.vocabulary import ConflictKind

# The rules whose findings say that two claims cannot both hold; scope findings are left out
# because a caution for a group does not deny the general statement.
CONFLICT_RULES = (
    opposite_polarity,
    antonym_predicates,
    degree_disagreement,
    exclusive_values,
    numeric_disagreement,
)


def unpublished_basis(ctx: Context) -> list[Finding]:
    """A conflict between unpublished and published evidence. For every claim pair that
    `opposite_polarity`, `antonym_predicates`, `degree_disagreement`, `exclusive_values` or
    `numeric_disagreement` finds (each pair once, in claim-id order), fires when one side rests
    only on unpublished or preliminary work (`ctx.rests_only_on_unpublished`) and the other cites
    published work (`ctx.has_published_basis`) — across the corpus, or else within one source
    that attests both claims (counting only that source's attestations). Does not fire when both
    sides cite published work, or when the unpublished side also has a published attestation
    (unless, within a single source, only its unpublished basis is given)."""
    pairs = sorted({(f.a, f.b) for rule in CONFLICT_RULES for f in ctx.findings(rule)})
    findings = []
    for a_id, b_id in pairs:
        a, b = ctx.claims[a_id], ctx.claims[b_id]
        # The whole corpus first, then each source that attests both claims; one finding at most.
        scopes: list[str | None] = [None, *_shared_sources(ctx, a_id, b_id)]
        contrasts = (_contrast(ctx, a, b, scope) for scope in scopes)
        explanation = next((text for text in contrasts if text is not None), None)
        if explanation is not None:
            findings.append(
                Finding(
                    "unpublished_basis", ConflictKind.PUBLICATION_STATUS, a_id, b_id, explanation
                )
            )
    return findings


def _shared_sources(ctx: Context, a_id: str, b_id: str) -> list[str]:
    def sources(claim_id: str) -> set[str]:
        return {attestation.source_id for attestation in ctx.of_claim(claim_id)}

    return sorted(sources(a_id) & sources(b_id))


def _contrast(ctx: Context, a: Claim, b: Claim, source_id: str | None) -> str | None:
    """The explanation if one claim rests only on unpublished work and the other cites
    published work (counting only `source_id`'s attestations, if given); else None."""
    for weak, strong in ((a, b), (b, a)):
        only_unpublished = ctx.rests_only_on_unpublished(weak.id, source_id)
        if only_unpublished and ctx.has_published_basis(strong.id, source_id):
            where = f"as '{ctx.sources[source_id].title}' presents them, " if source_id else ""
            return (
                f"Of two conflicting claims, {where}{weak.text} rests only on unpublished or "
                f"preliminary work, while {strong.text} cites published work."
            )
    return None

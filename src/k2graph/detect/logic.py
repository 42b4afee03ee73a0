"""Rules on the logic of two statements: polarity, antonyms, degree and exclusive values."""

from __future__ import annotations

from k2graph.detect.context import Context, Finding, same_qualifiers
from k2graph.vocabulary import ConflictKind


def opposite_polarity(ctx: Context) -> list[Finding]:
    """The same proposition asserted and denied: equal subject, predicate, object or quantity and
    qualifiers, with `negated` differing ("MK-7 activates GDF15" / "MK-7 does not activate
    GDF15")."""
    findings = []
    for a, b in ctx.pairs():
        if (
            a.negated != b.negated
            and a.subject == b.subject
            and a.predicate == b.predicate
            and a.object == b.object
            and a.quantity == b.quantity
            and same_qualifiers(a, b)
        ):
            yes = a if not a.negated else b
            findings.append(
                Finding(
                    "opposite_polarity",
                    ConflictKind.CONTRADICTION,
                    a.id,
                    b.id,
                    f"One side says {yes.text}; the other denies it.",
                )
            )
    return findings

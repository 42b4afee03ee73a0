"""Rules on the logic of two statements: polarity, antonyms, degree and exclusive values."""

from __future__ import annotations

from k2graph.conflicts.rules.context import Context, Finding, compatible_population, same_qualifiers
from k2graph.model import Claim
from k2graph.predicates import PREDICATES, Predicate
from k2graph.vocabulary import ConflictKind


def opposite_polarity(ctx: Context) -> list[Finding]:
    """The same proposition asserted and denied: equal subject, predicate, object or quantity and
    qualifiers, with `negated` differing ("MK-7 activates GDF15" / "MK-7 does not activate
    GDF15")."""
    findings = []
    for a, b in ctx.pairs(key=lambda c: (c.subject, c.predicate, c.object)):
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


def _predicate(name: str) -> Predicate | None:
    return PREDICATES.get(name)


def antonym_predicates(ctx: Context) -> list[Finding]:
    """Opposite predicates on the same subject and object: fires when both claims are affirmed
    (neither negated), have the identical subject and identical object (entity equality, not the
    hierarchy), the same qualifiers, and predicates that are each other's `opposite` in the
    vocabulary ("MK-7 activates MGP" / "MK-7 inhibits MGP"). Does not fire for different objects,
    for a negated claim (that is `opposite_polarity`'s business) or for unrelated predicates."""
    findings = []
    candidates = ctx.pairs(
        lambda c: not c.negated and c.object is not None and c.predicate in OPPOSITES,
        key=lambda c: (c.subject, c.object, OPPOSITES[c.predicate]),
    )
    for a, b in candidates:
        if (
            _opposites(a.predicate, b.predicate)
            and a.subject == b.subject
            and a.object == b.object
            and same_qualifiers(a, b)
        ):
            findings.append(
                Finding(
                    "antonym_predicates",
                    ConflictKind.CONTRADICTION,
                    a.id,
                    b.id,
                    f"One side says {a.text} and the other says {b.text}, but "
                    f"'{a.predicate}' and '{b.predicate}' are opposites.",
                )
            )
    return findings


def _opposite_families() -> dict[str, frozenset[str]]:
    """Each predicate with an opposite, mapped to the set of it and its opposites (`opposite`
    read both ways), so opposite predicates share a key."""
    linked: dict[str, set[str]] = {}
    for name, meaning in PREDICATES.items():
        if meaning.opposite is not None:
            linked.setdefault(name, {name}).add(meaning.opposite)
            linked.setdefault(meaning.opposite, {meaning.opposite}).add(name)
    families: dict[str, frozenset[str]] = {}
    for name in linked:
        family, frontier = set(), [name]
        while frontier:
            current = frontier.pop()
            if current not in family:
                family.add(current)
                frontier.extend(linked[current])
        families[name] = frozenset(family)
    return families


OPPOSITES = _opposite_families()


def _opposites(p: str, q: str) -> bool:
    # Checked both ways so that a one-sided `opposite` in the vocabulary still counts.
    mp, mq = _predicate(p), _predicate(q)
    return (mp is not None and mp.opposite == q) or (mq is not None and mq.opposite == p)


def degree_disagreement(ctx: Context) -> list[Finding]:
    """Different degrees of effect on the same thing: fires when both predicates sit on the
    degree scale (reverses > halts > slows > no_effect_on > worsens) at different degrees, neither
    claim is negated, the subjects are related and the objects are related (equal, or one a kind
    of the other: MK-7 / vitamin K2, arterial / vascular calcification), and the populations are
    compatible (equal, or one absent and the other general: general population or adults). Does
    not fire for two different named populations (animal models / adults), for no population
    against a specific one (human slowing / an animal study's reversal), for equal degrees, or
    for predicates off the scale."""
    findings = []
    candidates = ctx.pairs(
        lambda c: not c.negated and _degree(c) is not None, related=("subject", "object")
    )
    for a, b in candidates:
        if (
            _degree(a) != _degree(b)
            and ctx.related(a.subject, b.subject)
            and ctx.related(a.object, b.object)
            and compatible_population(a, b)
        ):
            findings.append(
                Finding(
                    "degree_disagreement",
                    ConflictKind.DEGREE,
                    a.id,
                    b.id,
                    f"One side says {a.text} and the other says {b.text}, which are different "
                    f"degrees of effect ('{a.predicate}' vs '{b.predicate}').",
                )
            )
    return findings


def _degree(claim: Claim) -> int | None:
    meaning = _predicate(claim.predicate)
    return meaning.degree if meaning is not None else None


def exclusive_values(ctx: Context) -> list[Finding]:
    """Two values for a one-valued property. Fires (1) when both claims use the same
    `single_valued` predicate, neither is negated, the subjects are related, the objects differ
    and are not related (a kind of the other is a refinement, not a rival), and the qualifiers
    are the same ("MK-7 is absorbed via the lymph" / "... via the portal vein"); or (2) for
    `is_active_form_of`: the same object, different and unrelated subjects, neither negated, same
    qualifiers ("MK-4 is the active form of K2" / "MK-7 is the active form of K2"). Does not fire
    for related objects (case 1) or related subjects (case 2), or for a negated claim."""
    findings = []
    affirmed = [c for c in ctx.claims.values() if not c.negated and c.object is not None]
    single = {c.id for c in affirmed if _single_valued(c)}
    active = {c.id for c in affirmed if c.predicate == "is_active_form_of"}
    candidates = sorted(
        {
            *ctx.pairs(lambda c: c.id in single, key=lambda c: c.predicate, related=("subject",)),
            *ctx.pairs(lambda c: c.id in active, key=lambda c: c.object),
        },
        key=lambda pair: (pair[0].id, pair[1].id),
    )
    for a, b in candidates:
        if a.predicate != b.predicate or not same_qualifiers(a, b):
            continue
        if _rival_objects(ctx, a, b):
            what = f"'{a.predicate}' admits only one value"
        elif _rival_active_forms(ctx, a, b):
            what = f"only one form can be the active form of {ctx.name(a.object)}"
        else:
            continue
        findings.append(
            Finding(
                "exclusive_values",
                ConflictKind.EXCLUSIVE_VALUES,
                a.id,
                b.id,
                f"One side says {a.text} and the other says {b.text}, but {what}.",
            )
        )
    return findings


def _single_valued(claim: Claim) -> bool:
    meaning = _predicate(claim.predicate)
    return meaning is not None and meaning.single_valued


def _rival_objects(ctx: Context, a: Claim, b: Claim) -> bool:
    meaning = _predicate(a.predicate)
    return (
        meaning is not None
        and meaning.single_valued
        and ctx.related(a.subject, b.subject)
        and not ctx.related(a.object, b.object)
    )


def _rival_active_forms(ctx: Context, a: Claim, b: Claim) -> bool:
    return (
        a.predicate == "is_active_form_of"
        and a.object == b.object
        and not ctx.related(a.subject, b.subject)
    )

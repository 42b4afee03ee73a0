"""Rules on numbers: two quantities for the same property that do not agree."""

from __future__ import annotations

import math

from k2graph.conflicts.rules.context import Context, Finding, compatible_population, same_qualifiers
from k2graph.model import Claim, Quantity
from k2graph.predicates import PREDICATES, ObjectKind
from k2graph.stages.quantities import QuantityError, in_base_units
from k2graph.vocabulary import ConflictKind

# An interval in base units; None is an open end (unbounded on that side).
Interval = tuple[float | None, float | None]


def numeric_disagreement(ctx: Context) -> list[Finding]:
    """Two quantities for one property that do not agree. Fires when both claims are affirmed,
    have the identical subject and the same quantity predicate, the same qualifiers except
    population, compatible populations (equal, or one absent and the other general: general
    population or adults), and comparable units
    (the same unit once in SI base units), and either (a) the values, as intervals, do not
    overlap even after widening each by `ctx.tolerance` on each side (a point is [v, v]; an
    approximate value or bound is first widened by the tolerance; an open bound is unbounded),
    or (b) both are closed ranges that overlap but neither contains the other and one sticks out
    beyond the other's bound by more than the tolerance (90-360 vs 100-375 at 5%). Does not fire
    for a point inside a range, a range inside another, different subjects, two different named
    populations, no population against a specific one (200 μg vs 45 μg for children), incomparable
    units (μg/day vs μg/kg) or values within the tolerance."""
    findings = []
    for a, b in ctx.pairs(lambda c: not c.negated and _numeric(c), key=_subject_predicate):
        if a.quantity is None or b.quantity is None:
            continue
        if not (
            a.subject == b.subject
            and a.predicate == b.predicate
            and same_qualifiers(a, b, ignore=("population",))
            and compatible_population(a, b)
        ):
            continue
        case = _disagreement(a.quantity, b.quantity, ctx.tolerance)
        if case is not None:
            findings.append(
                Finding(
                    "numeric_disagreement",
                    ConflictKind.NUMERIC,
                    a.id,
                    b.id,
                    f"One side says {a.text} and the other says {b.text}: {case}.",
                )
            )
    return findings


def _subject_predicate(claim: Claim) -> tuple[str, str]:
    return claim.subject, claim.predicate


def _numeric(claim: Claim) -> bool:
    meaning = PREDICATES.get(claim.predicate)
    return meaning is not None and meaning.object_kind is ObjectKind.QUANTITY


def _disagreement(a: Quantity, b: Quantity, tolerance: float) -> str | None:
    """How the two quantities disagree, in words for the explanation; None if they agree or
    cannot be compared."""
    x, y = _interval(a, tolerance), _interval(b, tolerance)
    if x is None or y is None or x[1] != y[1]:
        return None  # incomparable units: nothing can be said, so say nothing
    xs, ys = x[0], y[0]
    if not _overlap(_widen(xs, tolerance), _widen(ys, tolerance)):
        return f"the ranges do not overlap, even allowing {tolerance:.0%} either way"
    if _is_range(a) and _is_range(b) and _crossing(xs, ys, tolerance):
        return f"each range goes beyond the other's bound, one by more than {tolerance:.0%}"
    return None


def _interval(quantity: Quantity, tolerance: float) -> tuple[Interval, str] | None:
    try:
        value, low, high, unit = in_base_units(quantity)
    except QuantityError:
        return None
    span: Interval = (value, value) if value is not None else (low, high)
    return (_widen(span, tolerance) if quantity.approximate else span), unit


def _is_range(quantity: Quantity) -> bool:
    return quantity.value is None and quantity.low is not None and quantity.high is not None


def _widen(span: Interval, tolerance: float) -> Interval:
    # Relative to each bound's own size, so that negative bounds widen outwards too.
    low, high = span
    return (
        None if low is None else low - tolerance * abs(low),
        None if high is None else high + tolerance * abs(high),
    )


def _overlap(x: Interval, y: Interval) -> bool:
    x_low, x_high = _ends(x)
    y_low, y_high = _ends(y)
    return x_low <= y_high and y_low <= x_high


def _ends(span: Interval) -> tuple[float, float]:
    low, high = span
    return (-math.inf if low is None else low, math.inf if high is None else high)


def _crossing(x: Interval, y: Interval, tolerance: float) -> bool:
    """Neither closed range contains the other, and the larger overhang exceeds the tolerance,
    relative to the bound it passes."""
    x_out, y_out = _overhang(x, y), _overhang(y, x)
    return x_out > 0 and y_out > 0 and max(x_out, y_out) > tolerance


def _overhang(x: Interval, y: Interval) -> float:
    """How far range x reaches beyond range y, relative to y's bound (0 if x stays inside y)."""
    x_low, x_high = _ends(x)
    y_low, y_high = _ends(y)
    below = _relative(y_low - x_low, y_low)
    above = _relative(x_high - y_high, y_high)
    return max(below, above, 0.0)


def _relative(excess: float, bound: float) -> float:
    if excess <= 0:
        return 0.0
    return excess / abs(bound) if bound else math.inf

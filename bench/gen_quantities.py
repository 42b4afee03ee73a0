"""Quantities for generated claims: catalogs of values per dimension, their words and records.

A catalog entry is one *normalized* quantity (180 µg/day is one entry, however a text spells it),
so two different entries are two different claims for k2graph. Only whole numbers are used: a
decimal point inside a sentence would be a second full stop (see gen_text.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from yaml_emit import Raw, Scalar, flow_map

TOLERANCE = 0.15  # the numeric conflict rule's default (k2graph.conflicts.rules.context.Context)


@dataclass(frozen=True)
class Amount:
    """A value (low == high), a range, "up to" (low None) or "at least" (high None)."""

    low: int | None
    high: int | None
    unit: str  # the unit as recorded: hour, day, µg, ng/mL, count, week, month, year
    approximate: bool = False
    per: str | None = None


def _values(unit: str, values: list[int], per: str | None = None) -> list[Amount]:
    return [Amount(v, v, unit, per=per) for v in values]


def _ranges(
    unit: str, spans: list[tuple[int | None, int | None]], per: str | None = None
) -> list[Amount]:
    return [Amount(lo, hi, unit, per=per) for lo, hi in spans]


def _about(amounts: list[Amount]) -> list[Amount]:
    return [Amount(a.low, a.high, a.unit, True, a.per) for a in amounts if a.low == a.high]


_TIME = _values("hour", [1, 2, 3, 4, 6, 8, 12, 24, 36, 48, 72, 96]) + _values("day", [2, 3, 5, 7])
_DOSE = _values("µg", [10, 25, 45, 50, 90, 100, 120, 150, 180, 200, 240, 360, 500, 600], "day")
_DOSE += _values("µg", [1000, 2000, 5000, 45000], "day")
_LEVEL = _values("ng/mL", [1, 2, 5, 10, 20, 36, 50, 76, 100])
CATALOGS: dict[str, list[Amount]] = {
    "time": _TIME + _about(_TIME[4:12]) + _ranges("hour", [(1, 2), (2, 4), (6, 12)]),
    "dose": _DOSE
    + _about(_DOSE[4:10])
    + _ranges("µg", [(90, 360), (100, 200), (45, 180), (180, 360)], "day")
    + _ranges("µg", [(None, 360), (None, 600), (None, 1000), (90, None), (180, None)], "day"),
    "level": _LEVEL + _about(_LEVEL) + _ranges("ng/mL", [(1, 5), (10, 20), (20, 50)]),
    "frequency": _values("count", [1, 2, 3], "day") + _ranges("count", [(2, None)], "day"),
    "count": _values("count", [4, 10, 13, 16]) + _about(_values("count", [10, 16])),
}
# Dose and duration qualifiers ("at a dose of 180 µg per day", "over 3 years").
DOSES = [a for a in CATALOGS["dose"] if a.low == a.high and not a.approximate]
DURATIONS = _values("week", [4, 8, 12]) + _values("month", [6]) + _values("year", [1, 2, 3])
_HOURS = {"hour": 1, "day": 24}


def _plural(unit: str, value: int) -> str:
    return unit if value == 1 else unit + "s"


def _scales(amount: Amount) -> tuple[tuple[float, int, str], ...]:
    """How a mass may be spelled, with cumulative chances: 180 µg (60 %) or 180 mcg (40 %); a
    whole number of milligrams is written in mg 70 % of the time. Other units have one way."""
    if amount.unit != "µg":
        return ((1.0, 1, amount.unit),)
    probe = amount.low if amount.low is not None else amount.high
    assert probe is not None
    micro = ((0.6, 1, "µg"), (1.0, 1, "mcg"))
    if probe >= 1000 and probe % 1000 == 0:
        return ((0.7, 1000, "mg"), *((0.7 + 0.3 * p, s, u) for p, s, u in micro))
    return micro


@cache
def _spellings(amount: Amount) -> tuple[tuple[float, str, Raw], ...]:
    return tuple((p, *_spell(amount, scale, unit)) for p, scale, unit in _scales(amount))


def words(rng: random.Random, amount: Amount) -> tuple[str, Raw]:
    """How a sentence says the amount, and the matching quantity record (a flow mapping)."""
    spellings = _spellings(amount)
    if len(spellings) == 1:
        return spellings[0][1:]
    draw = rng.random()
    for chance, said, record in spellings:
        if draw < chance:
            return said, record
    return spellings[-1][1:]


def _spell(amount: Amount, scale: int, unit: str) -> tuple[str, Raw]:
    low = None if amount.low is None else amount.low // scale
    high = None if amount.high is None else amount.high // scale
    fields: list[tuple[str, Scalar]] = []
    if low is not None and low == high:
        fields.append(("value", low))
        number = str(low)
    else:
        fields += [(k, v) for k, v in (("low", low), ("high", high)) if v is not None]
        number = (
            f"up to {high}"
            if low is None
            else f"at least {low}"
            if high is None
            else f"{low} to {high}"
        )
    fields.append(("unit", unit))
    if amount.approximate:
        fields.append(("approximate", True))
        number = f"about {number}"
    if amount.per is not None:
        fields.append(("per", amount.per))
    said = _phrase(number, unit, high if high is not None else low, amount.per)
    return said, flow_map(fields)


def _phrase(number: str, unit: str, last: int | None, per: str | None) -> str:
    rate = f" per {per}" if per else ""
    if unit == "count":
        if per is None:
            return number
        times = "once" if number == "1" else f"{number} times"
        return times + rate
    if unit in ("hour", "day", "week", "month", "year"):
        return f"{number} {_plural(unit, last or 0)}{rate}"
    return f"{number} {unit}{rate}"


def disagree(a: Amount, b: Amount) -> bool:
    """The numeric rule certainly fires: the widened intervals do not overlap."""
    (a_low, a_high), (b_low, b_high) = _interval(a), _interval(b)
    return a_high < b_low or b_high < a_low


def _interval(amount: Amount) -> tuple[float, float]:
    scale = _HOURS.get(amount.unit, 1)
    low = -float("inf") if amount.low is None else amount.low * scale
    high = float("inf") if amount.high is None else amount.high * scale
    widen = 2 if amount.approximate else 1  # approximate: widened once more before comparing
    for _ in range(widen):
        low, high = low - TOLERANCE * abs(low), high + TOLERANCE * abs(high)
    return low, high

"""Structured quantities, normalized with pint so that 180 µg, 180 mcg and 0.18 mg are equal.

Masses are expressed in micrograms (μg) and mass concentrations in ng/ml; every other unit
keeps the curated unit, written in pint's short form (`nM`, `IU`), and times by name (`hour`).
International units are a dimension of their own, never converted to mass. A rate's `per` must be
a unit of time.
"""

from __future__ import annotations

from functools import cache

import pint

from k2graph.corpus.records import QuantityRecord
from k2graph.model import Quantity

MICROGRAM = "μg"
_SPELLINGS = {"mcg": "microgram", "µg": "microgram", "μg": "microgram", "ug": "microgram"}
_DIGITS = 9


class QuantityError(ValueError):
    """A quantity record that cannot be normalized; the message says which part and why."""


@cache
def _registry() -> pint.UnitRegistry[float]:
    # Built once, lazily: creating a registry costs a noticeable fraction of a second.
    registry: pint.UnitRegistry[float] = pint.UnitRegistry()
    registry.define("international_unit = [international_unit] = IU")
    # A ratio ("7- to 8-fold"): dimensionless, but kept under its own name.
    registry.define("fold = 1")
    registry.define("ratio = 1")
    return registry


@cache
def _unit(text: str) -> pint.Unit:
    spelled = _SPELLINGS.get(text.strip(), text.strip())
    if spelled in ("percent", "%"):
        spelled = "percent"
    try:
        unit = _registry().Unit(spelled)
    except (pint.errors.UndefinedUnitError, ValueError, TypeError, AttributeError):
        raise QuantityError(f"unknown unit '{text}'") from None
    return unit


# Amounts and concentrations are stored in one unit per dimension, so equal amounts compare equal
# (6 μg/L is 6 ng/ml). Other units (times, IU, nM, ratios, μg/kg) keep the unit the text uses;
# per-weight doses are left alone because pint sees μg/kg as dimensionless, like a ratio.
_CANONICAL = ("microgram", "nanogram / milliliter")


@cache
def _canonical(unit: pint.Unit) -> pint.Unit:
    for name in _CANONICAL:
        candidate = _registry().Unit(name)
        if candidate.dimensionality == unit.dimensionality:
            return candidate
    return unit


def _round(value: float) -> float:
    return float(round(value, _DIGITS))


@cache
def _label(unit: pint.Unit) -> str:
    """Times by their full name (`hour`, `year`), other units in short form with Greek mu."""
    if unit.dimensionality == _registry().Unit("day").dimensionality:
        return str(unit)
    return f"{unit:~P}".replace("\u00b5", "\u03bc")


def normalize(record: QuantityRecord) -> Quantity:
    """A canonical `Quantity` for a curated quantity; raise `QuantityError` if it is malformed."""
    if (record.value is None) == (record.low is None and record.high is None):
        raise QuantityError("give either `value`, or a range: `low` and/or `high`")
    if record.low is not None and record.high is not None and record.low > record.high:
        raise QuantityError(f"`low` {record.low} is greater than `high` {record.high}")
    unit = _unit(record.unit)
    target = _canonical(unit)
    label = _label(target)
    factor = _factor(unit, target)

    def convert(number: float | int | None) -> float | None:
        # pint converts multiplicative units by this very product (`value * factor`).
        return None if number is None else _round(number * factor)

    per = None
    if record.per is not None:
        per_unit = _unit(record.per)
        if per_unit.dimensionality != _registry().Unit("day").dimensionality:
            raise QuantityError(f"`per` must be a unit of time, not '{record.per}'")
        per = _label(per_unit)
    return Quantity(
        value=convert(record.value),
        low=convert(record.low),
        high=convert(record.high),
        unit=label,
        approximate=record.approximate,
        per=per,
    )


@cache
def _factor(unit: pint.Unit, target: pint.Unit) -> float:
    """What one `unit` is in `target` (units are looked up once, not for every quantity)."""
    return float(_registry().Quantity(1, unit).to(target).magnitude)


def describe(quantity: Quantity) -> str:
    """Human text: `~72 hour`, `90-360 μg/day`."""

    def number(x: float | None) -> str:
        return "?" if x is None else f"{x:g}"

    if quantity.value is not None:
        amount = number(quantity.value)
    elif quantity.low is None:
        amount = f"up to {number(quantity.high)}"
    elif quantity.high is None:
        amount = f"at least {number(quantity.low)}"
    else:
        amount = f"{number(quantity.low)}-{number(quantity.high)}"
    rate = f"/{quantity.per}" if quantity.per else ""
    return f"{'~' if quantity.approximate else ''}{amount} {quantity.unit}{rate}"


def in_base_units(quantity: Quantity) -> tuple[float | None, float | None, float | None, str]:
    """(value, low, high, unit) in SI base units, so `~72 hour` and `3 day` compare equal.

    International units stay IU: they have no fixed mass. Used to compare quantities whose
    curated units differ; the stored quantity keeps the unit the text uses.
    """
    magnitude, units = _base(quantity.unit, quantity.per)

    def scaled(number: float | None) -> float | None:
        # Significant digits, not decimals: base-unit magnitudes can be tiny (μg/day in kg/s).
        return None if number is None else float(f"{number * magnitude:.12g}")

    return scaled(quantity.value), scaled(quantity.low), scaled(quantity.high), units


@cache
def _base(unit_text: str, per: str | None) -> tuple[float, str]:
    """One `unit_text` (per `per`) in SI base units: its magnitude and the units' short form."""
    unit = _unit(unit_text.replace("\u03bc", "u"))
    if per is not None:
        unit = unit / _unit(per)
    base = _registry().Quantity(1, unit).to_base_units()
    return float(base.magnitude), f"{base.units:~}"

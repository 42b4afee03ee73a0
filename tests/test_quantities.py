"""Quantities are normalized with pint: equal amounts give equal quantities."""

from __future__ import annotations

import pytest

from k2graph.corpus.records import QuantityRecord
from k2graph.stages.quantities import QuantityError, describe, in_base_units, normalize


def q(**fields: object) -> QuantityRecord:
    return QuantityRecord.model_validate(fields)


def test_micrograms_spelled_any_way_are_equal() -> None:
    amounts = [
        normalize(q(value=180, unit=unit, per="day")) for unit in ("µg", "μg", "mcg", "microgram")
    ]
    amounts.append(normalize(q(value=0.18, unit="mg", per="day")))
    assert len(set(amounts)) == 1
    assert describe(amounts[0]) == "180 μg/day"


def test_ranges_and_approximate_values() -> None:
    half_life = normalize(q(low=1, high=2, unit="hours", approximate=True))
    assert (half_life.low, half_life.high, half_life.unit) == (1.0, 2.0, "hour")
    assert describe(half_life) == "~1-2 hour"
    assert normalize(q(low=1.5, high=45, unit="mg", per="day")).high == 45000.0


def test_open_ranges_say_up_to_or_at_least() -> None:
    assert describe(normalize(q(high=600, unit="mcg", per="day"))) == "up to 600 μg/day"
    assert describe(normalize(q(low=2, unit="year"))) == "at least 2 year"


def test_international_units_stay_a_dimension_of_their_own() -> None:
    assert normalize(q(value=3800, unit="IU", per="day")).unit == "IU"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"unit": "mg"}, "either `value`"),
        ({"value": 1, "low": 1, "high": 2, "unit": "mg"}, "either `value`"),
        ({"low": 3, "high": 2, "unit": "mg"}, "greater than"),
        ({"value": 1, "unit": "blorps"}, "unknown unit"),
        ({"value": 1, "unit": "mg", "per": "gram"}, "unit of time"),
    ],
)
def test_malformed_quantities_say_why(fields: dict[str, object], words: str) -> None:
    with pytest.raises(QuantityError, match=words):
        normalize(q(**fields))


def test_in_base_units_makes_equal_amounts_in_different_units_equal() -> None:
    def base(**fields: object) -> tuple[float | None, float | None, float | None, str]:
        return in_base_units(normalize(QuantityRecord.model_validate(fields)))

    assert base(value=72, unit="hour") == base(value=3, unit="day")
    assert base(value=180, unit="mcg", per="day") == base(value=0.18, unit="mg", per="day")
    assert base(value=6, unit="µg/L") == base(value=6, unit="ng/mL")
    assert base(value=72, unit="hour") != base(value=72, unit="minute")
    assert base(value=400, unit="IU")[3] == "IU"

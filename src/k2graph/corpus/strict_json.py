"""The fast path for curated files written as JSON (which is YAML too): the standard JSON parser.

It gives the same data the strict YAML reader would, or None whenever the YAML reader must judge
the text: not JSON, a duplicate key, a non-finite number, a top-level scalar, nesting too deep, or
a character YAML refuses or reads as a line break.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from k2graph.corpus.yaml_scalars import MAX_NUMBER_CHARS, refused_text


def looks_like_json(text: str) -> bool:
    """A JSON container with no character that YAML would read differently."""
    return text.lstrip(" \t\r\n")[:1] in ("{", "[") and not _YAML_ONLY.search(text)


# Characters the YAML reader refuses (outside YAML's printable set) or reads as line breaks
# (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): JSON takes them as they are, so a text with any of
# them goes the YAML way.
_YAML_ONLY = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class _NotPlainJson(Exception):
    """The text uses something the YAML path must judge (a duplicate key, NaN, deep nesting)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotPlainJson
    return result


def _refuse_constant(name: str) -> Any:
    raise _NotPlainJson


def _number(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A number as the YAML path reads it: not too long to be a value, and finite."""

    def read(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise _NotPlainJson
        number = parse(text)
        if isinstance(number, float) and not math.isfinite(number):
            raise _NotPlainJson
        return number

    return read


_JSON = json.JSONDecoder(
    object_pairs_hook=_no_duplicates,
    parse_constant=_refuse_constant,
    parse_int=_number(int),
    parse_float=_number(float),
)


def json_or_none(text: str, max_depth: int) -> Any:
    """The data of a JSON document whose only container is the top one or below it, or None
    when the YAML path must decide (not JSON, a duplicate key, a non-finite number, a top-level
    scalar, nesting deeper than `max_depth`)."""
    try:
        data = _JSON.decode(text)
    except (ValueError, RecursionError, _NotPlainJson):
        return None
    if not isinstance(data, dict | list) or not _plain(data, max_depth):
        return None
    return data


def _plain(value: Any, max_depth: int) -> bool:
    """Nesting no deeper than `max_depth` (counted as the YAML composer counts nodes, a scalar
    being one level), and no text (key or value) the YAML path refuses; numbers are checked as
    they are parsed."""
    frontier = [(value, 1)]
    while frontier:
        current, level = frontier.pop()
        if isinstance(current, dict):
            if any(refused_text(key) for key in current):
                return False
            children = list(current.values())
        else:
            children = current
        if level + (1 if children else 0) > max_depth:
            return False
        for child in children:
            if isinstance(child, dict | list):
                frontier.append((child, level + 1))
            elif isinstance(child, str) and refused_text(child):
                return False
    return True

"""The fast path for curated files written as JSON (which is YAML too): the standard JSON parser.

It gives the same data the strict YAML reader would, or None whenever the YAML reader must judge
the text: not JSON, a duplicate key, a non-finite number, a top-level scalar, nesting too deep, or
a character YAML refuses or reads as a line break.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from k2graph.problems import unsafe_character


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


_JSON = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)


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
    being one level), every number finite, and no text (key or value) the YAML path refuses."""
    frontier = [(value, 1)]
    while frontier:
        current, level = frontier.pop()
        if isinstance(current, dict):
            if any(unsafe_character(key) for key in current):
                return False
            children = list(current.values())
        else:
            children = current
        if level + (1 if children else 0) > max_depth:
            return False
        for child in children:
            if isinstance(child, dict | list):
                frontier.append((child, level + 1))
            elif (isinstance(child, str) and unsafe_character(child)) or (
                isinstance(child, float) and not math.isfinite(child)
            ):
                return False
    return True

"""Scalars of the strict YAML reader, resolved by a small YAML 1.2-like rule, and its error.

A quoted scalar is text. A plain one is null, a boolean, an integer or a finite decimal when it
is spelled as one, else text; the YAML 1.1 spellings that silently change type (`no` → false,
`012` → 10, `12:30:00` → 45000, `.inf`) are refused. No text may hold a control character (but
tab and line breaks) or a bidirectional override, however it is written.
"""

from __future__ import annotations

import math
import re
from typing import Any

from k2graph.problems import HIDDEN_TEXT, describe_character, unsafe_character

MAX_NUMBER_CHARS = 100  # Python refuses to read integers of over 4,300 digits

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_SURPRISES = (
    (re.compile(r"[-+]?0[0-9_]+"), "a number with a leading zero (YAML 1.1 reads it as octal)"),
    (re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+"), "a hexadecimal, octal or binary literal"),
    (re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"), "a sexagesimal number"),
    (re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?"), "a number with underscores"),
    (re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"), "an infinite or not-a-number value"),
)


class YamlProblem(Exception):
    """The text is not acceptable YAML; `line` is 1-based where known. `ours` is False for an
    error the parser reported (syntax), True for one of this module's own checks."""

    def __init__(
        self, message: str, line: int | None, fix: str | None = None, *, ours: bool = True
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.fix = fix
        self.ours = ours


def resolve_scalar(value: str, *, quoted: bool, line: int) -> Any:
    """The value of one scalar as written; `YamlProblem` for what is refused."""
    _refuse_unsafe(value, line)
    if quoted:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value.lower() in _YAML11_BOOLS:
        raise YamlProblem(
            f"unquoted '{value}' is read as a boolean by YAML 1.1 tools",
            line,
            f'write "{value}" in quotes for text, or true/false for a yes/no value',
        )
    if (_INT.fullmatch(value) or _FLOAT.fullmatch(value)) and len(value) > MAX_NUMBER_CHARS:
        raise YamlProblem(
            f"a number written with {len(value):,} characters is longer than any value here"
            f" (at most {MAX_NUMBER_CHARS})",
            line,
            "correct the number",
        )
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        number = float(value)
        if not math.isfinite(number):
            raise YamlProblem(
                f"the number {value} is too large to represent (it would be infinite)",
                line,
                "write the value in a larger unit, or correct it",
            )
        return number
    for pattern, what in _SURPRISES:
        if pattern.fullmatch(value):
            raise YamlProblem(
                f"unquoted '{value}' is {what}, which YAML tools read differently",
                line,
                f'write "{value}" in quotes for text, or a plain decimal number',
            )
    return value


def refused_text(value: str) -> bool:
    """Whether the YAML path refuses this text (for the JSON fast path, which then defers)."""
    return unsafe_character(value) is not None or HIDDEN_TEXT.search(value) is not None


def _refuse_unsafe(value: str, line: int) -> None:
    """Curated text holds no control character (but tab and line breaks) and no bidirectional
    override: written as a YAML escape (`"\\e"`), one would reach every export and terminal."""
    found = unsafe_character(value)
    if found is not None:
        index, char = found
        raise YamlProblem(
            f"the text holds the control character {char} at character {index + 1}",
            line,
            "remove it: curated text is what the document says, and such a character changes"
            " how text shows on a screen or hides part of it",
        )
    hidden = HIDDEN_TEXT.search(value)
    if hidden is not None:
        raise YamlProblem(
            f"the text holds the invisible character {describe_character(hidden.group())} at"
            f" character {hidden.start() + 1}",
            line,
            "remove it: it shows as nothing, so the text reads as something it is not",
        )

"""A tiny YAML writer for generated corpora: every string double-quoted, nothing left to guess.

`yaml.dump` is slow at a million records and picks plain scalars that the project's strict reader
(src/k2graph/corpus/strict_yaml.py) refuses or retypes (`no`, `012`, `12:30`). Here every string
is a double-quoted scalar with JSON-style escapes, which YAML 1.2 reads back unchanged; numbers
and booleans are written bare only where the record format wants a number or a boolean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Characters a double-quoted YAML scalar cannot hold raw: the quote and backslash, C0 and C1
# controls, DEL, the Unicode line and paragraph separators, the byte-order mark, and anything
# outside the Basic Multilingual Plane (escaped so no reader sees a surrogate pair).
_UNSAFE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[^\x00-\uffff]')
_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class Raw(str):
    """Text that is already YAML (a flow mapping or list): written as it is."""

    __slots__ = ()


Scalar = str | int | bool
# A mapping is written as a sequence of (key, value) pairs, in order.
Node = Scalar | Sequence[tuple[str, "Node"]]


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def quote(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    if _UNSAFE.search(text) is None:
        return f'"{text}"'
    return '"' + _UNSAFE.sub(_escape, text) + '"'


def scalar(value: Scalar) -> str:
    """A string quoted; a boolean as true/false; an integer bare."""
    if isinstance(value, Raw):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return quote(value)


def flow_list(items: Iterable[str]) -> Raw:
    """`["a", "b"]`: a flow sequence of quoted strings."""
    return Raw("[" + ", ".join(quote(item) for item in items) + "]")


def flow_map(fields: Iterable[tuple[str, Scalar]]) -> Raw:
    """`{value: 180, unit: "µg"}`: a flow mapping with plain keys and safe values."""
    return Raw("{" + ", ".join(f"{key}: {scalar(value)}" for key, value in fields) + "}")


def block(fields: Sequence[tuple[str, Node]], indent: str, out: list[str]) -> None:
    """Append `key: value` lines for `fields` to `out`; nested pairs become nested mappings."""
    for key, value in fields:
        if isinstance(value, str | int):  # bool is an int
            out.append(f"{indent}{key}: {scalar(value)}")
        else:
            out.append(f"{indent}{key}:")
            block(value, indent + "  ", out)


def item(fields: Sequence[tuple[str, Node]], indent: str, out: list[str]) -> None:
    """Append a block-sequence item (`- key: value`, then the other keys aligned under it)."""
    start = len(out)
    block(fields, indent + "  ", out)
    out[start] = f"{indent}- {out[start][len(indent) + 2 :]}"

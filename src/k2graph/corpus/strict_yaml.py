"""Strict YAML reading for curated records: safe, and with a line for every value.

The curated files are code, so the reader refuses what makes YAML surprising: anchors and aliases
(an alias bomb fails at the first anchor), duplicate keys, explicit tags, deep nesting, and the
YAML 1.1 plain scalars that silently change type (`no` → false, `012` → 10, `12:30:00` → 45000).
Scalars are resolved by a small YAML 1.2-like rule instead of PyYAML's 1.1 resolver. Text is
turned into events by libyaml when PyYAML has it (several times faster than the pure-Python
parser) and by PyYAML's Python parser otherwise; nodes are always built by PyYAML's Python
composer, so the checks run at each node and nesting is refused before it gets deep.

Our checks decide before the parser's limits, whatever PyYAML release is installed: libyaml looks
ahead up to 1,024 characters for a key, so since PyYAML 6.0.4 a dense run of `[` meets libyaml's
own nesting limit before the composer sees the 33rd level. When libyaml refuses a text, the text
is read again by the Python scanner, which counts open collections itself as it scans (no limit
of PyYAML's comes first), and our message wins if one of our checks fails; otherwise libyaml's
error stands, so the messages for ordinary syntax errors do not depend on the release.

A file written as JSON (which is YAML: a flow mapping or sequence with quoted keys) is read by the
standard library's JSON parser instead (`strict_json`), many times faster, with the same result:
JSON has no anchors, aliases, tags or plain scalars, duplicate keys are still refused, and the
lines of its values are worked out by the YAML path only when a message needs one. Anything the
JSON parser does not accept as it stands goes through the YAML path, which gives the result or
the error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from k2graph.corpus.strict_json import json_or_none, looks_like_json
from k2graph.corpus.yaml_scalars import YamlProblem, resolve_scalar

__all__ = ["MAX_DEPTH", "Path_", "YamlDocument", "YamlProblem", "parse_yaml"]

MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dicts, lists, str, int, float, bool, None) and the line of every value.

    A document read as JSON keeps its `text` instead, and finds its lines on first need."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)

    def line_of(self, path: Path_) -> int | None:
        """The line of the value at `path`, or of its nearest ancestor that exists."""
        if self.text is not None and not self.lines:
            self.lines.update(_parse_yaml(self.text, pure_python=False).lines)
        for cut in range(len(path), -1, -1):
            line = self.lines.get(path[:cut])
            if line is not None:
                return line
        return None


class _StrictComposer(yaml.composer.Composer):
    """PyYAML's Python composer, checking anchors, tags and depth at each node."""

    # No implicit resolution: every plain scalar composes as a string; `_scalar` types it.
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry

    def __init__(self) -> None:
        # Not super(): the next class in line is the parser, which wants the text.
        yaml.composer.Composer.__init__(self)
        self._depth = 0

    # The two scanner hooks below run only in the Python scanner (the libyaml loader scans in C);
    # they refuse nesting as soon as it is scanned, before any look-ahead of the parser's.

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        self._refuse_deep_scan(opening_flow=1)
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]  # scanner half

    def add_indent(self, column: int) -> bool:
        opened: bool = super().add_indent(column)  # type: ignore[misc]  # scanner half
        if opened:
            self._refuse_deep_scan(opening_flow=0)
        return opened

    def _refuse_deep_scan(self, opening_flow: int) -> None:
        """Refuse when more than MAX_DEPTH collections would be open: each is a node the
        composer would count, so this never refuses what the composer accepts."""
        scanner: Any = self
        open_collections = len(scanner.indents) + scanner.flow_level + opening_flow
        if open_collections > MAX_DEPTH:
            raise _too_deep(scanner.get_mark().line + 1)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser half
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, AliasEvent):
            raise YamlProblem(
                f"alias '*{event.anchor}' is not allowed",
                line,
                "write the value out in full; anchors and aliases are refused",
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor:
            raise YamlProblem(
                f"anchor '&{event.anchor}' is not allowed",
                line,
                "remove the anchor and write each value out in full",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _too_deep(line)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _too_deep(line: int | None) -> YamlProblem:
    return YamlProblem(
        f"nesting deeper than {MAX_DEPTH} levels",
        line,
        "flatten the structure; records need only a few levels",
    )


def _loader_class(parser: type[Any]) -> type[Any]:
    def init(self: Any, text: str) -> None:
        parser.__init__(self, text)
        _StrictComposer.__init__(self)

    return type(f"Strict{parser.__name__}", (_StrictComposer, parser), {"__init__": init})


_PURE = _loader_class(yaml.SafeLoader)
_FAST = _loader_class(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_yaml(text: str, *, pure_python: bool = False, json_path: bool = True) -> YamlDocument:
    """Parse one YAML document strictly; raise `YamlProblem` on anything refused.

    `pure_python` uses PyYAML's Python parser even when libyaml is available, and `json_path`
    lets a JSON document skip the YAML path; all give the same result (tests compare them).
    """
    if json_path and looks_like_json(text):
        data = json_or_none(text, MAX_DEPTH)
        if data is not None:
            return YamlDocument(data=data, text=text)
    return _parse_yaml(text, pure_python=pure_python)


def _parse_yaml(text: str, *, pure_python: bool) -> YamlDocument:
    try:
        return _compose(text, _PURE if pure_python else _FAST)
    except YamlProblem as refused:
        if pure_python or _FAST is _PURE or refused.ours:
            raise
        # libyaml refused the text: our own checks, in the Python scanner, may have the better
        # reason (see the module docstring); libyaml's error stands when they find nothing.
        try:
            _compose(text, _PURE)
        except YamlProblem as second:
            if second.ours:
                raise second from None
        raise


def _compose(text: str, loader_class: type[Any]) -> YamlDocument:
    loader = None
    try:
        loader = loader_class(text)  # the reader checks the characters here
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        raise YamlProblem(
            f"YAML syntax error: {what}", line, "correct the YAML at that line", ours=False
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem(f"YAML error: {err}", None, "correct the YAML", ours=False) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[Path_, int] = {}
    data = None if root is None else _convert(root, (), lines)
    return YamlDocument(data=data, lines=lines)


def _convert(node: Node, path: Path_, lines: dict[Path_, int]) -> Any:
    line = node.start_mark.line + 1
    lines[path] = line
    if isinstance(node, ScalarNode):
        return _scalar(node, line)
    if isinstance(node, SequenceNode):
        _require_tag(node, _SEQ_TAG, line)
        return [_convert(item, (*path, i), lines) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        _require_tag(node, _MAP_TAG, line)
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = _convert(key_node, (*path, "<key>"), {})
            if not isinstance(key, str):
                raise YamlProblem(f"mapping key {key!r} is not text", key_line, "use a text key")
            if key == "<<":
                raise YamlProblem(
                    "merge key '<<' is not allowed", key_line, "write the fields out in full"
                )
            if key in seen:
                raise YamlProblem(
                    f"duplicate key '{key}' (first at line {seen[key]})",
                    key_line,
                    "keep one of the two",
                )
            seen[key] = key_line
            result[key] = _convert(value_node, (*path, key), lines)
            lines[(*path, key)] = key_line
        return result
    raise YamlProblem("unsupported YAML node", line)  # pragma: no cover - PyYAML has no others


def _require_tag(node: Node, tag: str, line: int) -> None:
    if node.tag != tag:
        raise YamlProblem(f"explicit tag '{node.tag}' is not allowed", line, "remove the tag")


def _scalar(node: ScalarNode, line: int) -> Any:
    _require_tag(node, _STR_TAG, line)
    # A quoted or block scalar is always text (plain style is None, or "" from libyaml).
    return resolve_scalar(node.value, quoted=bool(node.style), line=line)

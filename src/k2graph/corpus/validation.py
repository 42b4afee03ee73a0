"""Validate parsed YAML against a record model and turn every error into a one-line `Problem`.

Pydantic's messages are precise but written for programmers; this module names the field the way
the curated file spells it, gives the line from the YAML reader, and says how to fix it.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from k2graph.corpus.strict_yaml import Path_, YamlDocument
from k2graph.problems import Problem

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

FORMAT_HELP = "see sources/README.md"


@dataclass(frozen=True)
class Located(Generic[T]):
    """A validated record with where it came from, for messages about it."""

    value: T
    file: str
    doc: YamlDocument
    path: Path_
    label: str

    def problem(self, message: str, field: str | None = None, fix: str | None = None) -> Problem:
        # "speakers.1.work" -> ("speakers", 1, "work"): list items are ints in YAML paths.
        sub: Path_ = tuple(int(p) if p.isdigit() else p for p in field.split(".")) if field else ()
        return Problem(
            file=self.file,
            line=self.doc.line_of((*self.path, *sub)),
            record=self.label if self.path else None,  # a whole file is not a record
            field=field,
            message=message,
            fix=fix,
        )


def validate(
    model: type[M], data: Any, *, file: str, doc: YamlDocument, path: Path_, label: str | None
) -> tuple[Located[M] | None, list[Problem]]:
    """Validate `data` (found at `path` in `doc`) as `model`; return it or its problems."""
    try:
        value = model.model_validate(data)
    except ValidationError as err:
        problems: dict[str, Problem] = {}
        for detail in err.errors():
            field_path = _field_path(model, detail["loc"])
            key = ".".join(str(part) for part in field_path)
            if key in problems:  # a union reports once per member; one line per field is enough
                continue
            problems[key] = Problem(
                file=file,
                line=doc.line_of((*path, *field_path)),
                record=label,
                field=key or None,
                message=_message(field_path, detail),
                fix=_fix(model, field_path, detail),
            )
        return None, list(problems.values())
    return Located(value, file, doc, path, label or file), []


def _field_path(model: type[BaseModel], loc: Sequence[int | str]) -> tuple[str | int, ...]:
    """The part of pydantic's location that names fields and list items, not union members."""
    kept: list[str | int] = []
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            kept.append(part)
            current = _item_type(current)
            continue
        fields = _fields_of(current)
        if fields is None:  # a union member's tag, not a field
            break
        kept.append(part)
        if part not in fields:  # an unknown field: name it, there is nothing below
            break
        current = fields[part]
    return tuple(kept)


def _fields_of(annotation: Any) -> dict[str, Any] | None:
    for candidate in _members(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return {name: f.annotation for name, f in candidate.model_fields.items()}
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in _members(annotation):
        args = typing.get_args(candidate)
        if typing.get_origin(candidate) in (list, tuple) and args:
            return args[0]
    return None


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _parent_fields(model: type[BaseModel], field_path: tuple[str | int, ...]) -> list[str]:
    current: Any = model
    for part in field_path[:-1]:
        if isinstance(part, int):
            current = _item_type(current)
        else:
            current = (_fields_of(current) or {}).get(part)
    return sorted(_fields_of(current) or {})


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _message(field_path: tuple[str | int, ...], d: ErrorDetails) -> str:
    kind = d["type"]
    name = field_path[-1] if field_path else ""
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "missing":
        return "required field is missing"
    if kind in ("string_type", "bool_type", "int_type", "float_type") and "input" in d:
        wanted = {"string_type": "text", "bool_type": "true or false"}.get(kind, "a number")
        return f"expected {wanted}, got {_describe(d['input'])}"
    if kind in ("enum", "literal_error"):
        expected = d.get("ctx", {}).get("expected", "")
        return f"{_describe(d.get('input'))} is not allowed; expected {expected}"
    if kind == "value_error" and (isinstance(d.get("input"), dict) or _long(d.get("input"))):
        # A rule over the whole record (a model validator), or one over a long text (a quote
        # too long): its own words say it all.
        return str(d["msg"]).removeprefix("Value error, ")
    return f"{d['msg']} (got {_describe(d.get('input'))})"


def _long(value: Any) -> bool:
    return isinstance(value, str) and len(value) > 80


def _fix(model: type[BaseModel], field_path: tuple[str | int, ...], d: ErrorDetails) -> str:
    kind = d["type"]
    if kind == "extra_forbidden":
        allowed = _parent_fields(model, field_path)
        close = difflib.get_close_matches(str(field_path[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{hint}allowed fields here: {', '.join(allowed)}"
    if kind == "missing":
        return f"add '{field_path[-1]}' ({FORMAT_HELP})"
    if kind == "string_type":
        return "put the value in quotes"
    if kind == "value_error" and isinstance(d.get("input"), dict):
        return f"correct the record ({FORMAT_HELP})"
    return f"correct the value ({FORMAT_HELP})"

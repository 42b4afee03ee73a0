"""The typed results of queries: one frozen model per row, and a list of rows that converts.

Each row converts to a dictionary (`to_dict`, the JSON shape: lists stay lists) and to a flat
row (`to_row`, the CSV and DataFrame shape: lists joined with "; ", no value is nested). The
field order of a model is the column order of its CSV, which is part of the documented format.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

JOIN = "; "


class Row(BaseModel):
    """One result row."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    plural: ClassVar[str] = "rows"  # the JSON document's list key

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_row(self) -> dict[str, str | int | float | bool | None]:
        return {k: JOIN.join(v) if isinstance(v, list) else v for k, v in self.to_dict().items()}


class ClaimRow(Row):
    """A claim with who states it and how strongly it is supported."""

    plural: ClassVar[str] = "claims"
    id: str
    text: str
    subject: str
    predicate: str
    object: str | None
    negated: bool
    score: float | None
    label: str | None
    sources: list[str]
    speakers: list[str]
    bases: list[str]
    attestations: int
    origins: int
    conflicts: list[str]


class SourceRow(Row):
    """A source document's profile."""

    plural: ClassVar[str] = "sources"
    id: str
    title: str
    kind: str
    publication_status: str
    commercial_interest: str
    attestations: int
    mean_strength: float | None


class ConflictRow(Row):
    """A conflict, flattened: both sides' claims, sources and best scores."""

    plural: ClassVar[str] = "conflicts"
    id: str
    kind: str
    severity: str
    a_claim_id: str
    a_claim: str
    a_sources: list[str]
    a_score: float | None
    b_claim_id: str
    b_claim: str
    b_sources: list[str]
    b_score: float | None
    favours: str | None
    favours_why: str
    explanation: str
    detected_by: list[str]


R = TypeVar("R", bound=Row)


def pandas() -> Any:
    """The pandas module, or an ImportError that says how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise ImportError(
            "to_dataframe() needs pandas, an optional extra: pip install 'k2graph[pandas]'"
        ) from err


class Rows(list[R], Generic[R]):
    """A list of result rows that also converts to dictionaries and to a pandas DataFrame."""

    def __init__(self, row_type: type[R], rows: Iterable[R] = ()) -> None:
        super().__init__(rows)
        self.row_type = row_type

    def to_dicts(self) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self]

    def to_dataframe(self) -> Any:
        """A `pandas.DataFrame`, one row per result, columns as in the CSV (needs pandas)."""
        module = pandas()
        return module.DataFrame([row.to_row() for row in self], columns=self.columns())

    def columns(self) -> list[str]:
        return list(self.row_type.model_fields)

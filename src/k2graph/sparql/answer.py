"""What a query returned, in the W3C SPARQL JSON term shape, ready to cross a process boundary.

Both engines' terms are converted to the same plain dicts, so the formats, the tests and the
comparison between engines never see an engine's own classes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# {"type": "uri" | "literal" | "bnode" | "triple", "value": …, "datatype"?: …, "xml:lang"?: …}
Term = dict[str, str]
Row = dict[str, Term]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# CONSTRUCT and DESCRIBE answers are shown as one row per triple with these columns.
TRIPLE_VARIABLES = ["subject", "predicate", "object"]


@dataclass
class Answer:
    """Rows (SELECT, CONSTRUCT, DESCRIBE) or a boolean (ASK); `truncated` when over the limit."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Answer:
        return cls(**data)  # type: ignore[arg-type]


def literal(value: str, datatype: str | None, language: str | None) -> Term:
    """A literal term; the implicit datatypes (xsd:string, rdf:langString) are left out, as
    the W3C JSON format writes simple and language-tagged literals without one."""
    term = {"type": "literal", "value": value}
    if language:
        term["xml:lang"] = language
    elif datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        term["datatype"] = datatype
    return term


def capped(rows: list[Row], limit: int) -> tuple[list[Row], bool]:
    """The first `limit` rows, and whether there were more (the engines fetch `limit + 1`)."""
    return rows[:limit], len(rows) > limit

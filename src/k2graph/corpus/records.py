"""The curated record format: the shape of `source.yaml`, `claims.yaml`, `skipped.yaml`,
`entities.yaml` and `conflicts.yaml` exactly as people write them (see `sources/README.md`).

These models validate the input; they are not the canonical model. Strings never accept numbers
or booleans, unknown fields are refused, and names that become identifiers must be slugs.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    model_validator,
)

from k2graph.identifiers import is_slug
from k2graph.vocabulary import (
    Basis,
    CommercialStatus,
    ConflictKind,
    EntityType,
    Modality,
    PublicationStatus,
    SkipReason,
    SourceKind,
    SpeakerKind,
    StudyDesign,
)


def _slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(
            f"'{value}' is not a slug: use lower-case letters and digits joined by single hyphens"
        )
    return value


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


# A quote is the passage that states one thing: far below this, which keeps the quote matcher
# (and every message that shows a quote) within bounds.
MAX_QUOTE_CHARS = 10_000


def _quote(value: str) -> str:
    _nonblank(value)
    if len(value) > MAX_QUOTE_CHARS:
        raise ValueError(
            f"the quote is {len(value):,} characters long, over the limit of {MAX_QUOTE_CHARS:,}:"
            " quote the sentence or passage that states the claim"
        )
    return value


Slug = Annotated[StrictStr, AfterValidator(_slug)]
Text = Annotated[StrictStr, AfterValidator(_nonblank)]
Quote = Annotated[StrictStr, AfterValidator(_quote)]
Number = Annotated[float, Field(strict=True)] | Annotated[int, Field(strict=True)]
Unknown = Literal["unknown"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CommercialInterestRecord(Record):
    status: CommercialStatus
    detail: Text


class WorkRecord(Record):
    id: Slug
    title: Text
    year: Annotated[int, Field(strict=True, ge=1800, le=2200)] | Unknown
    url: Text
    design: StudyDesign
    publication_status: PublicationStatus
    venue: Text | None = None
    note: Text | None = None


class SpeakerRecord(Record):
    id: Slug
    kind: SpeakerKind
    name: Text
    description: Text
    work: Slug | None = None
    relayed_by: Slug | None = None


class SourceFile(Record):
    title: Text
    original_filename: Text
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
    kind: SourceKind
    publication_status: PublicationStatus
    peer_reviewed: StrictBool | Unknown
    commercial_interest: CommercialInterestRecord
    site: Text
    publisher: Text
    author: Text
    url: Text
    date: Text
    date_note: Text | None = None
    language: Text
    cited_urls: list[Text] = Field(default_factory=list)
    works: list[WorkRecord] = Field(default_factory=list)
    speakers: list[SpeakerRecord] = Field(min_length=1)


class QuantityRecord(Record):
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: Text
    approximate: StrictBool = False
    per: Text | None = None


class QualifiersRecord(Record):
    population: Text | None = None
    form: Text | None = None
    outcome_measure: Text | None = None
    comparator: Text | None = None
    dose: QuantityRecord | None = None
    duration: QuantityRecord | None = None


class ClaimPart(Record):
    subject: Text
    predicate: Text
    object: Text | None = None
    quantity: QuantityRecord | None = None
    negated: StrictBool = False
    qualifiers: QualifiersRecord = Field(default_factory=QualifiersRecord)


class AttestationPart(Record):
    quote: Quote
    occurrence: Annotated[int, Field(strict=True, ge=1)] | None = None
    speaker: Slug
    modality: Modality
    basis: Basis
    basis_work: Slug | None = None
    inferred_from: list[Slug] = Field(default_factory=list)
    note: Text | None = None


class ClaimRecord(Record):
    key: Slug | None = None
    claim: ClaimPart
    attestation: AttestationPart


class ClaimsFile(Record):
    records: list[ClaimRecord]


class XrefRecord(Record):
    curie: Annotated[StrictStr, Field(pattern=r"^[A-Za-z][A-Za-z0-9.]*:[A-Za-z0-9_.\-]+$")]
    verified: StrictBool
    evidence: Text | None = None


class EntityRecord(Record):
    name: Text
    type: EntityType
    synonyms: list[Text] = Field(default_factory=list)
    xrefs: list[XrefRecord] = Field(default_factory=list)
    broader: list[Text] = Field(default_factory=list)
    description: Text | None = None


class EntitiesFile(Record):
    entities: list[EntityRecord]


class ConflictRecord(Record):
    kind: ConflictKind
    a: Text
    b: Text
    rationale: Text


class ConflictsFile(Record):
    conflicts: list[ConflictRecord] = Field(default_factory=list)


class SkipRecord(Record):
    """A passage deliberately given no claim, with the reason (a `note` is needed for `other`)."""

    quote: Quote
    occurrence: Annotated[int, Field(strict=True, ge=1)] | None = None
    reason: SkipReason
    note: Text | None = None

    @model_validator(mode="after")
    def _other_needs_note(self) -> SkipRecord:
        if self.reason is SkipReason.OTHER and self.note is None:
            raise ValueError("reason `other` needs a `note` saying why the passage is skipped")
        return self


class SkippedFile(Record):
    skipped: list[SkipRecord]

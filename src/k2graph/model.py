"""The canonical model: one frozen, typed description of the graph.

Every export and every query is derived from a `KnowledgeGraph`; nothing is edited back into it.
Identifiers are content-derived (see `identifiers`), collections are tuples sorted by identifier,
and unknown fields are refused, so the same sources always give the same model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from k2graph.vocabulary import (
    Basis,
    CommercialStatus,
    ConflictKind,
    EntityType,
    GradeLabel,
    Modality,
    PublicationStatus,
    Severity,
    SourceKind,
    SpeakerKind,
    StudyDesign,
)

FORMAT_VERSION = 1
# The base of the instance IRIs in the RDF exports, unless a build is given another.
DEFAULT_BASE = "https://w3id.org/k2graph/id/"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CommercialInterest(Frozen):
    status: CommercialStatus
    detail: str


class Coverage(Frozen):
    """How the document's sentences are accounted for: curated (a claim quote touches them) or
    deliberately skipped (only a skip quote does)."""

    sentences: int = Field(ge=0)
    curated: int = Field(ge=0)
    skipped: int = Field(ge=0)


class Source(Frozen):
    """One document and what it shows about itself."""

    id: str
    title: str
    original_filename: str
    sha256: str
    kind: SourceKind
    publication_status: PublicationStatus
    peer_reviewed: bool | Literal["unknown"]
    commercial_interest: CommercialInterest
    site: str
    publisher: str
    author: str
    url: str
    date: str
    date_note: str | None = None
    language: str
    cited_urls: tuple[str, ...] = ()
    characters: int = Field(ge=0, description="length of document.txt in code points")
    coverage: Coverage | None = None


class Work(Frozen):
    """A study, review, talk or page that a source cites or quotes."""

    id: str
    source_id: str
    title: str
    year: int | Literal["unknown"]
    url: str
    design: StudyDesign
    publication_status: PublicationStatus
    venue: str | None = None
    note: str | None = None


class Speaker(Frozen):
    """Who states something inside a source."""

    id: str
    source_id: str
    kind: SpeakerKind
    name: str
    description: str
    work_id: str | None = None
    relayed_by_id: str | None = None


class Xref(Frozen):
    curie: str
    verified: bool
    # Where the identifier and its label were checked (a registry page or a file that copies it).
    evidence: str | None = None


class Entity(Frozen):
    """A normalized thing with its synonyms and public identifiers."""

    id: str
    name: str
    type: EntityType
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[Xref, ...] = ()
    # More general entities that include this one (is-a or part-of), by identifier.
    broader: tuple[str, ...] = ()
    description: str | None = None


class Quantity(Frozen):
    """A value or range in a normalized unit; `per` makes it a rate (per day)."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str
    approximate: bool = False
    per: str | None = None


class Qualifiers(Frozen):
    population: str | None = None
    form: str | None = None
    outcome_measure: str | None = None
    comparator: str | None = None
    dose: Quantity | None = None
    duration: Quantity | None = None


class Factor(Frozen):
    """One factor of an evidence strength: what was found, and how much it adds or takes away."""

    name: str
    detail: str
    contribution: float


class Strength(Frozen):
    """A transparent evidence strength: the score in [0, 1], its GRADE-style label, and the
    factors that sum to it (from a base of 0, clamped to [0, 1])."""

    score: float = Field(ge=0, le=1)
    label: GradeLabel
    factors: tuple[Factor, ...]


class ClaimStrength(Frozen):
    """A claim's strength: its strongest attestation's, once copies of one origin are merged."""

    score: float = Field(ge=0, le=1)
    label: GradeLabel
    # Independent origins: a cited work (however many sources quote it), or else the speaker.
    origins: tuple[str, ...]
    best_attestation_id: str
    rule: str


class Claim(Frozen):
    """A proposition, independent of who states it; entity fields hold entity identifiers."""

    id: str
    subject: str
    predicate: str
    object: str | None = None
    quantity: Quantity | None = None
    negated: bool = False
    qualifiers: Qualifiers = Qualifiers()
    text: str
    strength: ClaimStrength | None = None


class TextQuoteSelector(Frozen):
    """W3C Web Annotation TextQuoteSelector: the exact words and 32 code points either side."""

    exact: str
    prefix: str
    suffix: str


class TextPositionSelector(Frozen):
    """W3C Web Annotation TextPositionSelector, in Unicode code points, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Attestation(Frozen):
    """One speaker in one source stating one claim, anchored to the exact words."""

    id: str
    claim_id: str
    source_id: str
    speaker_id: str
    key: str | None = None
    quote: TextQuoteSelector
    position: TextPositionSelector
    line: int = Field(ge=1, description="line of the document where the quote starts")
    modality: Modality
    basis: Basis
    basis_work_id: str | None = None
    # With basis own_inference: the attestations (same source) the speaker reasons from.
    inferred_from: tuple[str, ...] = ()
    note: str | None = None
    strength: Strength | None = None


class ConflictSide(Frozen):
    claim_id: str
    attestation_ids: tuple[str, ...]
    # The best strength score among this side's attestations (those the conflict is about).
    score: float | None = None


class Conflict(Frozen):
    """Two claims, or two attestations of one claim, that cannot both hold as stated."""

    id: str
    kind: ConflictKind
    severity: Severity = Severity.LOW
    a: ConflictSide
    b: ConflictSide
    # "a" or "b" when the evidence clearly favours one side; None when it does not.
    favours: Literal["a", "b"] | None = None
    favours_why: str = ""
    explanation: str
    detected_by: tuple[str, ...]
    # Every reason given, each prefixed by what gave it (`curated: …`, `degree_disagreement: …`).
    reasons: tuple[str, ...] = ()


class KnowledgeGraph(Frozen):
    """The whole graph; every collection sorted by identifier."""

    format_version: int = FORMAT_VERSION
    # Which evidence weights scored the graph: "shipped defaults" or the --evidence-config file.
    evidence_config: str = "shipped defaults"
    # Base of the instance IRIs in the RDF exports.
    base_iri: str = DEFAULT_BASE
    sources: tuple[Source, ...] = ()
    works: tuple[Work, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    attestations: tuple[Attestation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


def by_source(attestations: Iterable[Attestation]) -> dict[str, list[Attestation]]:
    """Attestations grouped by source, in their given order (one pass, not one per source)."""
    groups: dict[str, list[Attestation]] = {}
    for a in attestations:
        groups.setdefault(a.source_id, []).append(a)
    return groups

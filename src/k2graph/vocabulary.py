"""The closed value sets shared by the curated records and the canonical model.

Each enumeration is a documented choice in `sources/README.md`; a value outside it is refused with
the list of allowed values.
"""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    PEER_REVIEWED_ARTICLE = "peer_reviewed_article"
    REVIEW_ARTICLE = "review_article"
    CLINICAL_REFERENCE = "clinical_reference"
    NEWS_VENDOR_PAGE = "news_vendor_page"
    MARKETING_PAGE = "marketing_page"
    BLOG_POST = "blog_post"
    CONFERENCE_PRESENTATION_REPORT = "conference_presentation_report"
    OTHER = "other"


class PublicationStatus(StrEnum):
    PUBLISHED = "published"
    PREPRINT = "preprint"
    UNPUBLISHED = "unpublished"
    PRELIMINARY = "preliminary"
    RETRACTED = "retracted"
    UNKNOWN = "unknown"


class CommercialStatus(StrEnum):
    SELLS_PRODUCT = "sells_product"
    AFFILIATED = "affiliated"
    NONE_SHOWN = "none_shown"
    UNKNOWN = "unknown"


class StudyDesign(StrEnum):
    META_ANALYSIS = "meta_analysis"
    SYSTEMATIC_REVIEW = "systematic_review"
    NARRATIVE_REVIEW = "narrative_review"
    RCT = "rct"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CASE_SERIES = "case_series"
    IN_VITRO = "in_vitro"
    ANIMAL = "animal"
    MECHANISM = "mechanism"
    EXPERT_OPINION = "expert_opinion"
    ANECDOTE = "anecdote"
    UNKNOWN = "unknown"


class SpeakerKind(StrEnum):
    AUTHOR = "author"
    READER_COMMENT = "reader_comment"
    QUOTED_WORK = "quoted_work"
    QUOTED_PERSON = "quoted_person"
    REPORTED_PRESENTATION = "reported_presentation"
    ADVERTISEMENT = "advertisement"
    UNNAMED_SOURCES = "unnamed_sources"


class Modality(StrEnum):
    ASSERTED = "asserted"
    HEDGED = "hedged"
    SPECULATIVE = "speculative"
    REPORTED = "reported"


class Basis(StrEnum):
    CITED_WORK = "cited_work"
    OWN_INFERENCE = "own_inference"
    OWN_EXPERIENCE = "own_experience"
    NONE = "none"


class EntityType(StrEnum):
    CHEMICAL = "chemical"
    PROTEIN = "protein"
    GENE = "gene"
    CONDITION = "condition"
    PROCESS = "process"
    ANATOMY = "anatomy"
    FOOD = "food"
    ORGANISM = "organism"
    POPULATION = "population"
    MEASUREMENT = "measurement"
    PROPERTY = "property"
    DRUG = "drug"
    INTERVENTION = "intervention"
    OTHER = "other"


class ConflictKind(StrEnum):
    CONTRADICTION = "contradiction"
    DEGREE = "degree"
    EXCLUSIVE_VALUES = "exclusive_values"
    NUMERIC = "numeric"
    SCOPE = "scope"
    PUBLICATION_STATUS = "publication_status"


class SkipReason(StrEnum):
    """Why a passage of a document gets no claim record (see sources/README.md)."""

    NAVIGATION = "navigation"
    HEADING = "heading"
    METADATA = "metadata"
    CITATION = "citation"
    GREETING = "greeting"
    QUESTION = "question"
    ANECDOTE = "anecdote"
    ADVERTISING = "advertising"
    METHOD = "method"
    RHETORIC = "rhetoric"
    OTHER = "other"


class GradeLabel(StrEnum):
    """GRADE certainty levels, used as the label of an evidence strength."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very low"


class Severity(StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"

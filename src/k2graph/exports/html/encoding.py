"""The visual encoding of the graph page: which color, shape and size stands for what.

One table per channel, shared by the node builder and the on-page legend, so the legend can never
disagree with the drawing.
"""

from __future__ import annotations

from typing import Any

from k2graph.model import Claim, Source
from k2graph.vocabulary import CommercialStatus, GradeLabel, PublicationStatus, SourceKind

LABEL_COLORS: dict[GradeLabel, str] = {
    GradeLabel.HIGH: "#1a9641",
    GradeLabel.MODERATE: "#a6d96a",
    GradeLabel.LOW: "#fdae61",
    GradeLabel.VERY_LOW: "#d7191c",
}
UNSCORED_COLOR = "#bdbdbd"

SOURCE_SHAPES: dict[SourceKind, str] = {
    SourceKind.PEER_REVIEWED_ARTICLE: "square",
    SourceKind.REVIEW_ARTICLE: "diamond",
    SourceKind.CLINICAL_REFERENCE: "triangle",
    SourceKind.NEWS_VENDOR_PAGE: "triangleDown",
    SourceKind.MARKETING_PAGE: "star",
    SourceKind.BLOG_POST: "hexagon",
    SourceKind.CONFERENCE_PRESENTATION_REPORT: "database",
    SourceKind.OTHER: "box",
}
SOURCE_COLOR = "#4a6fa5"
ENTITY_COLOR = "#e0d4f5"
COMMERCIAL_BORDER = "#e66101"
# A source's own status counts as "unpublished" when it is not (yet) a publication of record.
UNPUBLISHED = frozenset(
    {PublicationStatus.UNPUBLISHED, PublicationStatus.PRELIMINARY, PublicationStatus.PREPRINT}
)
RETRACTED = PublicationStatus.RETRACTED
COMMERCIAL = frozenset({CommercialStatus.SELLS_PRODUCT, CommercialStatus.AFFILIATED})

ATTESTATION_EDGE_COLOR = "#9e9e9e"
ENTITY_EDGE_COLOR = "#c9b8e8"
CONFLICT_EDGE_COLOR = "#d62728"

CLAIM_BASE_SIZE = 8
CLAIM_SIZE_STEP = 6
CLAIM_MAX_SIZE = 40
SOURCE_SIZE = 30


def claim_color(claim: Claim) -> str:
    return LABEL_COLORS[claim.strength.label] if claim.strength else UNSCORED_COLOR


def claim_size(origins: int) -> int:
    """Node radius for a claim stated by `origins` independent sources (at least one step)."""
    return min(CLAIM_MAX_SIZE, CLAIM_BASE_SIZE + CLAIM_SIZE_STEP * max(1, origins))


def source_marks(source: Source) -> list[str]:
    """The short marks appended to a source's label: commercial interest, publication status."""
    marks = []
    if source.commercial_interest.status in COMMERCIAL:
        marks.append("$ sells/affiliated")
    if source.publication_status in UNPUBLISHED:
        marks.append(f"\u26a0 {source.publication_status.value}")
    if source.publication_status is RETRACTED:
        marks.append("\u2716 retracted")
    return marks


def legend() -> dict[str, Any]:
    """The legend as data; the page draws it with the same shapes and colors as the graph."""
    return {
        "labels": [[label.value, color] for label, color in LABEL_COLORS.items()]
        + [["unscored", UNSCORED_COLOR]],
        "sizes": [[n, claim_size(n)] for n in (1, 2, 3)],
        "shapes": [[kind.value.replace("_", " "), shape] for kind, shape in SOURCE_SHAPES.items()],
        "source_color": SOURCE_COLOR,
        "commercial_border": COMMERCIAL_BORDER,
        "entity_color": ENTITY_COLOR,
        "edges": [
            ["conflict (labelled with its kind)", CONFLICT_EDGE_COLOR, True],
            ["attestation: claim \u2192 source stating it", ATTESTATION_EDGE_COLOR, False],
            ["claim \u2192 entity it is about", ENTITY_EDGE_COLOR, False],
        ],
    }

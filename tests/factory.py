"""A tiny synthetic corpus written into a temporary folder, for tests that break one thing."""

from __future__ import annotations

import hashlib
from pathlib import Path

DOCUMENT = (
    "Vitamin K2 \u201cactivates\u201d MGP in the\nvessel wall.\n"
    "MK-7 has a half-life of ~72 hours.\n"
    "Take 180\u00a0\u00b5g daily. Take 180\u00a0\u00b5g daily.\n"
    "Reader: it does not reverse calcification.\n"
)

ENTITIES = """\
entities:
  - name: menaquinone-7
    type: chemical
    synonyms: [MK-7, MK7, vitamin K2]
  - name: matrix Gla protein
    type: protein
    synonyms: [MGP]
    xrefs:
      - {curie: "UniProt:P08493", verified: true}
  - name: arterial calcification
    type: condition
    synonyms: [calcification]
"""

SOURCE = """\
title: A tiny page
original_filename: tiny.txt
sha256: "{sha}"
kind: blog_post
publication_status: published
peer_reviewed: false
commercial_interest: {{status: none_shown, detail: nothing is sold}}
site: unknown
publisher: unknown
author: unknown
url: unknown
date: unknown
language: en
works:
  - id: a-trial
    title: A trial
    year: 2012
    url: unknown
    design: rct
    publication_status: unpublished
speakers:
  - id: author
    kind: author
    name: unknown
    description: the page's author
  - id: reader
    kind: reader_comment
    name: unknown
    description: the last line
"""

CLAIMS = """\
records:
  - key: activates
    claim: {subject: vitamin K2, predicate: activates, object: MGP}
    attestation:
      quote: 'Vitamin K2 "activates" MGP in the vessel wall.'
      speaker: author
      modality: asserted
      basis: none
  - key: half-life
    claim:
      subject: MK-7
      predicate: has_half_life
      quantity: {value: 72, unit: hours, approximate: true}
    attestation: {quote: "MK-7 has a half-life of ~72 hours.", speaker: author,
                  modality: asserted, basis: cited_work, basis_work: a-trial}
  - key: dose
    claim:
      subject: MK-7
      predicate: recommended_dose
      quantity: {value: 180, unit: µg, per: day}
    attestation: {quote: "Take 180 μg daily.", occurrence: 2, speaker: author,
                  modality: asserted, basis: none}
  - key: no-reversal
    claim: {subject: MK-7, predicate: reverses, object: calcification, negated: true}
    attestation: {quote: "it does not reverse calcification", speaker: reader,
                  modality: asserted, basis: own_experience}
"""

SKIPPED = """\
skipped:
  - quote: "Take 180 µg daily."
    occurrence: 1
    reason: other
    note: the sentence is said twice; the second one is curated
"""

CONFLICTS = """\
conflicts:
  - kind: contradiction
    a: tiny/activates
    b: tiny/no-reversal
    rationale: A test conflict between two records.
"""


def make_corpus(
    root: Path,
    *,
    document: str | bytes = DOCUMENT,
    source: str | None = None,
    claims: str = CLAIMS,
    entities: str = ENTITIES,
    conflicts: str | None = CONFLICTS,
    skipped: str | None = SKIPPED,
    slug: str = "tiny",
) -> Path:
    """Write the tiny corpus under `root/sources` and return that folder."""
    sources = root / "sources"
    folder = sources / slug
    folder.mkdir(parents=True)
    raw = document.encode("utf-8") if isinstance(document, str) else document
    (folder / "document.txt").write_bytes(raw)
    sha = hashlib.sha256(raw).hexdigest()
    (folder / "source.yaml").write_text(source or SOURCE.format(sha=sha), encoding="utf-8")
    (folder / "claims.yaml").write_text(claims, encoding="utf-8")
    (sources / "entities.yaml").write_text(entities, encoding="utf-8")
    if conflicts is not None:
        (sources / "conflicts.yaml").write_text(conflicts, encoding="utf-8")
    if skipped is not None:
        (folder / "skipped.yaml").write_text(skipped, encoding="utf-8")
    return sources

"""A tiny corpus whose text is hostile markup: quotes, titles, names and notes that would run
script if a page ever parsed them as HTML. Every quote is a substring of the document."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factory import SOURCE, make_corpus

IMG = "<img src=x onerror=window.__pwned=1>"
CLOSE = "</script><script>window.__pwned=2</script>"
SVG = '"><svg onload=window.__pwned=3>'
HREF = '<a href="javascript:window.__pwned=4">href</a>'
PAYLOADS = (IMG, CLOSE, SVG, HREF)

DOCUMENT = (
    f"Vitamin K2 activates MGP {IMG} in the vessel wall.\n"
    f"MK-7 has a half-life of ~72 hours {CLOSE} and {HREF}.\n"
    f"Reader: {SVG} it does not reverse calcification.\n"
)
QUOTE_ACTIVATES = f"Vitamin K2 activates MGP {IMG} in the vessel wall."
QUOTE_HALF_LIFE = f"MK-7 has a half-life of ~72 hours {CLOSE} and {HREF}."
QUOTE_REVERSAL = f"{SVG} it does not reverse calcification"
TITLE = f"{IMG} A hostile page {CLOSE} {SVG} href"
ENTITY = f"{SVG} protein"


def _yaml(text: str) -> str:
    """A single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


ENTITIES = f"""\
entities:
  - name: menaquinone-7
    type: chemical
    synonyms: [MK-7, vitamin K2, {_yaml(IMG)}]
  - name: {_yaml(ENTITY)}
    type: protein
    synonyms: [MGP, {_yaml(CLOSE)}]
  - name: arterial calcification
    type: condition
    synonyms: [calcification]
"""

CLAIMS = f"""\
records:
  - key: activates
    claim: {{subject: vitamin K2, predicate: activates, object: MGP}}
    attestation:
      quote: {_yaml(QUOTE_ACTIVATES)}
      speaker: author
      modality: asserted
      basis: none
      note: {_yaml(HREF + " " + IMG)}
  - key: half-life
    claim:
      subject: MK-7
      predicate: has_half_life
      quantity: {{value: 72, unit: hours, approximate: true}}
    attestation: {{quote: {_yaml(QUOTE_HALF_LIFE)}, speaker: author,
                  modality: asserted, basis: cited_work, basis_work: a-trial}}
  - key: no-reversal
    claim: {{subject: MK-7, predicate: reverses, object: calcification, negated: true}}
    attestation: {{quote: {_yaml(QUOTE_REVERSAL)}, speaker: reader,
                  modality: asserted, basis: own_experience}}
"""

CONFLICTS = f"""\
conflicts:
  - kind: contradiction
    a: tiny/activates
    b: tiny/no-reversal
    rationale: {_yaml("A hostile rationale " + SVG + IMG)}
"""


def make_hostile_corpus(root: Path) -> Path:
    """Write the hostile corpus under `root/sources` and return that folder."""
    raw = DOCUMENT.encode("utf-8")
    source = (
        SOURCE.format(sha=hashlib.sha256(raw).hexdigest())
        .replace("title: A tiny page", f"title: {_yaml(TITLE)}")
        .replace("A trial", _yaml(f"A trial {IMG}"))
        .replace(
            "name: unknown\n    description: the page's author",
            f"name: {_yaml('Dr. ' + IMG)}\n    description: the page's author",
        )
        .replace("description: the last line", f"description: {_yaml(HREF + CLOSE)}")
        .replace(
            "commercial_interest: {status: none_shown, detail: nothing is sold}",
            f"commercial_interest: {{status: sells_product, detail: {_yaml(IMG)}}}",
        )
    )
    return make_corpus(
        root,
        document=DOCUMENT,
        source=source,
        claims=CLAIMS,
        entities=ENTITIES,
        conflicts=CONFLICTS,
        skipped=None,
    )

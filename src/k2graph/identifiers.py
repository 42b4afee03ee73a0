"""Content-derived, IRI-safe identifiers.

Identifiers never depend on file order, record order or the clock: sources, speakers, works and
entities are named by curated slugs, and claims, attestations and conflicts by a hash of their
canonical content. Every identifier matches `[a-z0-9]+(-[a-z0-9]+)*`, optionally joined by `--`,
so it can be used in an IRI path segment without escaping.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HASH_LENGTH = 12


def is_slug(text: str) -> bool:
    """True when `text` is a lower-case hyphenated slug such as `knowguff-mk7`."""
    return SLUG.fullmatch(text) is not None


def slugify(text: str) -> str:
    """A slug for a name: `Matrix Gla protein (MGP)` → `matrix-gla-protein-mgp`.

    Letters and digits with no ASCII spelling (other scripts: `β-carotene`, `ビタミンK2`) cannot
    be dropped without two names meeting in one slug, so a name with any of them gets the first
    hex digits of its own SHA-256 appended: `carotene-3c0d…`, `k2-…`."""
    folded = unicodedata.normalize("NFKD", text).replace("μ", "u").replace("µ", "u")
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))
    if any(char.isalnum() and not char.isascii() for char in folded):
        digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
        slug = f"{slug}-{digest[:8]}" if slug else f"x-{digest[:8]}"
    return slug or "x"


def content_id(prefix: str, content: object) -> str:
    """`prefix-` and the first hex digits of the SHA-256 of `content` as canonical JSON."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:HASH_LENGTH]}"


def scoped_id(scope: str, local: str) -> str:
    """A global identifier for a name local to a source: `source--speaker`."""
    return f"{scope}--{local}"

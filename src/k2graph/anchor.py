"""Stage 2, anchor: find every curated quote in its document, exactly.

The matching rule (documented in `sources/README.md`): both the document and the quote are folded
— curly quotes and primes to straight ones, the micro sign to Greek mu, dashes to a hyphen, every
run of white space to one space — and the folded quote must occur in the folded document starting
and ending at word boundaries. The selector then records the document's *own* characters:
`text[start:end] == exact`, offsets in code points, end exclusive, with 32 code points of prefix
and suffix. Folding keeps a map back to the original offsets, so they are never approximate.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from k2graph.load import LoadedSource
from k2graph.problems import Problem
from k2graph.validation import Located

CONTEXT = 32

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    "\u00b5": "\u03bc",
    **dict.fromkeys("\u2013\u2014\u2212", "-"),
}


@dataclass(frozen=True)
class FoldedText:
    """A folded text and, for each folded character, the original span it stands for."""

    folded: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    line: int


@dataclass(frozen=True)
class AnchorFailure:
    """Why a quote could not be anchored, in words for the user."""

    message: str
    fix: str


def fold(text: str) -> FoldedText:
    """Fold `text` by the matching rule, keeping each folded character's original span."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            chars.append(" ")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        chars.append(_FOLD.get(text[i], text[i]))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return FoldedText("".join(chars), tuple(starts), tuple(ends))


def fold_quote(quote: str) -> str:
    """The folded form of a curated quote (outer white space dropped)."""
    return fold(quote.strip()).folded


def find_all(doc: FoldedText, quote: str) -> list[int]:
    """Folded offsets where the folded `quote` occurs at word boundaries."""
    needle = fold_quote(quote)
    hits: list[int] = []
    if not needle:
        return hits
    at = doc.folded.find(needle)
    while at != -1:
        end = at + len(needle)
        before_ok = at == 0 or not (doc.folded[at - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(doc.folded) or not (
            doc.folded[end].isalnum() and needle[-1].isalnum()
        )
        if before_ok and after_ok:
            hits.append(at)
        at = doc.folded.find(needle, at + 1)
    return hits


def anchor_quote(
    text: str, doc: FoldedText, quote: str, occurrence: int | None
) -> Anchor | AnchorFailure:
    """Locate `quote` in `text` (folded as `doc`); `occurrence` picks one of several (1-based)."""
    hits = find_all(doc, quote)
    if not hits:
        return _not_found(text, doc, quote)
    lines = [_line(text, doc.starts[h]) for h in hits]
    if occurrence is None and len(hits) > 1:
        places = ", ".join(f"{n}: line {line}" for n, line in enumerate(lines, 1))
        return AnchorFailure(
            f"quote is ambiguous: it occurs {len(hits)} times ({places})",
            "add `occurrence: N` to the attestation to choose one, or lengthen the quote",
        )
    chosen = occurrence or 1
    if chosen > len(hits):
        return AnchorFailure(
            f"occurrence {chosen} asked for, but the quote occurs {len(hits)} time(s)",
            f"use an occurrence from 1 to {len(hits)}" if len(hits) > 1 else "drop `occurrence`",
        )
    at = hits[chosen - 1]
    start = doc.starts[at]
    end = doc.ends[at + len(fold_quote(quote)) - 1]
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        line=_line(text, start),
    )


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _not_found(text: str, doc: FoldedText, quote: str) -> AnchorFailure:
    """Name the nearest passage and the first character where it differs from the quote."""
    needle = fold_quote(quote)
    matcher = difflib.SequenceMatcher(None, doc.folded, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(doc.folded), 0, len(needle))
    if block.size == 0:
        return AnchorFailure("quote not found in the document", "copy the words from the document")
    # The longest common block fixes the rough place; an insertion or deletion before it shifts
    # the start, so try nearby starts and keep the one that agrees with the quote longest.
    rough = block.a - block.b
    starts = range(max(0, rough - 8), min(len(doc.folded), rough + 9))
    begin = max(starts, key=lambda at: (_common_prefix(needle, doc.folded, at), -abs(at - rough)))
    window = doc.folded[begin : begin + len(needle)]
    differs = _common_prefix(needle, doc.folded, begin)
    if differs == len(needle):
        return AnchorFailure(
            f"quote occurs only inside longer words (line {_line(text, doc.starts[begin])})",
            "start and end the quote on whole words",
        )
    shown = window if len(window) <= 80 else window[:77] + "…"
    where = _line(text, doc.starts[begin]) if begin < len(doc.starts) else _line(text, len(text))
    got = repr(window[differs]) if differs < len(window) else "the end of the document"
    want = repr(needle[differs]) if differs < len(needle) else "nothing"
    return AnchorFailure(
        f'quote not found; nearest match at line {where}: "{shown}" '
        f"(first difference at character {differs + 1}: quote has {want}, document has {got})",
        "copy the exact words from the document",
    )


# What to anchor in one source: each located record with its quote and occurrence.
Quotes = Callable[[LoadedSource], Iterable[tuple[Located[Any], str, int | None]]]


def anchor_quotes(
    sources: Sequence[LoadedSource], quotes: Quotes, field: str
) -> tuple[dict[tuple[str, int], Anchor], list[Problem]]:
    """Anchor the quotes `quotes` picks from each source; keys are (source id, record index).
    A quote that does not anchor is a problem on the record's `field`."""
    anchors: dict[tuple[str, int], Anchor] = {}
    problems: list[Problem] = []
    for source in sources:
        folded = fold(source.text)
        for index, (located, quote, occurrence) in enumerate(quotes(source)):
            result = anchor_quote(source.text, folded, quote, occurrence)
            if isinstance(result, AnchorFailure):
                problems.append(located.problem(result.message, field=field, fix=result.fix))
            else:
                anchors[(source.id, index)] = result
    return anchors, problems


def anchor_sources(
    sources: Sequence[LoadedSource],
) -> tuple[dict[tuple[str, int], Anchor], list[Problem]]:
    """Anchor every claim record's quote; keys are (source id, record index)."""

    def records(source: LoadedSource) -> Iterable[tuple[Located[Any], str, int | None]]:
        for located in source.records:
            part = located.value.attestation
            yield located, part.quote, part.occurrence

    return anchor_quotes(sources, records, "attestation.quote")


def _common_prefix(needle: str, haystack: str, at: int) -> int:
    length = 0
    while (
        length < len(needle)
        and at + length < len(haystack)
        and needle[length] == haystack[at + length]
    ):
        length += 1
    return length

"""Stage 2, anchor: find every curated quote in its document, exactly.

The matching rule (documented in `sources/README.md`): both the document and the quote are folded
— curly quotes and primes to straight ones, the micro sign to Greek mu, dashes to a hyphen, every
run of white space to one space — and the folded quote must occur in the folded document starting
and ending at word boundaries. The selector then records the document's *own* characters:
`text[start:end] == exact`, offsets in code points, end exclusive, with 32 code points of prefix
and suffix. Folding keeps a map back to the original offsets, so they are never approximate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from k2graph.corpus.load import LoadedSource
from k2graph.corpus.validation import Located
from k2graph.problems import Problem
from k2graph.stages.nearest import nearest_start

CONTEXT = 32

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    "\u00b5": "\u03bc",
    **dict.fromkeys("\u2013\u2014\u2212", "-"),
}


_TABLE = str.maketrans(_FOLD)
_FOLDED_CHARS = re.compile(f"[{''.join(_FOLD)}]")


def _translate(text: str) -> str:
    """`text` with the folded characters replaced (most texts have none: no copy then)."""
    return text.translate(_TABLE) if _FOLDED_CHARS.search(text) else text


# A white-space run that folding changes: two or more characters, or one that is not a space.
_RUN = re.compile(r"\s{2,}|[^\S ]")


class FoldedText:
    """A folded text and the way back to the original: each folded character stands for one
    original character, except that a folded space may stand for a run of white space.

    Only the runs that folding changes are stored (not two offsets per character), and line
    numbers come from a sorted list of line breaks, so a multi-megabyte document costs little
    memory and every lookup is a binary search."""

    def __init__(self, text: str) -> None:
        translated = _translate(text)
        folded: list[str] = []
        self._run_at: list[int] = []  # folded offset of each changed run's space
        self._run_start: list[int] = []  # its original start
        self._run_end: list[int] = []  # its original end
        done = shrink = 0
        for match in _RUN.finditer(translated):
            start, end = match.span()
            folded += (translated[done:start], " ")
            self._run_at.append(start - shrink)
            self._run_start.append(start)
            self._run_end.append(end)
            shrink += end - start - 1
            done = end
        folded.append(translated[done:])
        self.folded = "".join(folded)
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def start(self, i: int) -> int:
        """The original offset where folded character `i` starts."""
        k = bisect_right(self._run_at, i) - 1
        if k < 0:
            return i
        if self._run_at[k] == i:
            return self._run_start[k]
        return i + self._run_end[k] - self._run_at[k] - 1

    def end(self, i: int) -> int:
        """The original offset just after folded character `i`."""
        k = bisect_right(self._run_at, i) - 1
        if k >= 0 and self._run_at[k] == i:
            return self._run_end[k]
        return self.start(i) + 1

    def line(self, offset: int) -> int:
        """The 1-based line of original offset `offset`."""
        return bisect_left(self._breaks, offset) + 1

    def find_many(self, needles: Iterable[str]) -> dict[str, list[int]]:
        """Folded offsets where each folded needle occurs at word boundaries, in order.

        All needles are found in one pass over the text by an Aho-Corasick automaton (the
        pyahocorasick C extension), so anchoring a document's quotes costs about one pass over
        it, not one pass per quote."""
        hits: dict[str, list[int]] = {}
        automaton = ahocorasick.Automaton()
        for needle in needles:
            if needle and needle not in hits:
                automaton.add_word(needle, needle)
            hits[needle] = []
        if not len(automaton):
            return hits
        automaton.make_automaton()
        text = self.folded
        for last, needle in automaton.iter(text):
            at = last - len(needle) + 1
            starts_word = at == 0 or not (text[at - 1].isalnum() and needle[0].isalnum())
            if starts_word and self._ends_word(last + 1, needle):
                hits[needle].append(at)
        return hits

    def _ends_word(self, end: int, needle: str) -> bool:
        text = self.folded
        return end == len(text) or not (text[end].isalnum() and needle[-1].isalnum())


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
    """Fold `text` by the matching rule, keeping the way back to its original offsets."""
    return FoldedText(text)


def fold_quote(quote: str) -> str:
    """The folded form of a curated quote (outer white space dropped)."""
    return _RUN.sub(" ", _translate(quote.strip()))


def find_all(doc: FoldedText, quote: str) -> list[int]:
    """Folded offsets where the folded `quote` occurs at word boundaries."""
    needle = fold_quote(quote)
    return doc.find_many([needle])[needle]


def anchor_quote(
    text: str, doc: FoldedText, quote: str, occurrence: int | None
) -> Anchor | AnchorFailure:
    """Locate `quote` in `text` (folded as `doc`); `occurrence` picks one of several (1-based)."""
    return _anchor(text, doc, quote, fold_quote(quote), find_all(doc, quote), occurrence)


def _anchor(
    text: str, doc: FoldedText, quote: str, needle: str, hits: list[int], occurrence: int | None
) -> Anchor | AnchorFailure:
    if not hits:
        return _not_found(text, doc, quote)
    lines = [doc.line(doc.start(h)) for h in hits]
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
    start = doc.start(at)
    end = doc.end(at + len(needle) - 1)
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        line=doc.line(start),
    )


def _not_found(text: str, doc: FoldedText, quote: str) -> AnchorFailure:
    """Name the nearest passage and the first character where it differs from the quote."""
    needle = fold_quote(quote)
    found = nearest_start(doc.folded, needle)
    if found is None:
        return AnchorFailure("quote not found in the document", "copy the words from the document")
    begin, differs = found
    window = doc.folded[begin : begin + len(needle)]
    if differs == len(needle):
        return AnchorFailure(
            f"quote occurs only inside longer words (line {doc.line(doc.start(begin))})",
            "start and end the quote on whole words",
        )
    shown = window if len(window) <= 80 else window[:77] + "…"
    where = doc.line(doc.start(begin) if begin < len(doc.folded) else len(text))
    got = repr(window[differs]) if differs < len(window) else "the end of the document"
    want = repr(needle[differs]) if differs < len(needle) else "nothing"
    return AnchorFailure(
        f'quote not found; nearest match at line {where}: "{shown}" '
        f"(first difference at character {differs + 1}: quote has {want}, document has {got})",
        "copy the exact words from the document",
    )


# What to anchor in one source: each located record with its quote and occurrence.
Quotes = Callable[[LoadedSource], Iterable[tuple[Located[Any], str, int | None]]]


# Folded documents by source id, shared by the callers that anchor in the same documents.
Folds = dict[str, FoldedText]


def anchor_quotes(
    sources: Sequence[LoadedSource], quotes: Quotes, field: str, folds: Folds | None = None
) -> tuple[dict[tuple[str, int], Anchor], list[Problem]]:
    """Anchor the quotes `quotes` picks from each source; keys are (source id, record index).
    A quote that does not anchor is a problem on the record's `field`."""
    anchors: dict[tuple[str, int], Anchor] = {}
    problems: list[Problem] = []
    folds = {} if folds is None else folds
    for source in sources:
        folded = folds.get(source.id) or folds.setdefault(source.id, fold(source.text))
        wanted = [(loc, quote, fold_quote(quote), nth) for loc, quote, nth in quotes(source)]
        hits = folded.find_many(needle for _, _, needle, _ in wanted)
        for index, (located, quote, needle, occurrence) in enumerate(wanted):
            result = _anchor(source.text, folded, quote, needle, hits[needle], occurrence)
            if isinstance(result, AnchorFailure):
                problems.append(located.problem(result.message, field=field, fix=result.fix))
            else:
                anchors[(source.id, index)] = result
    return anchors, problems


def anchor_sources(
    sources: Sequence[LoadedSource], folds: Folds | None = None
) -> tuple[dict[tuple[str, int], Anchor], list[Problem]]:
    """Anchor every claim record's quote; keys are (source id, record index)."""

    def records(source: LoadedSource) -> Iterable[tuple[Located[Any], str, int | None]]:
        for located in source.records:
            part = located.value.attestation
            yield located, part.quote, part.occurrence

    return anchor_quotes(sources, records, "attestation.quote", folds)

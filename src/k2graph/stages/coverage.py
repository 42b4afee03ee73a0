"""Stage 4c, coverage: every sentence of a document is either curated or deliberately skipped.

A document is cut into sentences — at line breaks, and after `.`, `!`, `?` or `…` followed by
white space, except after common abbreviations and initials ("e.g.", "Dr.", "M.") — and a
sentence counts as *curated* when a claim quote overlaps it, *skipped* when only a skip quote
(skipped.yaml) does. A sentence that neither touches is a problem: the audit of the curation is
checked at every build, not kept in someone's head. Pieces with no letter (list numbers, bullets,
emoji, rules) are not sentences.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from k2graph.corpus.load import SKIPPED, LoadedSource
from k2graph.corpus.validation import Located
from k2graph.model import Coverage
from k2graph.problems import Problem
from k2graph.stages.anchor import Anchor, Folds, anchor_quotes

# A break is white space after sentence-ending punctuation (closing quotes and brackets stay with
# the sentence: group 1), or a line break.
_BREAK = re.compile(r"(?<=[.!?\u2026])([\"'\u201d\u2019)\]]*)\s+|\n")
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "dr.", "vs.", "etc.", "mr.", "mrs.", "ms.", "approx."})
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
_SHOWN = 70


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` as code-point spans (end exclusive), in document order."""
    spans: list[Sentence] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    begin = 0
    for match in _BREAK.finditer(text):
        end = match.start() + len(match.group(1) or "")
        if match.group() != "\n" and _no_break_after(text[begin:end]):
            continue
        _add(text, begin, end, line_starts, spans)
        begin = match.end()
    _add(text, begin, len(text), line_starts, spans)
    return spans


def _no_break_after(piece: str) -> bool:
    words = piece.split()
    last = words[-1].lower().lstrip("([\"'\u201c\u2018") if words else ""
    return last in _ABBREVIATIONS or bool(_INITIAL.search(piece))


def _add(text: str, begin: int, end: int, line_starts: list[int], out: list[Sentence]) -> None:
    piece = text[begin:end]
    stripped = piece.strip()
    if not any(ch.isalpha() for ch in stripped):
        return
    start = begin + (len(piece) - len(piece.lstrip()))
    stop = start + len(stripped)
    out.append(Sentence(start, stop, bisect.bisect_right(line_starts, start)))


def anchor_skips(
    sources: Sequence[LoadedSource], folds: Folds | None = None
) -> tuple[dict[tuple[str, int], Anchor], list[Problem]]:
    """Anchor every skip record's quote; keys are (source id, skip index)."""

    def skips(source: LoadedSource) -> Iterable[tuple[Located[Any], str, int | None]]:
        return ((s, s.value.quote, s.value.occurrence) for s in source.skips)

    return anchor_quotes(sources, skips, "quote", folds)


def check_coverage(
    sources: Sequence[LoadedSource],
    claim_anchors: Mapping[tuple[str, int], Anchor],
    skip_anchors: Mapping[tuple[str, int], Anchor],
) -> tuple[dict[str, Coverage], list[Problem]]:
    """Coverage counts per source, and a problem for every sentence neither curated nor skipped.

    A source with a record or skip that did not load or anchor is not judged: its missing quote
    would show up as uncovered sentences on top of the problem already reported.
    """
    counts: dict[str, Coverage] = {}
    problems: list[Problem] = []
    claimed, skips = _by_source(claim_anchors), _by_source(skip_anchors)
    for source in sources:
        curated, skipped = claimed.get(source.id, []), skips.get(source.id, [])
        judged = (
            source.complete
            and source.skips_complete
            and len(curated) == len(source.records)
            and len(skipped) == len(source.skips)
        )
        if not judged:
            continue
        tally = {"curated": 0, "skipped": 0}
        curated_spans, skipped_spans = _Spans(curated), _Spans(skipped)
        for sentence in sentences(source.text):
            if curated_spans.touch(sentence):
                tally["curated"] += 1
            elif skipped_spans.touch(sentence):
                tally["skipped"] += 1
            else:
                problems.append(_uncovered(source, sentence))
        total = tally["curated"] + tally["skipped"]
        counts[source.id] = Coverage(sentences=total, **tally)
    return counts, problems


def _by_source(anchors: Mapping[tuple[str, int], Anchor]) -> dict[str, list[Anchor]]:
    grouped: dict[str, list[Anchor]] = {}
    for (source_id, _), anchor in anchors.items():
        grouped.setdefault(source_id, []).append(anchor)
    return grouped


class _Spans:
    """The union of the anchors' spans as sorted disjoint intervals, so whether a sentence
    overlaps any anchor is one binary search (not a scan of every anchor per sentence)."""

    def __init__(self, anchors: Sequence[Anchor]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((a.start, a.end) for a in anchors):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def touch(self, sentence: Sentence) -> bool:
        """Whether some anchor overlaps the sentence: a.start < sentence.end and
        sentence.start < a.end."""
        i = bisect_right(self.ends, sentence.start)  # the first interval ending after the start
        return i < len(self.ends) and self.starts[i] < sentence.end


def _uncovered(source: LoadedSource, sentence: Sentence) -> Problem:
    words = " ".join(source.text[sentence.start : sentence.end].split())
    shown = words if len(words) <= _SHOWN else words[: _SHOWN - 1] + "…"
    folder = source.meta.file.rsplit("/", 1)[0]
    return Problem(
        file=f"{folder}/document.txt",
        line=sentence.line,
        message=f'sentence neither curated nor skipped: "{shown}"',
        fix=f"add a record for each assertion in it to claims.yaml, or a skip with its reason "
        f"to {SKIPPED}",
    )

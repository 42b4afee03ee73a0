"""Where a quote that is not in its document most nearly is: for the hint `check` gives.

Pieces of the quote are looked for with `str.find` (C speed), each found piece voting for the
start it implies; the most voted start fixes the rough place. An insertion or deletion before
the pieces shifts the start, so the nearby starts are tried and the one agreeing with the quote
longest wins. A long document costs milliseconds per quote, not the seconds of a full
longest-common-substring search (20 MB of failing records once ran past ten minutes).
"""

from __future__ import annotations

_PROBES = 40  # pieces of the quote looked for, at most
_HITS = 50  # places counted per piece, at most


def _rough_place(haystack: str, needle: str) -> int | None:
    """Where the quote most likely starts in the document: each piece of the quote found in the
    document votes for the start it implies, and the most voted start wins (the first on a tie).
    Pieces are looked for with `str.find`, so a long document costs milliseconds, not seconds;
    shorter pieces are tried when no longer one occurs. None when no piece occurs at all."""
    for size in (16, 8, 4, 2, 1):
        if size > len(needle):
            continue
        step = max(size // 2, (len(needle) - size) // _PROBES + 1)
        votes: dict[int, int] = {}
        for offset in range(0, len(needle) - size + 1, step):
            piece, at = needle[offset : offset + size], -1
            for _ in range(_HITS):
                at = haystack.find(piece, at + 1)
                if at < 0:
                    break
                votes[at - offset] = votes.get(at - offset, 0) + 1
        if votes:
            return min(votes, key=lambda start: (-votes[start], start))
    return None


def _common_prefix(needle: str, haystack: str, at: int) -> int:
    length = 0
    while (
        length < len(needle)
        and at + length < len(haystack)
        and needle[length] == haystack[at + length]
    ):
        length += 1
    return length


def nearest_start(haystack: str, needle: str) -> tuple[int, int] | None:
    """The start in `haystack` nearest to holding `needle`, and how many characters of the needle
    agree from there; None when no piece of the needle occurs at all."""
    rough = _rough_place(haystack, needle)
    if rough is None:
        return None
    # A quote with extra words in front may place its start before the document's.
    low = min(max(0, rough - 8), max(len(haystack) - 1, 0))
    starts = range(low, max(low + 1, min(len(haystack), rough + 9)))
    begin = max(starts, key=lambda at: (_common_prefix(needle, haystack, at), -abs(at - rough)))
    return begin, _common_prefix(needle, haystack, begin)

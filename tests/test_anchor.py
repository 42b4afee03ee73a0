"""Quotes are found by the documented folding rule and anchored to exact code-point offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from k2graph.stages.anchor import Anchor, AnchorFailure, anchor_quote, fold

TEXT = (
    "Say \u201chello\u201d to 180\u00a0\u00b5g of MK\u20137.\nIt spans\n  two lines. \U0001f626 end"
)


def anchored(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    result = anchor_quote(text, fold(text), quote, occurrence)
    assert isinstance(result, Anchor), result
    assert text[result.start : result.end] == result.exact
    return result


def test_curly_quotes_micro_sign_nbsp_and_dashes_fold() -> None:
    found = anchored(TEXT, 'Say "hello" to 180 μg of MK-7.')
    assert found.exact == "Say \u201chello\u201d to 180\u00a0\u00b5g of MK\u20137."
    assert (found.start, found.end) == (0, len(found.exact))


def test_quote_across_a_line_break_keeps_the_stored_characters() -> None:
    found = anchored(TEXT, "It spans two lines.")
    assert found.exact == "It spans\n  two lines."
    assert found.line == 2


def test_offsets_are_code_points_after_astral_characters() -> None:
    found = anchored(TEXT, "end")
    assert found.start == TEXT.index("end")
    assert found.prefix == TEXT[found.start - 32 : found.start]
    assert found.suffix == ""


def test_prefix_and_suffix_are_32_code_points() -> None:
    found = anchored(TEXT, "of MK-7.")
    assert found.prefix == TEXT[max(0, found.start - 32) : found.start]
    assert found.suffix == TEXT[found.end : found.end + 32]
    assert found.suffix.startswith("\nIt spans")


def test_ambiguous_quote_lists_every_place() -> None:
    text = "one MK-7 two\nMK-7 three"
    result = anchor_quote(text, fold(text), "MK-7", None)
    assert isinstance(result, AnchorFailure)
    assert "occurs 2 times (1: line 1, 2: line 2)" in result.message
    assert "occurrence" in result.fix
    second = anchored(text, "MK-7", 2)
    assert second.start == text.rindex("MK-7")


def test_occurrence_beyond_the_count_is_refused() -> None:
    result = anchor_quote(TEXT, fold(TEXT), "end", 3)
    assert isinstance(result, AnchorFailure)
    assert "occurs 1 time" in result.message


def test_not_found_names_the_nearest_match_and_first_difference() -> None:
    result = anchor_quote(TEXT, fold(TEXT), "It spans three lines.", None)
    assert isinstance(result, AnchorFailure)
    assert "nearest match at line 2" in result.message
    assert "It spans two lines." in result.message
    assert "character 10: quote has 't', document has 't'" not in result.message
    assert "quote has 'h', document has 'w'" in result.message


def test_match_must_start_and_end_at_word_boundaries() -> None:
    text = "It inactivates MGP. It activates MGP."
    found = anchored(text, "activates MGP")
    assert found.start == text.rindex("activates")


def test_case_matters() -> None:
    assert isinstance(anchor_quote(TEXT, fold(TEXT), "say", None), AnchorFailure)


words = st.text(alphabet="abcµμ“”\u2019' \u00a0\n-–", min_size=1, max_size=60)


@given(text=words, data=st.data())
def test_any_found_quote_is_exactly_the_stored_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    result = anchor_quote(text, fold(text), quote, None)
    if isinstance(result, Anchor):
        assert text[result.start : result.end] == result.exact
        assert fold(result.exact).folded == fold(quote.strip()).folded


def _reference_fold(text: str) -> tuple[str, list[int], list[int]]:
    """The matching rule written the plain way: one character at a time, two offsets each."""
    table = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b5": "\u03bc"}
    table |= dict.fromkeys("\u2013\u2014\u2212", "-")
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        if text[i].isspace():
            while j < len(text) and text[j].isspace():
                j += 1
            chars.append(" ")
        else:
            chars.append(table.get(text[i], text[i]))
        starts.append(i)
        ends.append(j)
        i = j
    return "".join(chars), starts, ends


def _reference_hits(folded: str, needle: str) -> list[int]:
    """Every word-bounded occurrence, by trying every offset."""
    found = []
    for at in range(len(folded) - len(needle) + 1):
        if folded.startswith(needle, at):
            end = at + len(needle)
            before = at == 0 or not (folded[at - 1].isalnum() and needle[0].isalnum())
            after = end == len(folded) or not (folded[end].isalnum() and needle[-1].isalnum())
            if before and after:
                found.append(at)
    return found


pieces = st.sampled_from(
    ["vitamin", "K2", "MK-7", "menaquinone-7", " ", "  ", "\n", "\n\n", "\t", ".", ",", "\u2019",
     "\u201c", "\u2013", "\u00b5g", "_", "é", "𝔸", "activates", "activates matrix Gla protein"]
)  # fmt: skip


@given(parts=st.lists(pieces, max_size=60), data=st.data())
def test_the_fast_fold_and_index_agree_with_the_plain_rule(
    parts: list[str], data: st.DataObject
) -> None:
    text = "".join(parts)
    doc = fold(text)
    folded, starts, ends = _reference_fold(text)
    assert doc.folded == folded
    assert [doc.start(i) for i in range(len(folded))] == starts
    assert [doc.end(i) for i in range(len(folded))] == ends
    assert [doc.line(o) for o in range(len(text) + 1)] == [
        text.count("\n", 0, o) + 1 for o in range(len(text) + 1)
    ]
    # Needles long enough for the word-start index (KEY characters) and short ones for the scan.
    spans = st.tuples(st.integers(0, len(folded)), st.integers(1, 40))
    needles = {
        folded[at : at + size].strip() for at, size in data.draw(st.lists(spans, max_size=8))
    } - {""}
    found = doc.find_many(needles)
    for needle in needles:
        assert found[needle] == _reference_hits(folded, needle), needle

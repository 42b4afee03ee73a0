"""Sentence coverage and inference links, driven on the tiny corpus and on synthetic texts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from factory import CLAIMS, SKIPPED, make_corpus
from hypothesis import given
from hypothesis import strategies as st

from k2graph.cli import main
from k2graph.model import Coverage
from k2graph.pipeline import build_graph, run
from k2graph.stages.coverage import sentences


def words(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()) for s in sentences(text)]


def test_sentences_split_at_line_breaks_and_full_stops() -> None:
    text = "First one. Second one!\nThird? Fourth\u2026 Fifth"
    assert words(text) == ["First one.", "Second one!", "Third?", "Fourth\u2026", "Fifth"]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Foods (e.g. natto) vs. cheese. Dr. M. Lustgarten tracks them. Done."
    assert words(text) == [
        "Foods (e.g. natto) vs. cheese.",
        "Dr. M. Lustgarten tracks them.",
        "Done.",
    ]


def test_pieces_without_letters_are_not_sentences() -> None:
    text = "  1. Liver: K2 helps.\n  \u2022 \n---\n\U0001f626\n2. 45 mcg daily."
    assert words(text) == ["Liver: K2 helps.", "45 mcg daily."]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = "He said \u201cit works.\u201d Then he left."
    assert words(text) == ["He said \u201cit works.\u201d", "Then he left."]


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\u2026\u201d:1e.g.Dr")), max_size=80))
def test_sentences_are_ordered_disjoint_and_cover_every_letter(text: str) -> None:
    found = sentences(text)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        assert any(ch.isalpha() for ch in piece)
        assert sentence.line == text.count("\n", 0, sentence.start) + 1
        previous_end = sentence.end
    covered = {i for s in found for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if ch.isalpha())


def test_coverage_counts_curated_and_skipped_sentences(tiny: Path) -> None:
    graph = build_graph(tiny)
    (source,) = graph.sources
    # "Vitamin K2 … in the" and "vessel wall." are two lines, so two sentences.
    assert source.coverage == Coverage(sentences=6, curated=5, skipped=1)


def test_a_sentence_touched_by_a_claim_counts_as_curated_even_if_also_skipped(
    tmp_path: Path,
) -> None:
    both = SKIPPED + '  - {quote: "MK-7 has a half-life", reason: rhetoric}\n'
    graph = build_graph(make_corpus(tmp_path, skipped=both))
    assert graph.sources[0].coverage == Coverage(sentences=6, curated=5, skipped=1)


def test_coverage_is_not_judged_while_a_quote_fails_to_anchor(tmp_path: Path) -> None:
    broken = CLAIMS.replace("MK-7 has a half-life of ~72 hours.", "MK-7 lasts ~72 hours.")
    _, problems = run(make_corpus(tmp_path, claims=broken))
    messages = [p.message for p in problems]
    assert any(m.startswith("quote not found") for m in messages)
    assert not any("neither curated nor skipped" in m for m in messages)


def test_every_uncovered_sentence_is_listed_by_check(tmp_path: Path) -> None:
    only_first = CLAIMS.split("  - key: half-life")[0]
    sources = make_corpus(tmp_path, claims=only_first, skipped=None, conflicts=None)
    result = CliRunner().invoke(
        main, ["check", "--sources", str(sources), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    uncovered = [line for line in result.stderr.splitlines() if "neither curated" in line]
    # Line 4 holds the same uncovered sentence twice: identical problems print once.
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in uncovered] == ["3", "4", "5"]


INFERRING = CLAIMS.replace(
    "basis: own_experience}",
    "basis: own_inference,\n                  inferred_from: [half-life, dose]}",
)


def test_an_inference_links_to_the_attestations_it_starts_from(tmp_path: Path) -> None:
    graph = build_graph(make_corpus(tmp_path, claims=INFERRING))
    by_key = {a.key: a for a in graph.attestations}
    conclusion = by_key["no-reversal"]
    assert conclusion.inferred_from == tuple(sorted((by_key["half-life"].id, by_key["dose"].id)))
    assert all(not a.inferred_from for key, a in by_key.items() if key != "no-reversal")


def test_inference_links_are_exported(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path, claims=INFERRING)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads((out / "k2graph.json").read_text(encoding="utf-8"))
    linked = [a for a in exported["attestations"] if a["inferred_from"]]
    assert [a["key"] for a in linked] == ["no-reversal"]
    assert len(linked[0]["inferred_from"]) == 2


def test_a_circular_inference_is_refused(tmp_path: Path) -> None:
    circular = INFERRING.replace(
        "modality: asserted, basis: none}",
        "modality: asserted, basis: own_inference,\n"
        "                  inferred_from: [no-reversal]}",
    )
    _, problems = run(make_corpus(tmp_path, claims=circular))
    assert [p.record for p in problems if p.message.startswith("circular inference")] == [
        "record 3",
        "record 4",
    ]

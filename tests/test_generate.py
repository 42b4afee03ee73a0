"""The corpus generator (bench/generate.py) writes corpora the real pipeline accepts.

A few hundred claims are enough to exercise every part of the format the generator writes:
several source kinds and speakers, quantities, qualifiers, inference chains, repeated quotes,
planted and curated conflicts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
from bench_support import bench_module
from hypothesis import given
from hypothesis import strategies as st

from k2graph.corpus.strict_yaml import YamlProblem, parse_yaml
from k2graph.corpus.yaml_scalars import refused_text
from k2graph.model import KnowledgeGraph
from k2graph.pipeline import run
from k2graph.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = 300


generate = bench_module("generate")
yaml_emit = bench_module("yaml_emit")


class Generated(NamedTuple):
    out: Path
    stats: Any
    graph: KnowledgeGraph
    problems: list[Problem]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = tmp_path_factory.mktemp("generated") / "sources"
    stats = generate.generate(CLAIMS, out, seed=7)
    return Generated(out, stats, *run(out))


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_pipeline_accepts_the_corpus_with_no_problem(corpus: Generated) -> None:
    _, stats, graph, problems = corpus
    assert [p.render() for p in problems] == []
    assert len(graph.claims) == stats.claims == CLAIMS
    assert len(graph.attestations) == stats.attestations
    assert len(graph.sources) == stats.sources
    assert len(graph.entities) == stats.entities
    assert stats.attestations > stats.claims  # some claims are attested more than once
    assert all(s.coverage is not None and s.coverage.skipped > 0 for s in graph.sources)
    assert {a.basis.value for a in graph.attestations} == {
        "cited_work",
        "own_inference",
        "own_experience",
        "none",
    }
    assert any(a.inferred_from for a in graph.attestations)
    assert any(c.quantity is not None for c in graph.claims)
    assert any(c.negated for c in graph.claims)


def test_a_few_percent_of_claims_conflict(corpus: Generated) -> None:
    _, stats, graph, _ = corpus
    in_conflict = {side.claim_id for c in graph.conflicts for side in (c.a, c.b)}
    assert 0.01 <= len(in_conflict) / len(graph.claims) <= 0.08
    curated = [c for c in graph.conflicts if "curated" in c.detected_by]
    assert len(curated) == stats.curated_conflicts >= 1
    # The rules find every planted pair (curated or not), and nothing else.
    assert all(set(c.detected_by) - {"curated"} for c in graph.conflicts)
    assert len(in_conflict) == 2 * stats.planted_conflicts


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: Generated, tmp_path: Path) -> None:
    out = corpus.out
    again = tmp_path / "again"
    generate.generate(CLAIMS, again, seed=7, jobs=2)
    assert _tree(again) == _tree(out)
    other = tmp_path / "other"
    generate.generate(CLAIMS, other, seed=8)
    assert _tree(other) != _tree(out)


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(generate.GenerateError, match="not empty"):
        generate.generate(20, tmp_path)
    with pytest.raises(generate.GenerateError, match="refusing to delete"):
        generate.generate(20, tmp_path, force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "corpus"
    assert generate.main(["--claims", "40", "--out", str(out), "--jobs", "1"]) == 0
    assert "40 claims" in capsys.readouterr().out
    assert generate.main(["--claims", "40", "--out", str(out), "--jobs", "1"]) == 1
    assert capsys.readouterr().err.count("\n") == 1  # one line
    assert generate.main(["--claims", "40", "--out", str(out), "--force", "--jobs", "1"]) == 0


@given(st.text())
def test_quoted_strings_read_back_unchanged(text: str) -> None:
    # Text with a control character (but tab and line breaks), a bidirectional formatting
    # character or a hidden one is refused by the reader however it is quoted; everything else
    # reads back as written.
    written = f"key: {yaml_emit.quote(text)}\n"
    if refused_text(text):
        with pytest.raises(YamlProblem, match="character"):
            parse_yaml(written)
    else:
        assert parse_yaml(written).data == {"key": text}

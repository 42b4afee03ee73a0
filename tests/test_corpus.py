"""The committed corpus: byte-identical seeds, complete metadata, enough curated records."""

from __future__ import annotations

import hashlib

import pytest
from conftest import SEEDS, SOURCES

from k2graph.pipeline import build_graph
from k2graph.yamlsafe import parse_yaml

FOLDERS = sorted(p for p in SOURCES.iterdir() if p.is_dir())
GRAPH = build_graph(SOURCES)


def meta(folder_name: str) -> dict[str, object]:
    data = parse_yaml((SOURCES / folder_name / "source.yaml").read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data


def test_five_seed_sources() -> None:
    assert len(FOLDERS) == 5
    assert len(GRAPH.sources) == 5


@pytest.mark.parametrize("name", [f.name for f in FOLDERS])
def test_document_is_the_seed_byte_for_byte(name: str) -> None:
    raw = (SOURCES / name / "document.txt").read_bytes()
    recorded = meta(name)
    assert hashlib.sha256(raw).hexdigest() == recorded["sha256"]
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    seed = SEEDS / str(recorded["original_filename"])
    assert seed.is_file(), f"no seed named {seed.name}"
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == recorded["sha256"]


def test_every_seed_has_exactly_one_source() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    names = sorted(str(meta(f.name)["original_filename"]) for f in FOLDERS)
    assert names == sorted(p.name for p in SEEDS.iterdir() if p.is_file())


def test_every_source_has_an_author_and_at_least_five_attestations() -> None:
    for source in GRAPH.sources:
        speakers = [s for s in GRAPH.speakers if s.source_id == source.id]
        assert any(s.kind == "author" for s in speakers), source.id
        count = sum(1 for a in GRAPH.attestations if a.source_id == source.id)
        assert count >= 5, f"{source.id} has {count} attestations"


def test_every_quote_is_exactly_its_stored_text() -> None:
    texts = {f.name: (f / "document.txt").read_text(encoding="utf-8") for f in FOLDERS}
    for attestation in GRAPH.attestations:
        text = texts[attestation.source_id]
        start, end = attestation.position.start, attestation.position.end
        assert text[start:end] == attestation.quote.exact
        assert text[max(0, start - 32) : start] == attestation.quote.prefix
        assert text[end : end + 32] == attestation.quote.suffix


def test_a_proposition_in_several_sources_is_one_claim() -> None:
    by_claim: dict[str, set[str]] = {}
    for attestation in GRAPH.attestations:
        by_claim.setdefault(attestation.claim_id, set()).add(attestation.source_id)
    assert max(len(sources) for sources in by_claim.values()) >= 3

"""The committed corpus: byte-identical seeds, complete metadata, enough curated records."""

from __future__ import annotations

import hashlib

import pytest
from conftest import SEEDS, SOURCES

from k2graph.corpus.strict_yaml import parse_yaml
from k2graph.model import Claim, Quantity
from k2graph.pipeline import build_graph
from k2graph.predicates import PREDICATES, ObjectKind
from k2graph.stages.quantities import in_base_units

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


# Pinned from the full curation (sources/README.md lists the counts): curation may grow, never
# silently shrink.
MINIMUM_ATTESTATIONS = {
    "blog-k2-what-can-it-do": 99,
    "drug-reference-vitamin-k2-7": 112,
    "knowguff-mk7-reverses-calcification": 105,
    "renovare-k2-7-large-impact": 84,
    "vendor-mk7-latest-study": 115,
}


def test_every_source_has_an_author_and_its_minimum_of_attestations() -> None:
    assert sorted(MINIMUM_ATTESTATIONS) == sorted(s.id for s in GRAPH.sources)
    for source in GRAPH.sources:
        speakers = [s for s in GRAPH.speakers if s.source_id == source.id]
        assert any(s.kind == "author" for s in speakers), source.id
        count = sum(1 for a in GRAPH.attestations if a.source_id == source.id)
        assert count >= MINIMUM_ATTESTATIONS[source.id], f"{source.id} has {count} attestations"
    assert len(GRAPH.attestations) > 150


def test_every_sentence_of_every_document_is_curated_or_skipped() -> None:
    for source in GRAPH.sources:
        assert source.coverage is not None, source.id
        assert source.coverage.sentences == source.coverage.curated + source.coverage.skipped
        # Every document asserts a good deal; a source skipped wholesale is suspicious. (Comment
        # threads and front matter make many skipped sentences, so no ratio is required.)
        assert source.coverage.curated >= 30, source.id


def test_every_predicate_and_entity_used_is_defined() -> None:
    entities = {e.id for e in GRAPH.entities}
    for claim in GRAPH.claims:
        predicate = PREDICATES[claim.predicate]
        assert (claim.quantity is not None) == (predicate.object_kind is ObjectKind.QUANTITY)
        named = [
            claim.subject,
            claim.object,
            *(v for _, v in claim.qualifiers if isinstance(v, str)),
        ]
        assert all(n in entities for n in named if n is not None), claim.text


def proposition(claim: Claim) -> tuple[object, ...]:
    """What a claim says, with every quantity in base units: equal tuples are one proposition."""

    def value(v: object) -> object:
        # "about 180" and "180" are said differently on purpose: approximate stays in the key.
        return (in_base_units(v), v.approximate) if isinstance(v, Quantity) else v

    qualifiers = tuple((name, value(v)) for name, v in claim.qualifiers)
    return (
        claim.subject,
        claim.predicate,
        claim.object,
        value(claim.quantity),
        claim.negated,
        qualifiers,
    )


def test_no_two_claims_are_the_same_proposition() -> None:
    seen: dict[tuple[object, ...], str] = {}
    for claim in GRAPH.claims:
        key = proposition(claim)
        assert key not in seen, f"{claim.id} and {seen[key]} both say: {claim.text}"
        seen[key] = claim.id
    texts = [c.text for c in GRAPH.claims]
    assert len(texts) == len(set(texts)), "two claims read the same"


def test_no_entity_is_used_under_two_identifiers_for_one_name() -> None:
    names: dict[str, str] = {}
    for entity in GRAPH.entities:
        for name in (entity.name, *entity.synonyms):
            folded = " ".join(name.casefold().split())
            assert names.setdefault(folded, entity.id) == entity.id, name


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
    shared = [c for c, sources in by_claim.items() if len(sources) >= 2]
    assert len(shared) >= 34
    assert max(len(sources) for sources in by_claim.values()) >= 3


def test_the_reversal_inference_names_what_it_was_inferred_from() -> None:
    by_key = {
        a.key: a for a in GRAPH.attestations if a.source_id == "knowguff-mk7-reverses-calcification"
    }
    inference = by_key["mk7-reverses-calcification"]
    assert inference.basis == "own_inference"
    premises = [a for a in GRAPH.attestations if a.id in inference.inferred_from]
    claims = {c.id: c for c in GRAPH.claims}
    assert any(claims[p.claim_id].predicate == "improves" for p in premises)


def test_curated_conflicts_cover_every_kind_and_the_vitafoods_reversal() -> None:
    kinds = {c.kind.value for c in GRAPH.conflicts}
    assert kinds == {
        "contradiction",
        "degree",
        "exclusive_values",
        "numeric",
        "scope",
        "publication_status",
    }
    # 22 curated records; those naming the same kind between the same two claims merge.
    curated = [r for c in GRAPH.conflicts for r in c.reasons if r.startswith("curated: ")]
    assert len(curated) >= 22


def test_the_vitafoods_reversal_conflict_traces_back_to_the_unpublished_presentation() -> None:
    by_id = {a.id: a for a in GRAPH.attestations}
    works = {w.id: w for w in GRAPH.works}
    [conflict] = [
        c
        for c in GRAPH.conflicts
        if c.kind == "publication_status"
        and "mk7-reverses-number-one-predictor"
        in {by_id[i].key for side in (c.a, c.b) for i in side.attestation_ids}
    ]
    [reversal] = [
        by_id[i]
        for side in (conflict.a, conflict.b)
        for i in side.attestation_ids
        if by_id[i].key == "mk7-reverses-number-one-predictor"
    ]
    # The conclusion is the author's inference; following its premises reaches the study.
    assert reversal.basis == "own_inference"
    seen, frontier = set(), list(reversal.inferred_from)
    while frontier:
        current = by_id[frontier.pop()]
        if current.id not in seen:
            seen.add(current.id)
            frontier.extend(current.inferred_from)
    cited = {by_id[i].basis_work_id for i in seen} - {None}
    vitafoods = "knowguff-mk7-reverses-calcification--vermeer-vitafoods-2012"
    assert vitafoods in cited
    assert works[vitafoods].publication_status == "unpublished"

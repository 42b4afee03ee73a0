"""The conflict-detection rules, one positive and at least one negative minimal case each."""

from __future__ import annotations

from itertools import combinations
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k2graph.conflicts.rules import RULES, Context, Finding, run_rules
from k2graph.conflicts.rules.logic import (
    antonym_predicates,
    degree_disagreement,
    exclusive_values,
    opposite_polarity,
)
from k2graph.conflicts.rules.numeric import numeric_disagreement
from k2graph.conflicts.rules.publication import unpublished_basis
from k2graph.conflicts.rules.scope import scope_caution
from k2graph.model import (
    Attestation,
    Claim,
    CommercialInterest,
    Entity,
    Qualifiers,
    Quantity,
    Source,
    TextPositionSelector,
    TextQuoteSelector,
    Work,
)
from k2graph.vocabulary import (
    Basis,
    CommercialStatus,
    ConflictKind,
    EntityType,
    Modality,
    PublicationStatus,
    SourceKind,
    StudyDesign,
)

# A small hierarchy: MK-7 and MK-4 are kinds of vitamin K2; arterial calcification is a kind of
# vascular calcification; the rest are unrelated.
HIERARCHY = {"mk-7": ("vitamin-k2",), "mk-4": ("vitamin-k2",), "arterial": ("vascular",)}
POPULATIONS = ("general-population", "adults", "children", "renal-impairment", "animal-models")


def claim(
    cid: str,
    subject: str,
    predicate: str,
    obj: str | None = None,
    *,
    quantity: Quantity | None = None,
    negated: bool = False,
    **qualifiers: Any,
) -> Claim:
    what = obj if quantity is None else f"{quantity.value or (quantity.low, quantity.high)}"
    return Claim(
        id=cid,
        subject=subject,
        predicate=predicate,
        object=obj,
        quantity=quantity,
        negated=negated,
        qualifiers=Qualifiers(**qualifiers),
        text=f"{'NOT ' if negated else ''}{subject} {predicate} {what}",
    )


def q(
    value: float | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "μg",
    per: str | None = "day",
    approximate: bool = False,
) -> Quantity:
    return Quantity(value=value, low=low, high=high, unit=unit, per=per, approximate=approximate)


def context(*claims: Claim, attestations: tuple[Attestation, ...] = (), **extra: Any) -> Context:
    """A context whose entities are every subject and object named (typed by the test's
    conventions), with the hierarchy above, two works and two sources."""
    names = {n for c in claims for n in (c.subject, c.object) if n} | set(POPULATIONS)
    names |= {b for n in names for b in HIERARCHY.get(n, ())}
    entities = {
        n: Entity(
            id=n,
            name=n,
            type=EntityType.POPULATION if n in POPULATIONS else EntityType.CHEMICAL,
            broader=HIERARCHY.get(n, ()),
        )
        for n in names
    }
    return Context(
        claims={c.id: c for c in claims},
        attestations={a.id: a for a in attestations},
        entities=entities,
        works={w.id: w for w in (work("pub", published=True), work("unpub", published=False))},
        sources={s.id: s for s in (source("s1"), source("s2"))},
        **extra,
    )


def work(wid: str, *, published: bool) -> Work:
    status = PublicationStatus.PUBLISHED if published else PublicationStatus.UNPUBLISHED
    return Work(
        id=wid,
        source_id="s1",
        title=wid,
        year=2020,
        url="unknown",
        design=StudyDesign.RCT,
        publication_status=status,
    )


def source(sid: str) -> Source:
    return Source(
        id=sid,
        title=f"source {sid}",
        original_filename="x.txt",
        sha256="0" * 64,
        kind=SourceKind.BLOG_POST,
        publication_status=PublicationStatus.PUBLISHED,
        peer_reviewed=False,
        commercial_interest=CommercialInterest(status=CommercialStatus.NONE_SHOWN, detail="-"),
        site="-",
        publisher="-",
        author="-",
        url="-",
        date="-",
        language="en",
        characters=0,
    )


def attest(aid: str, claim_id: str, work_id: str | None, source_id: str = "s1") -> Attestation:
    """An attestation citing `work_id`, or resting on nothing when it is None."""
    return Attestation(
        id=aid,
        claim_id=claim_id,
        source_id=source_id,
        speaker_id="author",
        quote=TextQuoteSelector(exact="x", prefix="", suffix=""),
        position=TextPositionSelector(start=0, end=1),
        line=1,
        modality=Modality.ASSERTED,
        basis=Basis.CITED_WORK if work_id else Basis.NONE,
        basis_work_id=work_id,
    )


def pairs(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.a, f.b) for f in findings]


# --- the registry ---------------------------------------------------------------------------


def test_rules_are_registered_in_order() -> None:
    assert [rule.__name__ for rule in RULES] == [
        "opposite_polarity",
        "antonym_predicates",
        "degree_disagreement",
        "exclusive_values",
        "numeric_disagreement",
        "scope_caution",
        "unpublished_basis",
    ]
    assert RULES[-1] is unpublished_basis


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_every_rule_is_documented(rule: Any) -> None:
    assert len((rule.__doc__ or "").split()) >= 15


def test_findings_are_single_sentences_in_claim_order() -> None:
    ctx = context(
        claim("c2", "mk-7", "activates", "mgp"),
        claim("c1", "mk-7", "inhibits", "mgp"),
        claim("c3", "mk-7", "activates", "mgp", negated=True),
    )
    findings = run_rules(ctx)
    assert findings
    for f in findings:
        assert f.a < f.b
        assert f.explanation.endswith(".")
        assert "\n" not in f.explanation
    assert len(set(pairs(findings))) == len(findings)


# --- opposite_polarity ----------------------------------------------------------------------


def test_opposite_polarity_fires_on_assert_and_deny() -> None:
    ctx = context(
        claim("c1", "mk-7", "activates", "gdf15"),
        claim("c2", "mk-7", "activates", "gdf15", negated=True),
    )
    assert pairs(opposite_polarity(ctx)) == [("c1", "c2")]


def test_opposite_polarity_needs_the_same_qualifiers() -> None:
    ctx = context(
        claim("c1", "mk-7", "activates", "gdf15", population="adults"),
        claim("c2", "mk-7", "activates", "gdf15", negated=True),
    )
    assert opposite_polarity(ctx) == []


# --- antonym_predicates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "o"),
    [
        ("activates", "inhibits"),
        ("increases", "decreases"),
        ("associated_with", "inversely_associated_with"),
        ("safe_for", "contraindicated_with"),
    ],
)
def test_antonym_predicates_fires_on_opposites(p: str, o: str) -> None:
    ctx = context(claim("c1", "mk-7", p, "x"), claim("c2", "mk-7", o, "x"))
    findings = antonym_predicates(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.CONTRADICTION
    assert p in findings[0].explanation
    assert o in findings[0].explanation


def test_antonym_predicates_needs_the_same_object() -> None:
    ctx = context(claim("c1", "mk-7", "activates", "x"), claim("c2", "mk-7", "inhibits", "y"))
    assert antonym_predicates(ctx) == []


def test_antonym_predicates_uses_equality_not_the_hierarchy() -> None:
    ctx = context(
        claim("c1", "mk-7", "increases", "arterial"), claim("c2", "mk-7", "decreases", "vascular")
    )
    assert antonym_predicates(ctx) == []


def test_antonym_predicates_ignores_negated_claims() -> None:
    ctx = context(
        claim("c1", "mk-7", "activates", "x"), claim("c2", "mk-7", "inhibits", "x", negated=True)
    )
    assert antonym_predicates(ctx) == []


def test_antonym_predicates_needs_opposite_predicates() -> None:
    ctx = context(claim("c1", "mk-7", "activates", "x"), claim("c2", "mk-7", "binds", "x"))
    assert antonym_predicates(ctx) == []


# --- degree_disagreement --------------------------------------------------------------------


def test_degree_disagreement_fires_across_the_hierarchy() -> None:
    ctx = context(
        claim("c1", "mk-7", "reverses", "arterial"), claim("c2", "vitamin-k2", "slows", "vascular")
    )
    findings = degree_disagreement(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.DEGREE
    assert "'reverses' vs 'slows'" in findings[0].explanation


def test_degree_disagreement_allows_one_absent_population() -> None:
    ctx = context(
        claim("c1", "mk-7", "halts", "arterial", population="adults"),
        claim("c2", "mk-7", "no_effect_on", "arterial"),
    )
    assert pairs(degree_disagreement(ctx)) == [("c1", "c2")]


def test_degree_disagreement_not_between_no_population_and_a_specific_one() -> None:
    # "Human studies show slowing" and "an animal study saw reversal" can both hold.
    ctx = context(
        claim("c1", "mk-7", "reverses", "arterial", population="animal-models"),
        claim("c2", "mk-7", "slows", "arterial"),
    )
    assert degree_disagreement(ctx) == []


def test_degree_disagreement_not_for_two_different_populations() -> None:
    ctx = context(
        claim("c1", "mk-7", "reverses", "arterial", population="animal-models"),
        claim("c2", "mk-7", "slows", "arterial", population="adults"),
    )
    assert degree_disagreement(ctx) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (claim("c1", "mk-7", "reverses", "arterial"), claim("c2", "mk-7", "reverses", "vascular")),
        (claim("c1", "mk-7", "reverses", "x"), claim("c2", "mk-7", "slows", "y")),
        (claim("c1", "mk-7", "reverses", "x"), claim("c2", "mk-4", "slows", "x")),
        (claim("c1", "mk-7", "reverses", "x"), claim("c2", "mk-7", "slows", "x", negated=True)),
        (claim("c1", "mk-7", "reverses", "x"), claim("c2", "mk-7", "activates", "x")),
    ],
    ids=["same-degree", "unrelated-objects", "sibling-subjects", "negated", "off-scale"],
)
def test_degree_disagreement_negatives(first: Claim, second: Claim) -> None:
    assert degree_disagreement(context(first, second)) == []


# --- exclusive_values -----------------------------------------------------------------------


def test_exclusive_values_fires_for_a_single_valued_predicate() -> None:
    ctx = context(
        claim("c1", "mk-7", "transported_via", "lymph"),
        claim("c2", "vitamin-k2", "transported_via", "portal-vein"),
    )
    findings = exclusive_values(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.EXCLUSIVE_VALUES


def test_exclusive_values_fires_for_rival_active_forms() -> None:
    ctx = context(
        claim("c1", "mk-4", "is_active_form_of", "vitamin-k2"),
        claim("c2", "mk-7", "is_active_form_of", "vitamin-k2"),
    )
    findings = exclusive_values(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert "active form of vitamin-k2" in findings[0].explanation


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            claim("c1", "mk-7", "absorbed_via", "arterial"),
            claim("c2", "mk-7", "absorbed_via", "vascular"),
        ),
        (claim("c1", "mk-7", "found_in", "natto"), claim("c2", "mk-7", "found_in", "cheese")),
        (
            claim("c1", "mk-7", "absorbed_via", "a"),
            claim("c2", "mk-7", "absorbed_via", "b", negated=True),
        ),
        (claim("c1", "mk-7", "absorbed_via", "a"), claim("c2", "mk-7", "transported_via", "b")),
        (
            claim("c1", "mk-7", "absorbed_via", "a", form="oil"),
            claim("c2", "mk-7", "absorbed_via", "b"),
        ),
        (
            claim("c1", "mk-7", "is_active_form_of", "x"),
            claim("c2", "vitamin-k2", "is_active_form_of", "x"),
        ),
        (
            claim("c1", "mk-4", "is_active_form_of", "x"),
            claim("c2", "mk-7", "is_active_form_of", "x", negated=True),
        ),
    ],
    ids=[
        "related-objects",
        "not-single-valued",
        "negated",
        "different-predicates",
        "different-qualifiers",
        "related-active-forms",
        "negated-active-form",
    ],
)
def test_exclusive_values_negatives(first: Claim, second: Claim) -> None:
    assert exclusive_values(context(first, second)) == []


# --- numeric_disagreement -------------------------------------------------------------------


def half_life(cid: str, quantity: Quantity, subject: str = "mk-7", **qualifiers: Any) -> Claim:
    return claim(cid, subject, "has_half_life", quantity=quantity, **qualifiers)


def dose(cid: str, quantity: Quantity, **qualifiers: Any) -> Claim:
    return claim(cid, "mk-7", "recommended_dose", quantity=quantity, **qualifiers)


def test_numeric_fires_when_values_do_not_overlap() -> None:
    hours = {"unit": "hour", "per": None}
    ctx = context(
        half_life("c1", q(72, approximate=True, **hours)), half_life("c2", q(24, **hours))
    )
    findings = numeric_disagreement(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.NUMERIC
    assert "ranges do not overlap" in findings[0].explanation


def test_numeric_compares_in_base_units() -> None:
    ctx = context(
        half_life("c1", q(3, unit="day", per=None)), half_life("c2", q(72, unit="hour", per=None))
    )
    assert numeric_disagreement(ctx) == []
    ctx = context(
        half_life("c1", q(1, unit="day", per=None)), half_life("c2", q(72, unit="hour", per=None))
    )
    assert pairs(numeric_disagreement(ctx)) == [("c1", "c2")]


def test_numeric_fires_for_far_apart_doses() -> None:
    assert pairs(numeric_disagreement(context(dose("c1", q(180)), dose("c2", q(600))))) == [
        ("c1", "c2")
    ]


def test_numeric_open_bound_is_unbounded() -> None:
    assert numeric_disagreement(context(dose("c1", q(low=100)), dose("c2", q(600)))) == []
    assert pairs(numeric_disagreement(context(dose("c1", q(high=100)), dose("c2", q(600))))) == [
        ("c1", "c2")
    ]


def test_numeric_crossing_ranges_depend_on_the_tolerance() -> None:
    claims = (dose("c1", q(low=90, high=360)), dose("c2", q(low=100, high=375)))
    findings = numeric_disagreement(context(*claims, tolerance=0.05))
    assert pairs(findings) == [("c1", "c2")]
    assert "each range goes beyond the other's bound" in findings[0].explanation
    assert numeric_disagreement(context(*claims, tolerance=0.15)) == []


def test_numeric_range_inside_a_range_is_no_conflict() -> None:
    claims = (dose("c1", q(low=10, high=1000)), dose("c2", q(low=100, high=375)))
    assert numeric_disagreement(context(*claims, tolerance=0.01)) == []


def test_numeric_approximate_value_is_widened() -> None:
    # 100 and 140 stay apart even widened by 15% (115 < 119), but "~100" is first widened to
    # 85-115, which reaches 132 once widened again, past 140's 119.
    assert pairs(numeric_disagreement(context(dose("c1", q(100)), dose("c2", q(140))))) == [
        ("c1", "c2")
    ]
    assert (
        numeric_disagreement(context(dose("c1", q(100, approximate=True)), dose("c2", q(140))))
        == []
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (dose("c1", q(180)), dose("c2", q(low=90, high=360))),
        (
            half_life("c1", q(72, unit="hour", per=None)),
            half_life("c2", q(1, unit="hour", per=None), "mk-4"),
        ),
        (dose("c1", q(180), population="adults"), dose("c2", q(45), population="children")),
        (dose("c1", q(180)), dose("c2", q(2, unit="μg/kg", per=None))),
        (dose("c1", q(180)), dose("c2", q(200))),
        (dose("c1", q(180)), dose("c2", q(600), negated=True)),
        (dose("c1", q(180), form="oil"), dose("c2", q(600))),
    ],
    ids=[
        "point-in-range",
        "different-subjects",
        "different-populations",
        "incomparable-units",
        "within-tolerance",
        "negated",
        "different-form",
    ],
)
def test_numeric_negatives(first: Claim, second: Claim) -> None:
    assert numeric_disagreement(context(first, second)) == []


def test_numeric_allows_one_absent_population() -> None:
    ctx = context(dose("c1", q(180), population="adults"), dose("c2", q(600)))
    assert pairs(numeric_disagreement(ctx)) == [("c1", "c2")]


def test_numeric_not_between_no_population_and_a_specific_one() -> None:
    # "Take 200 mcg daily" does not contradict "45 mcg daily for children under 12".
    ctx = context(dose("c1", q(200)), dose("c2", q(45), population="children"))
    assert numeric_disagreement(ctx) == []


# --- scope_caution --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "permission",
    [
        claim("c1", "vitamin-k2", "safe_for", "general-population"),
        claim("c1", "vitamin-k2", "recommended_for", "general-population"),
        claim("c1", "vitamin-k2", "safe_at", quantity=q(180)),
    ],
    ids=["safe_for", "recommended_for", "safe_at"],
)
def test_scope_caution_fires_for_a_population_caution(permission: Claim) -> None:
    caution = claim("c2", "mk-7", "caution_with", "renal-impairment")
    said = (attest("p1", "c1", None),)
    findings = scope_caution(context(permission, caution, attestations=said))
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.SCOPE
    assert "renal-impairment" in findings[0].explanation
    assert findings[0].only == (("c1", ("p1",)),)


def test_scope_caution_either_order_and_contraindication() -> None:
    ctx = context(
        claim("c1", "mk-7", "contraindicated_with", "children"),
        claim("c2", "mk-7", "safe_for", "general-population"),
        attestations=(attest("p2", "c2", None),),
    )
    assert pairs(scope_caution(ctx)) == [("c1", "c2")]


def test_scope_caution_leaves_out_hedged_permissions() -> None:
    # "Generally well tolerated" admits exceptions: it does not conflict with a caution.
    hedged = attest("p1", "c1", None).model_copy(update={"modality": Modality.HEDGED})
    firm = attest("p2", "c1", None, source_id="s2")
    caution = claim("c2", "mk-7", "caution_with", "renal-impairment")
    permission = claim("c1", "mk-7", "safe_for", "general-population")
    assert scope_caution(context(permission, caution, attestations=(hedged,))) == []
    [finding] = scope_caution(context(permission, caution, attestations=(hedged, firm)))
    assert finding.only == (("c1", ("p2",)),)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            claim("c1", "mk-7", "safe_for", "general-population"),
            claim("c2", "mk-7", "caution_with", "warfarin"),
        ),
        (
            claim("c1", "mk-7", "safe_for", "general-population"),
            claim("c2", "vitamin-d", "caution_with", "children"),
        ),
        (
            claim("c1", "mk-7", "safe_for", "general-population"),
            claim("c2", "mk-7", "caution_with", "children", negated=True),
        ),
        (
            claim("c1", "mk-7", "safe_for", "adults"),
            claim("c2", "mk-7", "caution_with", "children"),
        ),
        (
            claim("c1", "mk-7", "safe_at", quantity=q(180), population="adults"),
            claim("c2", "mk-7", "caution_with", "children"),
        ),
        (
            claim("c1", "mk-7", "safe_for", "general-population"),
            claim("c2", "mk-7", "caution_with", "general-population"),
        ),
    ],
    ids=[
        "object-not-a-population",
        "unrelated-subjects",
        "negated-caution",
        "permission-for-a-group",
        "safe_at-for-a-group",
        "caution-for-everyone",
    ],
)
def test_scope_caution_negatives(first: Claim, second: Claim) -> None:
    # Both claims firmly attested, so only the condition under test can stop the rule.
    said = (attest("p1", "c1", None), attest("p2", "c2", None))
    assert scope_caution(context(first, second, attestations=said)) == []


# --- unpublished_basis ----------------------------------------------------------------------


YES = claim("c1", "mk-7", "activates", "gdf15")
NO = claim("c2", "mk-7", "activates", "gdf15", negated=True)


def test_unpublished_basis_fires_on_unpublished_against_published() -> None:
    ctx = context(YES, NO, attestations=(attest("a1", "c1", "unpub"), attest("a2", "c2", "pub")))
    findings = unpublished_basis(ctx)
    assert pairs(findings) == [("c1", "c2")]
    assert findings[0].kind is ConflictKind.PUBLICATION_STATUS
    assert findings[0].explanation.index(YES.text) < findings[0].explanation.index("unpublished")


def test_unpublished_basis_follows_inferences() -> None:
    inferred = attest("a3", "c1", None).model_copy(
        update={"basis": Basis.OWN_INFERENCE, "inferred_from": ("a1",)}
    )
    ctx = context(
        YES,
        NO,
        attestations=(attest("a1", "c9", "unpub"), inferred, attest("a2", "c2", "pub")),
    )
    assert pairs(unpublished_basis(ctx)) == [("c1", "c2")]


def test_unpublished_basis_uses_the_other_rules() -> None:
    # The same bases, but the claims do not conflict: nothing to say.
    ctx = context(
        YES,
        claim("c2", "mk-7", "activates", "stc2"),
        attestations=(attest("a1", "c1", "unpub"), attest("a2", "c2", "pub")),
    )
    assert unpublished_basis(ctx) == []


def test_unpublished_basis_not_when_both_are_published() -> None:
    ctx = context(YES, NO, attestations=(attest("a1", "c1", "pub"), attest("a2", "c2", "pub")))
    assert unpublished_basis(ctx) == []


def test_unpublished_basis_not_when_the_unpublished_side_is_also_published() -> None:
    attestations = (
        attest("a1", "c1", "unpub"),
        attest("a3", "c1", "pub", source_id="s2"),
        attest("a2", "c2", "pub", source_id="s2"),
    )
    assert unpublished_basis(context(YES, NO, attestations=attestations)) == []


def test_unpublished_basis_within_one_source_once() -> None:
    # Across the corpus c1 also cites published work, but in s1 it rests on unpublished work
    # while c2 cites published work there; s2 shows the contrast too, yet the pair is reported once.
    attestations = (
        attest("a1", "c1", "unpub"),
        attest("a2", "c2", "pub"),
        attest("a3", "c1", "pub", source_id="s3"),
        attest("a4", "c1", "unpub", source_id="s2"),
        attest("a5", "c2", "pub", source_id="s2"),
    )
    findings = unpublished_basis(context(YES, NO, attestations=attestations))
    assert pairs(findings) == [("c1", "c2")]
    assert "source s1" in findings[0].explanation


def test_unpublished_basis_covers_numeric_conflicts() -> None:
    # c1 conflicts with c2 and c3 (c2 and c3 agree within 15%): one finding per conflicting pair.
    attestations = (
        attest("a1", "c1", "unpub"),
        attest("a2", "c2", "pub"),
        attest("a3", "c3", "pub"),
    )
    ctx = context(
        dose("c1", q(180)), dose("c2", q(600)), dose("c3", q(700)), attestations=attestations
    )
    assert pairs(unpublished_basis(ctx)) == [("c1", "c2"), ("c1", "c3")]


def test_unpublished_basis_not_when_a_side_rests_on_nothing_cited() -> None:
    ctx = context(YES, NO, attestations=(attest("a1", "c1", None), attest("a2", "c2", "pub")))
    assert unpublished_basis(ctx) == []


def test_unpublished_basis_ignores_premises_that_cite_nothing() -> None:
    # "Data show X; recent evidence suggests Y; so Z": only the unpublished data are evidence.
    inferred = attest("a3", "c1", None).model_copy(
        update={"basis": Basis.OWN_INFERENCE, "inferred_from": ("a1", "a4")}
    )
    uncited = attest("a4", "c8", None)
    ctx = context(
        YES,
        NO,
        attestations=(attest("a1", "c9", "unpub"), uncited, inferred, attest("a2", "c2", "pub")),
    )
    assert pairs(unpublished_basis(ctx)) == [("c1", "c2")]


# --- candidate pairs: the index finds exactly the pairs a full comparison would ---

DEEP = {**HIERARCHY, "vitamin-k2": ("vitamin-k",), "vascular": ("calcification",)}
NAMES = sorted({*DEEP, *(b for bs in DEEP.values() for b in bs), "mgp", "bone"})


@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from(["activates", "inhibits", "reverses", "slows"]),
            st.one_of(st.none(), st.sampled_from(NAMES)),
        ),
        max_size=25,
    ),
    related=st.sampled_from([(), ("subject",), ("object",), ("subject", "object")]),
    by_predicate=st.booleans(),
    split=st.booleans(),
)
def test_candidate_pairs_match_a_comparison_of_every_pair(
    rows: list[tuple[str, str, str | None]],
    related: tuple[Literal["subject", "object"], ...],
    by_predicate: bool,
    split: bool,
) -> None:
    claims = [claim(f"c{i:02}", s, p, o) for i, (s, p, o) in enumerate(rows)]
    entities = {
        n: Entity(id=n, name=n, type=EntityType.CHEMICAL, broader=DEEP.get(n, ())) for n in NAMES
    }
    ctx = Context({c.id: c for c in claims}, {}, entities, {}, {})
    key = (lambda c: c.predicate) if by_predicate else (lambda c: None)
    keep = (lambda c: c.id < "c10") if split else (lambda c: True)
    partner = (lambda c: c.id >= "c05") if split else None
    found = [(a.id, b.id) for a, b in ctx.pairs(keep, key, related, partner)]
    expected = [
        (a.id, b.id)
        for a, b in combinations(sorted(claims, key=lambda c: c.id), 2)
        if key(a) == key(b)
        and all(ctx.related(getattr(a, f), getattr(b, f)) for f in related)
        and (
            (keep(a) and keep(b))
            if partner is None
            else (keep(a) and partner(b)) or (keep(b) and partner(a))
        )
    ]
    assert found == expected

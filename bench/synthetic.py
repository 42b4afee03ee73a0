"""Synthetic k2graph corpora of any size, built directly as a validated `KnowledgeGraph`.

No YAML is written: the records are constructed in Python, so the pydantic model checks every
field (enumerations, score ranges, required fields). The shape imitates the seed corpus:

* N claims; N // 20 sources (at least 3) whose share of the claims is long-tailed (Zipf, s = 1.1),
  so a few sources state most claims, as a few long articles do in the seed corpus;
* each claim has 1-3 attestations (70 % / 20 % / 10 %), each from a different source, with an
  author speaker, an anchored quote, a modality, a basis (some cite the source's work) and an
  evidence strength with its factors; the claim's strength is its best attestation's;
* a handful of entities (max(30, N // 50)), also long-tailed, as subjects and objects;
* about 3 % of the claims are in a conflict with another claim.

Everything is drawn from `random.Random(seed)`, so the same (N, seed) gives the same graph.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from k2graph.model import (
    Attestation,
    Claim,
    ClaimStrength,
    CommercialInterest,
    Conflict,
    ConflictSide,
    Coverage,
    Entity,
    Factor,
    KnowledgeGraph,
    Quantity,
    Source,
    Speaker,
    Strength,
    TextPositionSelector,
    TextQuoteSelector,
    Work,
)
from k2graph.vocabulary import (
    Basis,
    CommercialStatus,
    ConflictKind,
    EntityType,
    GradeLabel,
    Modality,
    PublicationStatus,
    Severity,
    SourceKind,
    SpeakerKind,
    StudyDesign,
)

DEFAULT_SEED = 20240611
CONFLICT_SHARE = 0.03
RULE = (
    "the score of the claim's strongest attestation; each attestation's corroboration counts the "
    "claim's other independent origins (a cited work once, however many sources quote it)"
)
ENTITY_NAMES = [
    ("menaquinone-7", EntityType.CHEMICAL, ["MK-7", "vitamin K2"]),
    ("menaquinone-4", EntityType.CHEMICAL, ["MK-4"]),
    ("phylloquinone", EntityType.CHEMICAL, ["vitamin K1"]),
    ("matrix Gla protein", EntityType.PROTEIN, ["MGP"]),
    ("osteocalcin", EntityType.PROTEIN, ["bone Gla protein"]),
    ("arterial calcification", EntityType.CONDITION, ["vascular calcification"]),
    ("osteoporosis", EntityType.CONDITION, []),
    ("bone mineral density", EntityType.MEASUREMENT, ["BMD"]),
    ("natto", EntityType.FOOD, ["fermented soybeans"]),
    ("hard cheese", EntityType.FOOD, []),
    ("warfarin", EntityType.DRUG, ["Coumadin"]),
    ("vitamin D3", EntityType.CHEMICAL, ["cholecalciferol"]),
    ("calcium", EntityType.CHEMICAL, []),
    ("gamma-carboxylation", EntityType.PROCESS, ["carboxylation"]),
    ("postmenopausal women", EntityType.POPULATION, []),
    ("coronary artery disease", EntityType.CONDITION, ["CAD"]),
    ("Bacillus subtilis natto", EntityType.ORGANISM, []),
    ("arterial stiffness", EntityType.MEASUREMENT, ["pulse wave velocity"]),
    ("chronic kidney disease", EntityType.CONDITION, ["CKD"]),
    ("blood coagulation", EntityType.PROCESS, ["clotting"]),
]
PREDICATES = [
    "activates",
    "prevents",
    "reduces",
    "increases",
    "found_in",
    "involved_in",
    "supports",
    "used_for",
    "is_a",
    "produced_by",
    "interacts_with",
    "improves",
    "has_property",
    "occurs_in",
]
KINDS = list(SourceKind)
STATUSES = [PublicationStatus.PUBLISHED] * 6 + [
    PublicationStatus.PREPRINT,
    PublicationStatus.UNPUBLISHED,
    PublicationStatus.UNKNOWN,
]
COMMERCIAL = [CommercialStatus.NONE_SHOWN] * 4 + [
    CommercialStatus.SELLS_PRODUCT,
    CommercialStatus.AFFILIATED,
    CommercialStatus.UNKNOWN,
]
DESIGNS = [
    StudyDesign.RCT,
    StudyDesign.COHORT,
    StudyDesign.META_ANALYSIS,
    StudyDesign.ANIMAL,
    StudyDesign.IN_VITRO,
    StudyDesign.NARRATIVE_REVIEW,
    StudyDesign.EXPERT_OPINION,
]
MODALITIES = [Modality.ASSERTED] * 5 + [Modality.HEDGED, Modality.SPECULATIVE, Modality.REPORTED]


def _hid(prefix: str, *parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def _label(score: float) -> GradeLabel:
    if score >= 0.75:
        return GradeLabel.HIGH
    if score >= 0.5:
        return GradeLabel.MODERATE
    if score >= 0.3:
        return GradeLabel.LOW
    return GradeLabel.VERY_LOW


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


def _pick_distinct(rng: random.Random, weights: Sequence[float], k: int) -> list[int]:
    chosen: list[int] = []
    while len(chosen) < k:
        i = rng.choices(range(len(weights)), weights=weights)[0]
        if i not in chosen:
            chosen.append(i)
    return chosen


def synthetic_graph(n_claims: int, seed: int = DEFAULT_SEED) -> KnowledgeGraph:
    """A deterministic synthetic graph with `n_claims` claims (see the module docstring)."""
    if n_claims < 2:
        raise ValueError("a synthetic graph needs at least 2 claims")
    rng = random.Random(f"{seed}:{n_claims}")
    n_sources = max(3, n_claims // 20)
    n_entities = max(30, n_claims // 50)

    sources: list[Source] = []
    speakers: list[Speaker] = []
    works: list[Work] = []
    for i in range(n_sources):
        sid = f"syn-source-{i:05d}"
        status = rng.choice(STATUSES)
        kind = KINDS[i % len(KINDS)]
        sentences = rng.randint(20, 400)
        curated = rng.randint(0, sentences)
        sources.append(
            Source(
                id=sid,
                title=f"Synthetic source {i}: what vitamin K2 does, {kind.value.replace('_', ' ')}",
                original_filename=f"{i:05d}_synthetic.txt",
                sha256=hashlib.sha256(sid.encode()).hexdigest(),
                kind=kind,
                publication_status=status,
                peer_reviewed=kind is SourceKind.PEER_REVIEWED_ARTICLE,
                commercial_interest=CommercialInterest(
                    status=rng.choice(COMMERCIAL), detail="synthetic: drawn at random"
                ),
                site="unknown",
                publisher="unknown",
                author="unknown",
                url=f"https://example.org/synthetic/{i}",
                date="unknown",
                language="en",
                characters=rng.randint(2_000, 80_000),
                coverage=Coverage(
                    sentences=sentences, curated=curated, skipped=sentences - curated
                ),
            )
        )
        speakers.append(
            Speaker(
                id=f"{sid}--author",
                source_id=sid,
                kind=SpeakerKind.AUTHOR,
                name="unknown",
                description="the synthetic page's author",
            )
        )
        works.append(
            Work(
                id=f"{sid}--work",
                source_id=sid,
                title=f"A study cited by synthetic source {i}",
                year=rng.randint(1995, 2024),
                url="unknown",
                design=rng.choice(DESIGNS),
                publication_status=PublicationStatus.PUBLISHED,
            )
        )

    entities: list[Entity] = []
    for i in range(n_entities):
        if i < len(ENTITY_NAMES):
            name, etype, synonyms = ENTITY_NAMES[i]
        else:
            name, etype, synonyms = f"synthetic entity {i}", EntityType.OTHER, []
        entities.append(
            Entity(
                id=_hid("entity", name),
                name=name,
                type=etype,
                synonyms=tuple(synonyms),
            )
        )

    source_weights = _zipf_weights(n_sources)
    entity_weights = _zipf_weights(n_entities, 0.9)
    claims: list[Claim] = []
    attestations: list[Attestation] = []
    atts_of: dict[str, list[Attestation]] = {}
    for c in range(n_claims):
        subject, obj = (entities[i] for i in _pick_distinct(rng, entity_weights, 2))
        predicate = rng.choice(PREDICATES)
        claim_id = _hid("claim", seed, n_claims, c)
        quantity = None
        object_id: str | None = obj.id
        text = f"{subject.name} {predicate.replace('_', ' ')} {obj.name} (synthetic {c})"
        if rng.random() < 0.1:
            object_id = None
            quantity = Quantity(value=float(rng.choice([45, 90, 180, 360])), unit="µg", per="day")
            text = f"{subject.name} {predicate.replace('_', ' ')} {quantity.value:g} µg/day"
            text += f" (synthetic {c})"
        count = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        mine: list[Attestation] = []
        for j in _pick_distinct(rng, source_weights, min(count, n_sources)):
            sid = sources[j].id
            cites = rng.random() < 0.4
            factors = [
                Factor(
                    name="design",
                    detail=f"cites {works[j].design.value}" if cites else "no cited work",
                    contribution=round(rng.uniform(0.05, 0.6), 2),
                ),
                Factor(
                    name="modality", detail="asserted", contribution=round(rng.uniform(-0.1, 0), 2)
                ),
                Factor(
                    name="corroboration",
                    detail=f"{count - 1} other independent origin(s) state the same claim",
                    contribution=0.15 * (count - 1),
                ),
            ]
            score = round(min(1.0, max(0.0, sum(f.contribution for f in factors))), 2)
            start = rng.randint(0, 60_000)
            att = Attestation(
                id=_hid("att", claim_id, sid),
                claim_id=claim_id,
                source_id=sid,
                speaker_id=speakers[j].id,
                key=f"synthetic-{c}",
                quote=TextQuoteSelector(
                    exact=text, prefix="As the evidence shows, ", suffix=" \u2014 said the page."
                ),
                position=TextPositionSelector(start=start, end=start + len(text)),
                line=rng.randint(1, 900),
                modality=rng.choice(MODALITIES),
                basis=Basis.CITED_WORK if cites else Basis.NONE,
                basis_work_id=works[j].id if cites else None,
                strength=Strength(score=score, label=_label(score), factors=tuple(factors)),
            )
            mine.append(att)
        best = max(mine, key=lambda a: (a.strength.score if a.strength else 0.0, a.id))
        best_score = best.strength.score if best.strength else 0.0
        claims.append(
            Claim(
                id=claim_id,
                subject=subject.id,
                predicate=predicate,
                object=object_id,
                quantity=quantity,
                negated=rng.random() < 0.05,
                text=text,
                strength=ClaimStrength(
                    score=best_score,
                    label=_label(best_score),
                    origins=tuple(sorted(f"speaker:{a.speaker_id}" for a in mine)),
                    best_attestation_id=best.id,
                    rule=RULE,
                ),
            )
        )
        attestations.extend(mine)
        atts_of[claim_id] = mine

    conflicts: list[Conflict] = []
    for k in range(max(1, round(n_claims * CONFLICT_SHARE))):
        a, b = rng.sample(claims, 2)

        def side(claim: Claim) -> ConflictSide:
            atts = atts_of[claim.id]
            return ConflictSide(
                claim_id=claim.id,
                attestation_ids=tuple(sorted(x.id for x in atts)),
                score=max(x.strength.score for x in atts if x.strength),
            )

        kind = rng.choice(list(ConflictKind))
        reason = f"synthetic conflict {k}: {a.text!r} against {b.text!r}"
        conflicts.append(
            Conflict(
                id=_hid("conflict", seed, n_claims, k),
                kind=kind,
                severity=rng.choice(list(Severity)),
                a=side(a),
                b=side(b),
                favours=rng.choice(["a", "b", None]),
                favours_why="synthetic",
                explanation=reason,
                detected_by=("curated",),
                reasons=(f"curated: {reason}",),
            )
        )

    return KnowledgeGraph(
        sources=tuple(sorted(sources, key=lambda x: x.id)),
        works=tuple(sorted(works, key=lambda x: x.id)),
        speakers=tuple(sorted(speakers, key=lambda x: x.id)),
        entities=tuple(sorted(entities, key=lambda x: x.id)),
        claims=tuple(sorted(claims, key=lambda x: x.id)),
        attestations=tuple(sorted(attestations, key=lambda x: x.id)),
        conflicts=tuple(sorted({c.id: c for c in conflicts}.values(), key=lambda x: x.id)),
    )
